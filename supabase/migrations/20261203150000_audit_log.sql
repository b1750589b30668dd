-- Audit log: an append-only record of every change to managers, administrators, invitations, the contact
-- person and the customer data of an account, by users, support staff and the system. Written by AFTER
-- triggers, so every path (API, support functions, the dashboard's table editor) is recorded.
-- Who acted: support when a support function marked the transaction (app.support_agent), else the signed-in
-- user (auth.uid()), else the system (migrations, back-office jobs, manual edits in the dashboard; the
-- database login is recorded too).
create schema if not exists audit;
comment on schema audit is 'The audit log (append-only). Not exposed through the API; managers read their accounts'' part through public.audit_log.';
revoke all on schema audit from public;
grant usage on schema audit to authenticated, service_role;
alter default privileges in schema audit revoke execute on functions from public;

create type public.audit_actor_kind as enum ('user', 'support', 'system');
comment on type public.audit_actor_kind is 'Who made a change: user = a signed-in customer (through the app); support = support staff through a support.* function (with a reason); system = anything else (migrations, back-office jobs, manual edits in the dashboard).';

create type public.audit_event_kind as enum (
  'manager_added',
  'manager_removed',
  'administrator_added',
  'administrator_removed',
  'invitation_created',
  'invitation_renewed',
  'invitation_accepted',
  'invitation_revoked',
  'contact_person_changed',
  'customer_data_changed',
  'customer_account_created',
  'user_email_changed'
);
comment on type public.audit_event_kind is 'What changed: a manager or administrator added/removed, an invitation created/renewed/accepted/revoked, the contact person changed, customer data (company name, billing address, …) changed, a customer account created, the login e-mail address of a user changed.';

create table audit.events (
  id bigint generated always as identity primary key,
  occurred_at timestamptz not null default now(),
  kind public.audit_event_kind not null,
  actor_kind public.audit_actor_kind not null,
  actor_id uuid,
  actor_label text,
  reason text,
  database_login text not null default session_user,
  account_id uuid,
  customer_number text,
  cluster_id uuid,
  cluster_number text,
  subject_user_id uuid,
  subject_email text,
  details jsonb not null default '{}'::jsonb
);
comment on table audit.events is 'Audit log: one row per change to managers, administrators, invitations, contact person or customer data. Append-only: rows can be neither changed nor deleted (a trigger refuses it, also for the dashboard). No foreign keys on purpose: the record outlives deleted users and accounts.';
comment on column audit.events.id is 'Sequence number of the entry (increasing).';
comment on column audit.events.occurred_at is 'When the change happened (start of its transaction).';
comment on column audit.events.kind is 'What changed (see type audit_event_kind).';
comment on column audit.events.actor_kind is 'user, support or system (see type audit_actor_kind).';
comment on column audit.events.actor_id is 'The signed-in user who made the change (actor_kind = user); null for support and system.';
comment on column audit.events.actor_label is 'Readable actor: the user''s e-mail address, the support agent''s name, or the database login for system changes.';
comment on column audit.events.reason is 'Why support made the change (ticket number, what was verified). Required for support actions, empty otherwise.';
comment on column audit.events.database_login is 'The database login of the session (authenticator = through the API, postgres = dashboard / SQL editor).';
comment on column audit.events.account_id is 'The customer account concerned (for cluster events: the account that owns the cluster). Managers of this account see the entry.';
comment on column audit.events.customer_number is 'Customer number at the time (CN-xxxx), kept even if the account is deleted later.';
comment on column audit.events.cluster_id is 'The cluster concerned (administrator events and administrator invitations).';
comment on column audit.events.cluster_number is 'Cluster number at the time (C-xxxx).';
comment on column audit.events.subject_user_id is 'The person the change is about (the manager added or removed, the new contact person, …).';
comment on column audit.events.subject_email is 'E-mail address of that person at the time (or the invited address).';
comment on column audit.events.details is 'Further facts as JSON: for customer_data_changed the changed columns with old and new value; for contact_person_changed the previous and new contact person; for invitations role and expiry.';
create index events_account_id_idx on audit.events (account_id, occurred_at desc);
create index events_cluster_id_idx on audit.events (cluster_id);
create index events_subject_user_id_idx on audit.events (subject_user_id);
create index events_actor_id_idx on audit.events (actor_id);

alter table audit.events enable row level security;
create policy "Managers can see the audit log of their customer accounts"
  on audit.events for select to authenticated
  using (account_id = any (array(select app_private.managed_account_ids())));
-- Read only: no insert, update or delete right for any API role.
revoke all on audit.events from public, anon, authenticated, service_role;
grant select on audit.events to authenticated, service_role;

-- Who may call: the trigger below. Why: append-only means also for the dashboard's roles, not only the API.
create function audit.refuse_change()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  raise exception using
    errcode = '42501',
    message = 'audit_log_append_only',
    detail = 'The audit log is append-only: entries cannot be changed or deleted.';
end;
$$;
comment on function audit.refuse_change() is 'Trigger: refuses every update, delete and truncate of the audit log.';
revoke execute on function audit.refuse_change() from public;
create trigger events_append_only
  before update or delete on audit.events
  for each row execute function audit.refuse_change();
create trigger events_no_truncate
  before truncate on audit.events
  for each statement execute function audit.refuse_change();

-- Who may call: the audit triggers. Writes one entry with the actor of the current transaction.
create function audit.record(
  p_kind public.audit_event_kind,
  p_account_id uuid,
  p_cluster_id uuid,
  p_subject_user_id uuid,
  p_subject_email text,
  p_details jsonb
)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_agent text := nullif(current_setting('app.support_agent', true), '');
  v_uid uuid := (select auth.uid());
  v_account uuid := p_account_id;
  v_customer_number text;
  v_cluster_number text;
  v_actor_kind public.audit_actor_kind;
  v_actor_label text;
begin
  if p_cluster_id is not null then
    select c.cluster_number, coalesce(v_account, c.account_id) into v_cluster_number, v_account
      from public.clusters c where c.id = p_cluster_id;
  end if;
  if v_account is not null then
    select a.customer_number into v_customer_number from public.customer_accounts a where a.id = v_account;
  end if;
  if v_agent is not null then
    v_actor_kind := 'support';
    v_actor_label := v_agent;
    v_uid := null;
  elsif v_uid is not null then
    v_actor_kind := 'user';
    select p.email into v_actor_label from public.profiles p where p.id = v_uid;
  else
    v_actor_kind := 'system';
    v_actor_label := session_user;
  end if;
  insert into audit.events (kind, actor_kind, actor_id, actor_label, reason, account_id, customer_number,
                            cluster_id, cluster_number, subject_user_id, subject_email, details)
  values (p_kind, v_actor_kind, v_uid, v_actor_label,
          case when v_actor_kind = 'support' then nullif(current_setting('app.support_reason', true), '') end,
          v_account, v_customer_number, p_cluster_id, v_cluster_number, p_subject_user_id,
          coalesce(p_subject_email, (select p.email from public.profiles p where p.id = p_subject_user_id)),
          coalesce(p_details, '{}'::jsonb));
end;
$$;
comment on function audit.record(public.audit_event_kind, uuid, uuid, uuid, text, jsonb) is 'Writes one audit entry with the actor of the current transaction (support / user / system). For the audit triggers only.';
revoke execute on function audit.record(public.audit_event_kind, uuid, uuid, uuid, text, jsonb) from public, anon, authenticated, service_role;

-- Who may call: the trigger on account_managers.
create function audit.on_account_managers()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    perform audit.record('manager_added', new.account_id, null, new.user_id, null, jsonb_build_object('added_by', new.added_by));
    return new;
  end if;
  perform audit.record('manager_removed', old.account_id, null, old.user_id, null, '{}'::jsonb);
  return old;
end;
$$;
comment on function audit.on_account_managers() is 'Trigger: audit entry for every manager added to or removed from a customer account.';
revoke execute on function audit.on_account_managers() from public;
create trigger audit_account_managers
  after insert or delete on public.account_managers
  for each row execute function audit.on_account_managers();

-- Who may call: the trigger on cluster_administrators.
create function audit.on_cluster_administrators()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    perform audit.record('administrator_added', null, new.cluster_id, new.user_id, null, jsonb_build_object('added_by', new.added_by));
    return new;
  end if;
  perform audit.record('administrator_removed', null, old.cluster_id, old.user_id, null, '{}'::jsonb);
  return old;
end;
$$;
comment on function audit.on_cluster_administrators() is 'Trigger: audit entry for every administrator added to or removed from a cluster.';
revoke execute on function audit.on_cluster_administrators() from public;
create trigger audit_cluster_administrators
  after insert or delete on public.cluster_administrators
  for each row execute function audit.on_cluster_administrators();

-- Who may call: the trigger on invitations. Created, renewed (new token), accepted, revoked.
create function audit.on_invitations()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_kind public.audit_event_kind;
  v_details jsonb := jsonb_build_object('invitation_id', new.id, 'role', new.role, 'expires_at', new.expires_at);
begin
  if tg_op = 'INSERT' then
    v_kind := 'invitation_created';
  elsif old.accepted_at is null and new.accepted_at is not null then
    v_kind := 'invitation_accepted';
    v_details := v_details || jsonb_build_object('accepted_by', new.accepted_by);
  elsif old.revoked_at is null and new.revoked_at is not null then
    v_kind := 'invitation_revoked';
  elsif old.token_hash is distinct from new.token_hash and old.created_at <> now() then
    -- (a new token in the transaction that created the invitation is part of the creation)
    v_kind := 'invitation_renewed';
  else
    return new;
  end if;
  perform audit.record(v_kind, new.account_id, new.cluster_id,
                       case when v_kind = 'invitation_accepted' then new.accepted_by end, new.email, v_details);
  return new;
end;
$$;
comment on function audit.on_invitations() is 'Trigger: audit entry when an invitation is created, renewed, accepted or revoked.';
revoke execute on function audit.on_invitations() from public;
create trigger audit_invitations
  after insert or update on public.invitations
  for each row execute function audit.on_invitations();

-- Who may call: the trigger on customer_accounts. The contact person is its own kind; every other changed
-- column (company name, billing data, and columns added later) lands generically in customer_data_changed as
-- {"column": {"old": …, "new": …}}.
create function audit.on_customer_accounts()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_old jsonb;
  v_new jsonb;
  v_changes jsonb;
begin
  if tg_op = 'INSERT' then
    perform audit.record('customer_account_created', new.id, null, null, null,
                         jsonb_build_object('company_name', new.company_name));
    return new;
  end if;
  if old.contact_person_id is distinct from new.contact_person_id then
    perform audit.record('contact_person_changed', new.id, null, new.contact_person_id, null,
      jsonb_build_object(
        'previous_contact_id', old.contact_person_id,
        'previous_contact_email', (select p.email from public.profiles p where p.id = old.contact_person_id),
        'new_contact_id', new.contact_person_id,
        'new_contact_email', (select p.email from public.profiles p where p.id = new.contact_person_id)));
  end if;
  v_old := to_jsonb(old) - 'contact_person_id';
  v_new := to_jsonb(new) - 'contact_person_id';
  select coalesce(jsonb_object_agg(n.key, jsonb_build_object('old', v_old -> n.key, 'new', n.value)), '{}'::jsonb)
    into v_changes
    from jsonb_each(v_new) n
   where (v_old -> n.key) is distinct from n.value;
  if v_changes <> '{}'::jsonb then
    perform audit.record('customer_data_changed', new.id, null, null, null, jsonb_build_object('changes', v_changes));
  end if;
  return new;
end;
$$;
comment on function audit.on_customer_accounts() is 'Trigger: audit entries for a new customer account, a change of its contact person, and any change of its customer data (changed columns with old and new value).';
revoke execute on function audit.on_customer_accounts() from public;
create trigger audit_customer_accounts
  after insert or update on public.customer_accounts
  for each row execute function audit.on_customer_accounts();

-- Who may call: the trigger on profiles. A changed login address concerns every account the person manages and
-- every cluster they administer: one entry each (one without target when they have no role anywhere).
create function audit.on_profile_email()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_details jsonb := jsonb_build_object('old_email', old.email, 'new_email', new.email);
  v_count int := 0;
  r record;
begin
  if old.email is not distinct from new.email then
    return new;
  end if;
  for r in
    select m.account_id, null::uuid as cluster_id from public.account_managers m where m.user_id = new.id
    union all
    select null::uuid, ca.cluster_id from public.cluster_administrators ca where ca.user_id = new.id
  loop
    perform audit.record('user_email_changed', r.account_id, r.cluster_id, new.id, new.email, v_details);
    v_count := v_count + 1;
  end loop;
  if v_count = 0 then
    perform audit.record('user_email_changed', null, null, new.id, new.email, v_details);
  end if;
  return new;
end;
$$;
comment on function audit.on_profile_email() is 'Trigger: audit entries when the login e-mail address of a user changes (one per account managed and cluster administered).';
revoke execute on function audit.on_profile_email() from public;
create trigger audit_profile_email
  after update of email on public.profiles
  for each row execute function audit.on_profile_email();

-- The managers' read model (Activity page). security_invoker: the caller's RLS on audit.events applies, so a
-- manager sees the entries of the accounts they manage (cluster events carry the owning account) and an
-- administrator sees nothing.
create view public.audit_log
with (security_invoker = true)
as
select
  e.id,
  e.occurred_at,
  e.kind,
  e.actor_kind,
  case when e.actor_kind = 'support' then null else e.actor_label end as actor_email,
  e.reason,
  e.account_id,
  e.customer_number,
  e.cluster_id,
  e.cluster_number,
  e.subject_email,
  e.details
from audit.events e
where e.account_id is not null;
comment on view public.audit_log is 'Audit log of the customer accounts the requesting user manages (the Activity page): who changed what, when, on which account or cluster. Read-only.';
comment on column public.audit_log.id is 'Sequence number of the entry.';
comment on column public.audit_log.occurred_at is 'When the change happened.';
comment on column public.audit_log.kind is 'What changed (audit_event_kind).';
comment on column public.audit_log.actor_kind is 'user, support or system.';
comment on column public.audit_log.actor_email is 'E-mail address of the user who made the change; empty for support (the support agent stays internal) and shows the database login for system changes.';
comment on column public.audit_log.reason is 'Why support made the change.';
comment on column public.audit_log.account_id is 'The customer account.';
comment on column public.audit_log.customer_number is 'Customer number (CN-xxxx).';
comment on column public.audit_log.cluster_id is 'The cluster, for administrator events.';
comment on column public.audit_log.cluster_number is 'Cluster number (C-xxxx).';
comment on column public.audit_log.subject_email is 'The person the change is about.';
comment on column public.audit_log.details is 'Further facts (changed columns, previous and new contact person, invitation role and expiry).';
revoke all on public.audit_log from public, anon, authenticated;
grant select on public.audit_log to authenticated, service_role;
