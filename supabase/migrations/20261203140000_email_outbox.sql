-- E-mail that is never lost: every e-mail is first a row in app_private.email_outbox, written in the same
-- transaction as the change that causes it (an invitation, a removal, a contact-person change, a support
-- action). The Worker delivers the rows right after the change and again from a cron trigger with backoff;
-- the idempotency key travels to the provider so that a retry never sends twice. See
-- docs/decisions/003-email-outbox.md.

create type app_private.email_status as enum ('pending', 'sending', 'sent', 'failed');
comment on type app_private.email_status is 'pending = waiting for its first attempt; sending = claimed by a delivery run (lease until next_attempt_at); sent = accepted by the mail provider; failed = the last attempt failed, retried at next_attempt_at (null = given up after email_max_attempts).';

create table app_private.email_outbox (
  id uuid primary key default gen_random_uuid(),
  template text not null check (template ~ '^[a-z][a-z0-9_]{0,62}$'),
  to_email text not null check (to_email = lower(btrim(to_email)) and char_length(to_email) between 3 and 254),
  language text not null default 'de' check (language in ('de', 'en')),
  payload jsonb not null default '{}'::jsonb check (jsonb_typeof(payload) = 'object'),
  idempotency_key text not null unique check (char_length(idempotency_key) between 1 and 256),
  status app_private.email_status not null default 'pending',
  attempts int not null default 0 check (attempts >= 0),
  next_attempt_at timestamptz default now(),
  last_error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  invitation_id uuid references public.invitations (id) on delete set null
);
comment on table app_private.email_outbox is 'Every e-mail the product sends, written in the transaction of the change that causes it and delivered by the Worker (right after the change and by cron). Not exposed through the API; service_role reaches it only through claim_email_batch / mark_email_sent / mark_email_failed.';
comment on column app_private.email_outbox.id is 'Row id; the Worker reports the outcome of a delivery with it.';
comment on column app_private.email_outbox.template is 'Which e-mail (the Worker renders it): invitation, manager_added, manager_removed, administrator_added, administrator_removed, contact_person_changed, or a template of another feature.';
comment on column app_private.email_outbox.to_email is 'Recipient address, trimmed and lower-case.';
comment on column app_private.email_outbox.language is 'Language of the e-mail: de or en (the recipient''s profile language, else the sender''s).';
comment on column app_private.email_outbox.payload is 'Values the template inserts (escaped by the Worker). An invitation e-mail carries the plaintext invitation token here until it is sent; mark_email_sent (and superseding or revoking the invitation) removes it.';
comment on column app_private.email_outbox.idempotency_key is 'Unique per e-mail. Enqueueing the same key again returns the existing row; the Worker sends it to the provider (Idempotency-Key header) so a retry never sends twice.';
comment on column app_private.email_outbox.status is 'pending | sending | sent | failed (see the type).';
comment on column app_private.email_outbox.attempts is 'Delivery attempts so far (claims).';
comment on column app_private.email_outbox.next_attempt_at is 'When the row is due: its next attempt (pending/failed) or the end of the lease of a claim (sending; a crashed run''s rows are claimed again after it). Null = nothing more will be tried.';
comment on column app_private.email_outbox.last_error is 'The provider''s error of the last failed attempt (for support staff).';
comment on column app_private.email_outbox.created_at is 'When the change that caused the e-mail happened.';
comment on column app_private.email_outbox.sent_at is 'When the provider accepted the e-mail.';
comment on column app_private.email_outbox.invitation_id is 'The invitation this e-mail delivers (invitation e-mails only); the Manage dialogs show "not delivered" from it.';
create index email_outbox_due_idx on app_private.email_outbox (next_attempt_at) where status <> 'sent';
create index email_outbox_invitation_id_idx on app_private.email_outbox (invitation_id);
alter table app_private.email_outbox enable row level security;
revoke all on app_private.email_outbox from public, anon, authenticated, service_role;

insert into app_private.settings (key, value) values
  ('email_max_attempts', '12'),
  ('email_lease_seconds', '300')
on conflict (key) do nothing;

-- Who may call: database functions only (security definer functions and triggers run as their owner,
-- postgres); never anon or authenticated. Why: an e-mail is written in the transaction of the change that
-- causes it. The signature is shared with other features (support functions): keep it stable.
-- Returns the row id; the same idempotency key again returns the existing row's id and changes nothing.
create function app_private.enqueue_email(p_template text, p_to text, p_language text, p_payload jsonb, p_idempotency_key text)
returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_id uuid;
  v_to text := lower(btrim(coalesce(p_to, '')));
begin
  if p_idempotency_key is null or btrim(p_idempotency_key) = '' then
    raise exception using errcode = 'P0001', message = 'validation_failed', detail = 'An e-mail needs an idempotency key.';
  end if;
  if p_language is not null and p_language not in ('de', 'en') then
    raise exception using errcode = 'P0001', message = 'validation_failed', detail = 'The language of an e-mail is de or en.';
  end if;
  insert into app_private.email_outbox (template, to_email, language, payload, idempotency_key)
  values (p_template, v_to, coalesce(p_language, 'de'), coalesce(p_payload, '{}'::jsonb), p_idempotency_key)
  on conflict (idempotency_key) do nothing
  returning id into v_id;
  if v_id is null then
    select o.id into v_id from app_private.email_outbox o where o.idempotency_key = p_idempotency_key;
  end if;
  return v_id;
end;
$$;
comment on function app_private.enqueue_email(text, text, text, jsonb, text) is 'Writes an e-mail into the outbox (in the caller''s transaction). Same idempotency key = same row. For database functions only.';
revoke execute on function app_private.enqueue_email(text, text, text, jsonb, text) from public, anon, authenticated, service_role;

-- Who may call: service_role only (the Worker's delivery job). Why: claims due rows for one delivery run;
-- `for update skip locked` lets parallel runs (the waitUntil after a change and the cron) take disjoint rows.
-- p_ids limits the claim to the rows a change just wrote (null = every due row).
create function public.claim_email_batch(p_limit int default 20, p_ids uuid[] default null)
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
       and (p_ids is null or o.id = any(p_ids))
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
comment on function public.claim_email_batch(int, uuid[]) is 'Delivery: marks up to p_limit due outbox rows as sending (lease) and returns them. service_role only.';
revoke execute on function public.claim_email_batch(int, uuid[]) from public, anon, authenticated;
grant execute on function public.claim_email_batch(int, uuid[]) to service_role;

-- Who may call: service_role only. Why: the provider accepted the e-mail. Secrets the payload carried for
-- the template (an invitation token) are removed now: the sent row keeps no usable link.
create function public.mark_email_sent(p_id uuid)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  update app_private.email_outbox o
     set status = 'sent', sent_at = coalesce(o.sent_at, now()), next_attempt_at = null, last_error = null,
         payload = o.payload - 'token'
   where o.id = p_id;
end;
$$;
comment on function public.mark_email_sent(uuid) is 'Delivery: the provider accepted the e-mail; scrubs the invitation token from the payload. service_role only.';
revoke execute on function public.mark_email_sent(uuid) from public, anon, authenticated;
grant execute on function public.mark_email_sent(uuid) to service_role;

-- Who may call: service_role only. Why: an attempt failed; the row is retried with exponential backoff
-- (30 s, 1, 2, 4 … minutes, at most one hour) until email_max_attempts, then stays failed (next_attempt_at null).
-- A row already sent stays sent.
create function public.mark_email_failed(p_id uuid, p_error text)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_max int := coalesce((select s.value::int from app_private.settings s where s.key = 'email_max_attempts'), 12);
begin
  update app_private.email_outbox o
     set status = 'failed',
         last_error = left(coalesce(p_error, 'unknown error'), 2000),
         next_attempt_at = case when o.attempts >= v_max then null
                                else now() + least(interval '1 hour', interval '30 seconds' * power(2, greatest(o.attempts - 1, 0))) end
   where o.id = p_id and o.status <> 'sent';
end;
$$;
comment on function public.mark_email_failed(uuid, text) is 'Delivery: an attempt failed; schedules the next with exponential backoff. service_role only.';
revoke execute on function public.mark_email_failed(uuid, text) from public, anon, authenticated;
grant execute on function public.mark_email_failed(uuid, text) to service_role;
