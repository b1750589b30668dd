-- Invitation lifecycle on top of the outbox: the invitation e-mail is an outbox row written by
-- create_invitation itself; Resend and Revoke; the list of open invitations with their state for the Manage
-- dialogs; the expiry from app_private.settings (invitation_expiry_days).

insert into app_private.settings (key, value) values ('invitation_expiry_days', '7') on conflict (key) do nothing;

-- Who caused an outbox row: the Worker delivers "the rows this request just wrote" by it, so that a delivery
-- right after a change never touches other people's rows (those wait for the cron).
alter table app_private.email_outbox add column caused_by uuid default auth.uid();
comment on column app_private.email_outbox.caused_by is 'The signed-in user whose change wrote the row (auth.uid() at the time; null for system jobs). The Worker delivers a user''s rows right after their change; the cron delivers all.';
create index email_outbox_caused_by_idx on app_private.email_outbox (caused_by) where status <> 'sent';

-- What the Manage dialogs show about the e-mail of an invitation (set by the delivery functions).
create type public.invitation_delivery as enum ('queued', 'sent', 'failed');
comment on type public.invitation_delivery is 'queued = the e-mail waits for its first attempt; sent = the provider accepted it; failed = an attempt failed, it is retried (shown as "not delivered").';
alter table public.invitations add column delivery public.invitation_delivery not null default 'queued';
comment on column public.invitations.delivery is 'State of the latest invitation e-mail: queued, sent, failed ("not delivered" in the Manage dialogs).';
grant select (delivery) on public.invitations to authenticated;

-- Who may call: database functions. Why: one definition of the expiry (setting invitation_expiry_days, default 7).
create function app_private.invitation_expiry()
returns interval
language sql
stable
set search_path = ''
as $$
  select make_interval(days => greatest(1, coalesce((select s.value::int from app_private.settings s where s.key = 'invitation_expiry_days'), 7)))
$$;
comment on function app_private.invitation_expiry() is 'How long an invitation is valid: settings.invitation_expiry_days (default 7).';
revoke execute on function app_private.invitation_expiry() from public;

-- Who may call: database functions. Why: e-mails go out in the recipient's language: their profile's, else
-- the fallback (usually the language of the person who caused the e-mail), else German.
create function app_private.email_language(p_email text, p_fallback_user uuid default null)
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(
    (select p.language from public.profiles p where lower(p.email) = lower(btrim(p_email)) and p.language is not null limit 1),
    (select p.language from public.profiles p where p.id = p_fallback_user and p.language is not null),
    'de')
$$;
comment on function app_private.email_language(text, uuid) is 'Language of an e-mail to p_email: the recipient''s profile language, else p_fallback_user''s, else de.';
revoke execute on function app_private.email_language(text, uuid) from public;

-- Who may call: create_invitation, resend_invitation, revoke_invitation. Why: an invitation has at most one
-- usable e-mail: unsent e-mails of older tokens are retired (their token scrubbed) when a new token is issued
-- or the invitation is withdrawn.
create function app_private.retire_invitation_emails(p_invitation_id uuid, p_reason text)
returns void
language sql
volatile
security definer
set search_path = ''
as $$
  update app_private.email_outbox o
     set status = 'failed', next_attempt_at = null, last_error = p_reason, payload = o.payload - 'token'
   where o.invitation_id = p_invitation_id and o.status <> 'sent'
$$;
comment on function app_private.retire_invitation_emails(uuid, text) is 'Stops unsent e-mails of an invitation (superseded or revoked) and scrubs their token.';
revoke execute on function app_private.retire_invitation_emails(uuid, text) from public;

-- Who may call: create_invitation and resend_invitation, after they checked the caller. Why: one place that
-- gives an invitation a new token and expiry and writes its e-mail into the outbox in the same transaction.
-- The plaintext token lives in the outbox payload until the e-mail is sent (mark_email_sent scrubs it).
create function app_private.issue_invitation_email(p_invitation_id uuid, p_inviter uuid)
returns table (token text, expires_at timestamptz, email_id uuid)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_token text := replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');
  v_expires timestamptz := now() + app_private.invitation_expiry();
  v_inv public.invitations%rowtype;
  v_number text;
  v_name text;
  v_account_number text;
  v_inviter public.profiles%rowtype;
  v_email_id uuid;
begin
  perform app_private.retire_invitation_emails(p_invitation_id, 'superseded by a newer invitation e-mail');
  update public.invitations i
     set token_hash = app_private.hash_token(v_token), expires_at = v_expires, invited_by = p_inviter, delivery = 'queued'
   where i.id = p_invitation_id
  returning * into v_inv;

  if v_inv.role = 'manager' then
    select a.customer_number, a.company_name into v_number, v_name from public.customer_accounts a where a.id = v_inv.account_id;
    v_account_number := v_number;
  else
    select c.cluster_number, c.name, a.customer_number into v_number, v_name, v_account_number
      from public.clusters c join public.customer_accounts a on a.id = c.account_id where c.id = v_inv.cluster_id;
  end if;
  select * into v_inviter from public.profiles p where p.id = p_inviter;

  v_email_id := app_private.enqueue_email(
    'invitation',
    v_inv.email,
    app_private.email_language(v_inv.email, p_inviter),
    jsonb_build_object(
      'invitation_id', v_inv.id,
      'token', v_token,
      'role', v_inv.role,
      'target_kind', case when v_inv.role = 'manager' then 'account' else 'cluster' end,
      'target_number', v_number,
      'target_name', v_name,
      'account_number', v_account_number,
      'inviter_email', v_inviter.email,
      'inviter_name', v_inviter.display_name,
      'expires_at', v_expires),
    'invitation:' || v_inv.id || ':' || left(app_private.hash_token(v_token), 16));
  update app_private.email_outbox o set invitation_id = v_inv.id where o.id = v_email_id;
  return query select v_token, v_expires, v_email_id;
end;
$$;
comment on function app_private.issue_invitation_email(uuid, uuid) is 'New token and expiry for an invitation and its e-mail in the outbox (same transaction).';
revoke execute on function app_private.issue_invitation_email(uuid, uuid) from public;

-- Who may call: authenticated users (through the Worker, which then delivers the e-mail). The caller must
-- manage the customer account, or the account that owns the cluster; otherwise not_allowed, also for ids that
-- do not exist. Re-inviting an open address renews it (new token, new expiry, new e-mail). The invitation
-- e-mail is written into the outbox in this transaction. Returns the secret token once (tests use it).
create or replace function public.create_invitation(p_role public.invitation_role, p_target_id uuid, p_email text)
returns table (invitation_id uuid, token text, email text, expires_at timestamptz, target_number text, target_name text)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_uid uuid := (select auth.uid());
  v_email text := lower(btrim(coalesce(p_email, '')));
  v_account uuid;
  v_cluster uuid;
  v_number text;
  v_name text;
  v_id uuid;
  v_issued record;
begin
  if v_uid is null then
    raise exception using errcode = '42501', message = 'not_authenticated', detail = 'Sign in first.';
  end if;
  if p_role is null or p_target_id is null then
    raise exception using errcode = 'P0001', message = 'validation_failed', detail = 'Role and target are required.';
  end if;
  if char_length(v_email) > 254 or v_email !~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$' then
    raise exception using errcode = 'P0001', message = 'invalid_email', detail = 'This is not a valid e-mail address.';
  end if;

  if p_role = 'manager' then
    select a.id, a.customer_number, a.company_name into v_account, v_number, v_name
      from public.customer_accounts a
     where a.id = p_target_id
       and a.id in (select app_private.managed_account_ids());
    if v_account is null then
      raise exception using errcode = '42501', message = 'not_allowed', detail = 'Only managers of this customer account can invite managers.';
    end if;
    if exists (select 1 from public.account_managers m join public.profiles p on p.id = m.user_id
                where m.account_id = v_account and lower(p.email) = v_email) then
      raise exception using errcode = 'PT409', message = 'already_member', detail = 'This person is already a manager of the customer account.';
    end if;
  else
    select c.id, c.cluster_number, c.name into v_cluster, v_number, v_name
      from public.clusters c
     where c.id = p_target_id
       and c.id in (select app_private.managed_cluster_ids());
    if v_cluster is null then
      raise exception using errcode = '42501', message = 'not_allowed', detail = 'Only managers of the owning customer account can invite administrators.';
    end if;
    if exists (select 1 from public.cluster_administrators ca join public.profiles p on p.id = ca.user_id
                where ca.cluster_id = v_cluster and lower(p.email) = v_email) then
      raise exception using errcode = 'PT409', message = 'already_member', detail = 'This person is already an administrator of the cluster.';
    end if;
  end if;

  perform app_private.enforce_invitation_rate_limit(v_uid, v_email);

  select i.id into v_id
    from public.invitations i
   where i.role = p_role
     and coalesce(i.account_id, i.cluster_id) = p_target_id
     and i.email = v_email
     and i.accepted_at is null and i.revoked_at is null
   for update;

  if v_id is null then
    -- placeholder hash and expiry; issue_invitation_email sets the real ones at once
    insert into public.invitations (role, account_id, cluster_id, email, token_hash, invited_by, expires_at)
    values (p_role, v_account, v_cluster, v_email, 'pending:' || gen_random_uuid(), v_uid, now())
    returning id into v_id;
  end if;

  select * into v_issued from app_private.issue_invitation_email(v_id, v_uid);
  return query select v_id, v_issued.token, v_email, v_issued.expires_at, v_number, v_name;
end;
$$;
comment on function public.create_invitation(public.invitation_role, uuid, text) is 'Invite manager / Invite administrator. Callable by managers of the target account; writes the invitation e-mail into the outbox; returns the one-time token. Renews an open invitation to the same address.';

-- Who may call: managers of the invitation's account (or of the account owning its cluster), through the
-- Worker ("Resend" in the Manage dialogs), which then delivers the e-mail. Renews the invitation (new token,
-- new expiry, also after it expired) and writes a new e-mail; the rate limits apply as to a new invitation.
create function public.resend_invitation(p_invitation_id uuid)
returns table (invitation_id uuid, email text, expires_at timestamptz)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_uid uuid := (select auth.uid());
  v_inv public.invitations%rowtype;
  v_issued record;
begin
  if v_uid is null then
    raise exception using errcode = '42501', message = 'not_authenticated', detail = 'Sign in first.';
  end if;
  select * into v_inv from public.invitations i
   where i.id = p_invitation_id
     and (i.account_id in (select app_private.managed_account_ids()) or i.cluster_id in (select app_private.managed_cluster_ids()))
   for update;
  if not found then
    raise exception using errcode = '42501', message = 'not_allowed', detail = 'Only managers of the customer account can resend its invitations.';
  end if;
  if v_inv.accepted_at is not null then
    raise exception using errcode = 'P0001', message = 'invitation_used', detail = 'This invitation has already been accepted.';
  end if;
  if v_inv.revoked_at is not null then
    raise exception using errcode = 'P0001', message = 'invitation_revoked', detail = 'This invitation was withdrawn.';
  end if;
  perform app_private.enforce_invitation_rate_limit(v_uid, v_inv.email);
  select * into v_issued from app_private.issue_invitation_email(v_inv.id, v_uid);
  return query select v_inv.id, v_inv.email, v_issued.expires_at;
end;
$$;
comment on function public.resend_invitation(uuid) is 'Resend: renews an open invitation (new token and expiry) and writes a new e-mail. Callable by managers of its account.';
revoke execute on function public.resend_invitation(uuid) from public, anon;
grant execute on function public.resend_invitation(uuid) to authenticated, service_role;

-- Who may call: managers of the invitation's account ("Revoke" in the Manage dialogs). The link stops
-- working at once; an e-mail not yet sent is not sent any more.
create function public.revoke_invitation(p_invitation_id uuid)
returns table (invitation_id uuid, email text, revoked_at timestamptz)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_uid uuid := (select auth.uid());
  v_inv public.invitations%rowtype;
begin
  if v_uid is null then
    raise exception using errcode = '42501', message = 'not_authenticated', detail = 'Sign in first.';
  end if;
  select * into v_inv from public.invitations i
   where i.id = p_invitation_id
     and (i.account_id in (select app_private.managed_account_ids()) or i.cluster_id in (select app_private.managed_cluster_ids()))
   for update;
  if not found then
    raise exception using errcode = '42501', message = 'not_allowed', detail = 'Only managers of the customer account can revoke its invitations.';
  end if;
  if v_inv.accepted_at is not null then
    raise exception using errcode = 'P0001', message = 'invitation_used', detail = 'This invitation has already been accepted.';
  end if;
  if v_inv.revoked_at is null then
    update public.invitations i set revoked_at = now() where i.id = v_inv.id returning i.revoked_at into v_inv.revoked_at;
    perform app_private.retire_invitation_emails(v_inv.id, 'invitation revoked');
  end if;
  return query select v_inv.id, v_inv.email, v_inv.revoked_at;
end;
$$;
comment on function public.revoke_invitation(uuid) is 'Revoke: withdraws an open invitation; its link stops working and an unsent e-mail is not sent. Callable by managers of its account.';
revoke execute on function public.revoke_invitation(uuid) from public, anon;
grant execute on function public.revoke_invitation(uuid) to authenticated, service_role;

-- The open invitations of the Manage dialogs (security_invoker: the invitations policy decides who sees what).
create view public.open_invitations with (security_invoker = true) as
select
  i.id,
  i.role,
  i.account_id,
  i.cluster_id,
  i.email,
  i.invited_by,
  i.created_at,
  i.expires_at,
  i.delivery,
  case
    when i.expires_at <= now() then 'expired'
    when i.delivery = 'failed' then 'not_delivered'
    else 'pending'
  end as state
from public.invitations i
where i.accepted_at is null and i.revoked_at is null;
comment on view public.open_invitations is 'Invitations neither accepted nor revoked, with the state the Manage dialogs show: pending, expired or not_delivered.';
comment on column public.open_invitations.state is 'pending | expired | not_delivered (the e-mail failed and is being retried).';
comment on column public.open_invitations.delivery is 'queued | sent | failed: state of the latest invitation e-mail.';
grant select on public.open_invitations to authenticated;

-- Delivery functions now also keep invitations.delivery up to date, and claim_email_batch can be limited to
-- the rows a user's change just wrote.
drop function public.claim_email_batch(int, uuid[]);
-- Who may call: service_role only (the Worker's delivery job). Why: claims due rows for one delivery run;
-- `for update skip locked` lets parallel runs (right after a change, and the cron) take disjoint rows.
-- p_caused_by limits the claim to the rows a user's change wrote (null = every due row: the cron).
create function public.claim_email_batch(p_limit int default 20, p_caused_by uuid default null)
returns table (id uuid, template text, to_email text, language text, payload jsonb, idempotency_key text, attempts int)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_lease int := coalesce((select s.value::int from app_private.settings s where s.key = 'email_lease_seconds'), 300);
  v_max int := coalesce((select s.value::int from app_private.settings s where s.key = 'email_max_attempts'), 12);
begin
  return query
  with due as (
    select o.id from app_private.email_outbox o
     where o.status <> 'sent' and o.next_attempt_at <= now() and o.attempts < v_max
       and (p_caused_by is null or o.caused_by = p_caused_by)
     order by o.next_attempt_at, o.created_at
     limit greatest(1, least(coalesce(p_limit, 20), 100))
     for update skip locked
  )
  update app_private.email_outbox o
     set status = 'sending', attempts = o.attempts + 1, next_attempt_at = now() + make_interval(secs => v_lease)
    from due where o.id = due.id
  returning o.id, o.template, o.to_email, o.language, o.payload, o.idempotency_key, o.attempts;
end;
$$;
comment on function public.claim_email_batch(int, uuid) is 'Delivery: marks up to p_limit due outbox rows (optionally only those caused by one user) as sending (lease) and returns them. service_role only.';
revoke execute on function public.claim_email_batch(int, uuid) from public, anon, authenticated;
grant execute on function public.claim_email_batch(int, uuid) to service_role;

-- Who may call: service_role only. Why: the provider accepted the e-mail. The invitation token the payload
-- carried is removed now: a sent row keeps no usable link.
create or replace function public.mark_email_sent(p_id uuid)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_invitation uuid;
begin
  update app_private.email_outbox o
     set status = 'sent', sent_at = coalesce(o.sent_at, now()), next_attempt_at = null, last_error = null,
         payload = o.payload - 'token'
   where o.id = p_id
  returning o.invitation_id into v_invitation;
  if v_invitation is not null then
    update public.invitations i set delivery = 'sent' where i.id = v_invitation;
  end if;
end;
$$;

-- Who may call: service_role only. Why: an attempt failed; retried with exponential backoff (30 s, 1, 2, 4 …
-- minutes, at most one hour) until email_max_attempts, then it stays failed (next_attempt_at null).
-- A row already sent stays sent; a retired row (next_attempt_at null) stays retired.
create or replace function public.mark_email_failed(p_id uuid, p_error text)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_max int := coalesce((select s.value::int from app_private.settings s where s.key = 'email_max_attempts'), 12);
  v_invitation uuid;
begin
  update app_private.email_outbox o
     set status = 'failed',
         last_error = left(coalesce(p_error, 'unknown error'), 2000),
         next_attempt_at = case when o.attempts >= v_max then null
                                else now() + least(interval '1 hour', interval '30 seconds' * power(2, greatest(o.attempts - 1, 0))) end
   where o.id = p_id and o.status = 'sending'
  returning o.invitation_id into v_invitation;
  if v_invitation is not null then
    update public.invitations i set delivery = 'failed' where i.id = v_invitation and i.delivery <> 'sent';
  end if;
end;
$$;
