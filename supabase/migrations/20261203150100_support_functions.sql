-- Support staff work from the Supabase dashboard (SQL editor, table editor). Every support action is one call
-- of a function in schema `support`, which the API does not expose and no API role may use: only the
-- dashboard's database role (postgres) calls it. Each action takes the support agent's name and a reason,
-- writes the audit log with actor_kind = support, and sends its e-mails through the outbox in the same
-- transaction. Runbooks: docs/support.md.
create schema if not exists support;
comment on schema support is 'Support staff''s tools for the dashboard: audited actions (change_user_email, replace_manager, set_contact_person), look-ups (user_access, accounts). Not exposed through the API; callable only by postgres (the dashboard). Runbooks: docs/support.md.';
revoke all on schema support from public;
alter default privileges in schema support revoke execute on functions from public;
alter default privileges in schema support revoke all on tables from public;

create type public.invitation_state as enum ('pending', 'accepted', 'revoked', 'expired');
comment on type public.invitation_state is 'State of an invitation: pending = can still be accepted; accepted; revoked = withdrawn by a manager; expired = not accepted in time.';

-- Who may call: SQL and views. The state of an invitation in readable form.
create function app_private.invitation_state(p_accepted_at timestamptz, p_revoked_at timestamptz, p_expires_at timestamptz)
returns public.invitation_state
language sql
stable
set search_path = ''
as $$
  select case
    when p_accepted_at is not null then 'accepted'::public.invitation_state
    when p_revoked_at is not null then 'revoked'::public.invitation_state
    when p_expires_at <= now() then 'expired'::public.invitation_state
    else 'pending'::public.invitation_state
  end
$$;
comment on function app_private.invitation_state(timestamptz, timestamptz, timestamptz) is 'pending / accepted / revoked / expired from the timestamps of an invitation.';
revoke execute on function app_private.invitation_state(timestamptz, timestamptz, timestamptz) from public;

-- Who may call: the support functions. Marks the transaction as a support action (the audit triggers read
-- it) after checking that an agent and a reason are given.
create function app_private.begin_support_action(p_support_agent text, p_reason text)
returns void
language plpgsql
volatile
set search_path = ''
as $$
begin
  if p_support_agent is null or char_length(btrim(p_support_agent)) < 2 then
    raise exception using errcode = 'P0001', message = 'support_agent_required',
      detail = 'Name yourself in p_support_agent (e.g. your name or staff id): the audit log records who acted.';
  end if;
  if p_reason is null or char_length(btrim(p_reason)) < 5 then
    raise exception using errcode = 'P0001', message = 'reason_required',
      detail = 'Give a reason in p_reason (ticket number and what you verified): the audit log records it.';
  end if;
  perform set_config('app.support_agent', btrim(p_support_agent), true);
  perform set_config('app.support_reason', btrim(p_reason), true);
  -- The generic change notices (app_private.notify_*) would name no changing user; support functions send
  -- their own support-worded e-mails instead, so each person gets one e-mail.
  perform set_config('app.notifications', 'off', true);
end;
$$;
comment on function app_private.begin_support_action(text, text) is 'Support functions: checks agent and reason, marks the transaction as a support action for the audit log and turns the generic change notices off (support functions send their own e-mails).';
revoke execute on function app_private.begin_support_action(text, text) from public, anon, authenticated, service_role;

-- Who may call: the support functions. A valid, normalised e-mail address or the invalid_email refusal.
create function app_private.normalise_email(p_email text)
returns text
language plpgsql
immutable
set search_path = ''
as $$
declare
  v text := lower(btrim(coalesce(p_email, '')));
begin
  if char_length(v) > 254 or v !~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$' then
    raise exception using errcode = 'P0001', message = 'invalid_email', detail = format('%L is not a valid e-mail address.', p_email);
  end if;
  return v;
end;
$$;
comment on function app_private.normalise_email(text) is 'Trims and lower-cases an e-mail address; refuses an invalid one (invalid_email).';
revoke execute on function app_private.normalise_email(text) from public;

-- Who may call: the support functions. The customer account for a customer number, locked, or account_not_found.
create function app_private.support_account(p_customer_number text)
returns public.customer_accounts
language plpgsql
volatile
set search_path = ''
as $$
declare
  v public.customer_accounts;
begin
  select * into v from public.customer_accounts a where a.customer_number = upper(btrim(coalesce(p_customer_number, ''))) for update;
  if not found then
    raise exception using errcode = 'P0001', message = 'account_not_found', detail = format('There is no customer account %s.', coalesce(p_customer_number, '(null)'));
  end if;
  return v;
end;
$$;
comment on function app_private.support_account(text) is 'Support functions: the customer account with this customer number (row locked), or account_not_found.';
revoke execute on function app_private.support_account(text) from public;

-- Pending manager replacements ------------------------------------------------------------------------------
create table app_private.manager_replacements (
  invitation_id uuid primary key references public.invitations (id) on delete cascade,
  account_id uuid not null references public.customer_accounts (id) on delete cascade,
  departed_user_id uuid references public.profiles (id) on delete set null,
  move_contact boolean not null,
  support_agent text not null,
  reason text not null,
  created_at timestamptz not null default now(),
  completed_at timestamptz
);
comment on table app_private.manager_replacements is 'Manager replacements by support (support.replace_manager) whose new manager has not accepted the invitation yet. Completed (contact person moved, departed manager removed if still there) when the invitation is accepted.';
comment on column app_private.manager_replacements.invitation_id is 'The manager invitation sent to the new manager.';
comment on column app_private.manager_replacements.account_id is 'The customer account.';
comment on column app_private.manager_replacements.departed_user_id is 'The manager who left the company (removed at once, or when the new manager accepts).';
comment on column app_private.manager_replacements.move_contact is 'True when the new manager becomes contact person on acceptance.';
comment on column app_private.manager_replacements.support_agent is 'Who started the replacement.';
comment on column app_private.manager_replacements.reason is 'Why (ticket).';
comment on column app_private.manager_replacements.created_at is 'When support started the replacement.';
comment on column app_private.manager_replacements.completed_at is 'When the new manager accepted and the replacement was completed; null = still waiting.';
create index manager_replacements_account_id_idx on app_private.manager_replacements (account_id);
create index manager_replacements_departed_user_id_idx on app_private.manager_replacements (departed_user_id);
alter table app_private.manager_replacements enable row level security;
revoke all on app_private.manager_replacements from public, anon, authenticated, service_role;

-- Who may call: the trigger below (inside accept_invitation). Completes a support replacement when the new
-- manager accepts: contact person to the new manager, departed manager (and their administrator rows on the
-- account's clusters) removed. Logged as support with the original reason.
create function app_private.complete_manager_replacement()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  r app_private.manager_replacements;
  v_prev uuid;
begin
  if old.accepted_at is not null or new.accepted_at is null then
    return new;
  end if;
  select * into r from app_private.manager_replacements m where m.invitation_id = new.id and m.completed_at is null for update;
  if not found then
    return new;
  end if;
  perform set_config('app.support_agent', r.support_agent, true);
  perform set_config('app.support_reason', r.reason || ' (completed when the new manager accepted)', true);
  perform set_config('app.notifications', 'off', true);
  select a.contact_person_id into v_prev from public.customer_accounts a where a.id = r.account_id for update;
  if r.move_contact and v_prev is distinct from new.accepted_by then
    update public.customer_accounts a set contact_person_id = new.accepted_by where a.id = r.account_id;
    insert into public.contact_person_changes (account_id, previous_contact_id, new_contact_id, changed_by)
    values (r.account_id, v_prev, new.accepted_by, null);
  end if;
  if r.departed_user_id is not null and r.departed_user_id <> new.accepted_by then
    delete from public.cluster_administrators ca
     using public.clusters c
     where c.id = ca.cluster_id and c.account_id = r.account_id and ca.user_id = r.departed_user_id;
    delete from public.account_managers m where m.account_id = r.account_id and m.user_id = r.departed_user_id;
  end if;
  update app_private.manager_replacements m set completed_at = now() where m.invitation_id = r.invitation_id;
  perform set_config('app.support_agent', '', true);
  perform set_config('app.support_reason', '', true);
  perform set_config('app.notifications', '', true);
  return new;
end;
$$;
comment on function app_private.complete_manager_replacement() is 'Trigger: completes a pending support.replace_manager when its invitation is accepted.';
revoke execute on function app_private.complete_manager_replacement() from public;
create trigger complete_manager_replacement
  after update of accepted_at on public.invitations
  for each row execute function app_private.complete_manager_replacement();

-- 1. Manual validation: change a user's login address ---------------------------------------------------------
-- Who may call: support staff in the dashboard's SQL editor (postgres), after verifying the person by other
-- means (FAQ: "I no longer have access to the e-mail address"). Why in SQL and not in the Auth screen: the
-- person cannot confirm anything at the old address, so GoTrue's e-mail change (double confirmation) cannot
-- complete; this function writes auth.users and the e-mail identity directly, confirmed, in one audited
-- transaction. The profile follows through the sync trigger; all sessions are ended (sign in again with the new
-- address); the old and the new address are told.
create function support.change_user_email(p_support_agent text, p_reason text, p_current_email text, p_new_email text)
returns table (user_id uuid, old_email text, new_email text, sessions_ended int)
language plpgsql
volatile
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_user auth.users%rowtype;
  v_new text;
  v_lang text;
  v_name text;
  v_sessions int;
  v_key text := 'support_email_changed:' || pg_catalog.txid_current()::text;
begin
  perform app_private.begin_support_action(p_support_agent, p_reason);
  select * into v_user from auth.users u where lower(u.email) = lower(btrim(coalesce(p_current_email, ''))) for update;
  if not found then
    raise exception using errcode = 'P0001', message = 'user_not_found', detail = format('No user has the login address %L.', p_current_email);
  end if;
  v_new := app_private.normalise_email(p_new_email);
  if v_new = lower(v_user.email) then
    raise exception using errcode = 'P0001', message = 'email_unchanged', detail = 'The new address is the current one.';
  end if;
  if exists (select 1 from auth.users u where lower(u.email) = v_new) then
    raise exception using errcode = 'P0001', message = 'email_taken', detail = format('Another user already logs in with %s.', v_new);
  end if;

  update auth.users u
     set email = v_new,
         email_confirmed_at = now(),
         email_change = '',
         email_change_token_new = '',
         email_change_sent_at = null,
         updated_at = now()
   where u.id = v_user.id;
  update auth.identities i
     set identity_data = i.identity_data || jsonb_build_object('email', v_new, 'email_verified', true),
         updated_at = now()
   where i.user_id = v_user.id and i.provider = 'email';
  delete from auth.sessions s where s.user_id = v_user.id;
  get diagnostics v_sessions = row_count;

  select coalesce(p.language, 'de'), coalesce(p.display_name, p.email) into v_lang, v_name from public.profiles p where p.id = v_user.id;
  perform app_private.enqueue_email('support_email_changed', lower(v_user.email), v_lang,
    jsonb_build_object('recipient', 'old', 'name', v_name, 'old_email', lower(v_user.email), 'new_email', v_new), v_key || ':old');
  perform app_private.enqueue_email('support_email_changed', v_new, v_lang,
    jsonb_build_object('recipient', 'new', 'name', v_name, 'old_email', lower(v_user.email), 'new_email', v_new), v_key || ':new');

  return query select v_user.id, lower(v_user.email)::text, v_new, v_sessions;
end;
$$;
comment on function support.change_user_email(text, text, text, text) is 'Manual validation (FAQ: no access to the e-mail address any more): changes the login address of a user in Supabase Auth (confirmed), ends their sessions, notifies the old and the new address. Audited as support.';

-- 2. Replace the manager who left the company ----------------------------------------------------------------
-- Who may call: support staff (postgres), when nobody at the customer can (FAQ: "the manager is no longer part
-- of the company"). The new manager is added at once when they already have a login, otherwise invited by
-- e-mail; the contact person moves to them (at once, or when they accept); the departed manager is removed
-- (with their administrator rows on the account's clusters) and told. When the departed manager is the only
-- one and the new manager still has to accept, removing now would leave no manager: refused unless
-- p_keep_until_accepted, which keeps the departed manager until the acceptance.
create function support.replace_manager(
  p_support_agent text,
  p_reason text,
  p_customer_number text,
  p_departed_email text,
  p_new_manager_email text,
  p_keep_until_accepted boolean default false
)
returns table (outcome text, customer_number text, new_manager_id uuid, invitation_id uuid, contact_person_email text)
language plpgsql
volatile
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_account public.customer_accounts;
  v_departed public.profiles;
  v_new_email text;
  v_new_user uuid;
  v_new_lang text;
  v_is_contact boolean;
  v_others int;
  v_interim uuid;
  v_token text := replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');
  v_invitation uuid;
  v_outcome text;
  v_mail uuid;
  v_key text := 'support_replace_manager:' || pg_catalog.txid_current()::text;
begin
  perform app_private.begin_support_action(p_support_agent, p_reason);
  v_account := app_private.support_account(p_customer_number);
  select p.* into v_departed
    from public.profiles p
    join public.account_managers m on m.user_id = p.id and m.account_id = v_account.id
   where lower(p.email) = lower(btrim(coalesce(p_departed_email, '')));
  if not found then
    raise exception using errcode = 'P0001', message = 'not_a_manager',
      detail = format('%s is not a manager of %s. See support.accounts for its managers.', coalesce(p_departed_email, '(null)'), v_account.customer_number);
  end if;
  v_new_email := app_private.normalise_email(p_new_manager_email);
  if v_new_email = lower(v_departed.email) then
    raise exception using errcode = 'P0001', message = 'same_person', detail = 'The new manager must be someone other than the departed manager.';
  end if;
  select p.id, p.language into v_new_user, v_new_lang from public.profiles p where lower(p.email) = v_new_email;
  v_is_contact := v_account.contact_person_id = v_departed.id;
  select count(*) into v_others from public.account_managers m where m.account_id = v_account.id and m.user_id <> v_departed.id;

  if v_new_user is not null then
    -- The new manager has a login: everything at once.
    insert into public.account_managers (account_id, user_id) values (v_account.id, v_new_user) on conflict do nothing;
    if v_is_contact then
      update public.customer_accounts a set contact_person_id = v_new_user where a.id = v_account.id;
      insert into public.contact_person_changes (account_id, previous_contact_id, new_contact_id, changed_by)
      values (v_account.id, v_departed.id, v_new_user, null);
    end if;
    delete from public.cluster_administrators ca using public.clusters c
     where c.id = ca.cluster_id and c.account_id = v_account.id and ca.user_id = v_departed.id;
    delete from public.account_managers m where m.account_id = v_account.id and m.user_id = v_departed.id;
    v_outcome := 'replaced';
    perform app_private.enqueue_email('support_manager_added', v_new_email, coalesce(v_new_lang, v_departed.language, 'de'),
      jsonb_build_object('customer_number', v_account.customer_number, 'company_name', v_account.company_name,
                         'departed_email', v_departed.email, 'contact_person', v_is_contact),
      v_key || ':new');
  else
    if v_others = 0 and not coalesce(p_keep_until_accepted, false) then
      raise exception using errcode = 'P0001', message = 'would_leave_no_manager',
        detail = format('%s is the only manager of %s and %s has no login yet, so removing %s now would leave the account without a manager. Call again with p_keep_until_accepted => true: %s stays manager until the invitation is accepted.',
                        v_departed.email, v_account.customer_number, v_new_email, v_departed.email, v_departed.email);
    end if;
    -- Invite (renewing an open invitation to the same address) through the invitation feature's one path
    -- (new token and expiry, the invitation e-mail in the outbox), then record the pending replacement.
    select i.id into v_invitation from public.invitations i
     where i.role = 'manager' and i.account_id = v_account.id and i.email = v_new_email
       and i.accepted_at is null and i.revoked_at is null
     for update;
    if v_invitation is null then
      insert into public.invitations (role, account_id, email, token_hash, invited_by, expires_at)
      values ('manager', v_account.id, v_new_email, app_private.hash_token(v_token), null, now() + app_private.invitation_expiry())
      returning id into v_invitation;
    end if;
    select e.email_id into v_mail from app_private.issue_invitation_email(v_invitation, null) e;
    update app_private.email_outbox o
       set payload = o.payload || jsonb_build_object('inviter_kind', 'support', 'inviter_name', 'Support')
     where o.id = v_mail;
    insert into app_private.manager_replacements (invitation_id, account_id, departed_user_id, move_contact, support_agent, reason)
    values (v_invitation, v_account.id, v_departed.id, v_is_contact, current_setting('app.support_agent'), current_setting('app.support_reason'))
    on conflict (invitation_id) do update
      set departed_user_id = excluded.departed_user_id, move_contact = excluded.move_contact,
          support_agent = excluded.support_agent, reason = excluded.reason, created_at = now(), completed_at = null;

    if v_others > 0 then
      -- Remove now. A departed contact person hands over to the longest-serving other manager until the new
      -- manager accepts (the contact person must always be a current manager).
      if v_is_contact then
        select m.user_id into v_interim from public.account_managers m
         where m.account_id = v_account.id and m.user_id <> v_departed.id
         order by m.added_at, m.user_id limit 1;
        update public.customer_accounts a set contact_person_id = v_interim where a.id = v_account.id;
        insert into public.contact_person_changes (account_id, previous_contact_id, new_contact_id, changed_by)
        values (v_account.id, v_departed.id, v_interim, null);
      end if;
      delete from public.cluster_administrators ca using public.clusters c
       where c.id = ca.cluster_id and c.account_id = v_account.id and ca.user_id = v_departed.id;
      delete from public.account_managers m where m.account_id = v_account.id and m.user_id = v_departed.id;
      v_outcome := 'invited';
    else
      v_outcome := 'invited_departed_kept_until_accepted';
    end if;
  end if;

  perform app_private.enqueue_email('support_manager_removed', lower(v_departed.email), coalesce(v_departed.language, 'de'),
    jsonb_build_object('customer_number', v_account.customer_number, 'company_name', v_account.company_name,
                       'new_manager_email', v_new_email, 'removed_now', v_outcome <> 'invited_departed_kept_until_accepted'),
    v_key || ':departed');

  return query
  select v_outcome, v_account.customer_number, v_new_user, v_invitation,
         (select p.email from public.customer_accounts a join public.profiles p on p.id = a.contact_person_id where a.id = v_account.id);
end;
$$;
comment on function support.replace_manager(text, text, text, text, text, boolean) is 'Manager replacement (FAQ: the manager left the company): adds or invites the new manager, moves the contact person to them, removes the departed manager and notifies their address. Audited as support.';

-- 3. Change the contact person on behalf of the customer -----------------------------------------------------
-- Who may call: support staff (postgres), when a manager asks by phone or e-mail instead of using "Edit data".
-- The new contact person must already be a manager of the account. Both people are told.
create function support.set_contact_person(p_support_agent text, p_reason text, p_customer_number text, p_new_contact_email text)
returns table (customer_number text, previous_contact_email text, contact_person_email text)
language plpgsql
volatile
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_account public.customer_accounts;
  v_new public.profiles;
  v_prev public.profiles;
  v_key text := 'support_contact_person_changed:' || pg_catalog.txid_current()::text;
begin
  perform app_private.begin_support_action(p_support_agent, p_reason);
  v_account := app_private.support_account(p_customer_number);
  select p.* into v_new
    from public.profiles p
    join public.account_managers m on m.user_id = p.id and m.account_id = v_account.id
   where lower(p.email) = lower(btrim(coalesce(p_new_contact_email, '')));
  if not found then
    raise exception using errcode = 'P0001', message = 'not_a_manager',
      detail = format('%s is not a manager of %s; the contact person must be one. Invite them first (or use support.replace_manager).', coalesce(p_new_contact_email, '(null)'), v_account.customer_number);
  end if;
  select p.* into v_prev from public.profiles p where p.id = v_account.contact_person_id;
  if v_account.contact_person_id is distinct from v_new.id then
    update public.customer_accounts a set contact_person_id = v_new.id where a.id = v_account.id;
    insert into public.contact_person_changes (account_id, previous_contact_id, new_contact_id, changed_by)
    values (v_account.id, v_account.contact_person_id, v_new.id, null);
    perform app_private.enqueue_email('support_contact_person_changed', lower(v_new.email), coalesce(v_new.language, 'de'),
      jsonb_build_object('recipient', 'new', 'customer_number', v_account.customer_number, 'company_name', v_account.company_name,
                         'name', coalesce(v_new.display_name, v_new.email), 'new_contact', coalesce(v_new.display_name, v_new.email)),
      v_key || ':new');
    if v_prev.id is not null then
      perform app_private.enqueue_email('support_contact_person_changed', lower(v_prev.email), coalesce(v_prev.language, 'de'),
        jsonb_build_object('recipient', 'previous', 'customer_number', v_account.customer_number, 'company_name', v_account.company_name,
                           'name', coalesce(v_prev.display_name, v_prev.email), 'new_contact', coalesce(v_new.display_name, v_new.email)),
        v_key || ':previous');
    end if;
  end if;
  return query select v_account.customer_number, v_prev.email, v_new.email;
end;
$$;
comment on function support.set_contact_person(text, text, text, text) is 'Changes the contact person of a customer account on behalf of the customer (must be a manager already); notifies the previous and the new contact person. Audited as support.';

-- 4. Everything a user can reach ------------------------------------------------------------------------------
create type support.access_kind as enum ('manager', 'administrator', 'administrator_as_manager', 'invitation');
comment on type support.access_kind is 'manager = manager of a customer account; administrator = assigned to a cluster; administrator_as_manager = cluster of an account they manage; invitation = an invitation to this address.';

-- Who may call: support staff (postgres). Read-only: changes nothing and needs no reason.
create function support.user_access(p_email text)
returns table (access support.access_kind, customer_number text, cluster_number text, name text, note text, since timestamptz)
language plpgsql
stable
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_email text := lower(btrim(coalesce(p_email, '')));
  v_user uuid;
begin
  select p.id into v_user from public.profiles p where lower(p.email) = v_email;
  if v_user is null and not exists (select 1 from public.invitations i where i.email = v_email) then
    raise exception using errcode = 'P0001', message = 'user_not_found', detail = format('No user and no invitation for %L.', p_email);
  end if;
  return query
  select 'manager'::support.access_kind, a.customer_number, null::text, a.company_name,
         case when a.contact_person_id = v_user then 'contact person' end, m.added_at
    from public.account_managers m join public.customer_accounts a on a.id = m.account_id
   where m.user_id = v_user
  union all
  select 'administrator'::support.access_kind, a.customer_number, c.cluster_number, c.name, null, ca.added_at
    from public.cluster_administrators ca join public.clusters c on c.id = ca.cluster_id
    join public.customer_accounts a on a.id = c.account_id
   where ca.user_id = v_user
  union all
  select 'administrator_as_manager'::support.access_kind, a.customer_number, c.cluster_number, c.name, null, m.added_at
    from public.account_managers m join public.clusters c on c.account_id = m.account_id
    join public.customer_accounts a on a.id = m.account_id
   where m.user_id = v_user
  union all
  select 'invitation'::support.access_kind, coalesce(a.customer_number, ca.customer_number), c.cluster_number,
         coalesce(a.company_name, c.name),
         format('%s invitation, %s, expires %s', i.role, app_private.invitation_state(i.accepted_at, i.revoked_at, i.expires_at), to_char(i.expires_at, 'YYYY-MM-DD HH24:MI')),
         i.created_at
    from public.invitations i
    left join public.customer_accounts a on a.id = i.account_id
    left join public.clusters c on c.id = i.cluster_id
    left join public.customer_accounts ca on ca.id = c.account_id
   where i.email = v_email and i.accepted_at is null and i.revoked_at is null
  order by 1, 2, 3;
end;
$$;
comment on function support.user_access(text) is 'Everything a user can reach: customer accounts as manager (and contact person), clusters as administrator (directly or as manager), open invitations to the address. Read-only.';

-- The dashboard's answer to "who manages CN-1234?": one row per customer account.
create view support.accounts
with (security_invoker = true)
as
select
  a.customer_number,
  a.company_name,
  cp.email as contact_person_email,
  cp.display_name as contact_person_name,
  (select string_agg(p.email, ', ' order by p.email) from public.account_managers m join public.profiles p on p.id = m.user_id where m.account_id = a.id) as managers,
  (select string_agg(c.cluster_number || ' ' || c.name, ', ' order by c.cluster_number) from public.clusters c where c.account_id = a.id) as clusters,
  (select string_agg(distinct p.email, ', ') from public.clusters c join public.cluster_administrators ca on ca.cluster_id = c.id join public.profiles p on p.id = ca.user_id where c.account_id = a.id) as cluster_administrators,
  (select count(*) from public.invitations i left join public.clusters c on c.id = i.cluster_id
    where coalesce(i.account_id, c.account_id) = a.id and app_private.invitation_state(i.accepted_at, i.revoked_at, i.expires_at) = 'pending') as pending_invitations,
  a.created_at,
  a.id as account_id
from public.customer_accounts a
left join public.profiles cp on cp.id = a.contact_person_id;
comment on view support.accounts is 'Support: every customer account with its contact person, managers, clusters and cluster administrators in one row ("who manages CN-1234?"). Filter customer_number in the table editor.';
comment on column support.accounts.customer_number is 'Customer number (CN-xxxx).';
comment on column support.accounts.company_name is 'Company name.';
comment on column support.accounts.contact_person_email is 'Login address of the contact person (named on invoices, first contact in an emergency).';
comment on column support.accounts.contact_person_name is 'Name of the contact person.';
comment on column support.accounts.managers is 'Login addresses of all managers, comma-separated.';
comment on column support.accounts.clusters is 'Clusters of the account (C-xxxx and name).';
comment on column support.accounts.cluster_administrators is 'Login addresses of the administrators assigned to its clusters (managers are administrators too and are not repeated).';
comment on column support.accounts.pending_invitations is 'Invitations (manager or administrator) that can still be accepted.';
comment on column support.accounts.created_at is 'When the account was created.';
comment on column support.accounts.account_id is 'Internal id of the account (for joins).';

-- The audit log as support reads it, newest first, with readable targets.
create view support.audit_log
with (security_invoker = true)
as
select e.occurred_at, e.kind, e.actor_kind, e.actor_label, e.reason, e.customer_number, e.cluster_number,
       e.subject_email, e.details, e.database_login, e.id
from audit.events e
order by e.id desc;
comment on view support.audit_log is 'Support: the whole audit log, newest first (filter customer_number, kind or subject_email in the table editor).';
comment on column support.audit_log.occurred_at is 'When.';
comment on column support.audit_log.kind is 'What changed.';
comment on column support.audit_log.actor_kind is 'user, support or system.';
comment on column support.audit_log.actor_label is 'The user''s address, the support agent, or the database login.';
comment on column support.audit_log.reason is 'Why (support actions).';
comment on column support.audit_log.customer_number is 'Customer account concerned.';
comment on column support.audit_log.cluster_number is 'Cluster concerned.';
comment on column support.audit_log.subject_email is 'Person concerned.';
comment on column support.audit_log.details is 'Further facts (changed columns, contact persons, invitation).';
comment on column support.audit_log.database_login is 'authenticator = through the API; postgres = dashboard.';
comment on column support.audit_log.id is 'Sequence number.';

revoke all on all tables in schema support from public, anon, authenticated, service_role;
revoke execute on all functions in schema support from public, anon, authenticated, service_role;
