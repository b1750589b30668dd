-- Rate limits on invitations, per inviting manager and per invited address, so that the product cannot be
-- used to flood someone's mailbox. Counted from a send log (renewals count too).
create table app_private.invitation_sends (
  id bigint generated always as identity primary key,
  invited_by uuid not null references public.profiles (id) on delete cascade,
  email text not null,
  sent_at timestamptz not null default now()
);
comment on table app_private.invitation_sends is 'One row per invitation e-mail requested (also renewals); the basis of the invitation rate limits. Rows older than a day can be deleted.';
comment on column app_private.invitation_sends.invited_by is 'The manager who asked for the invitation.';
comment on column app_private.invitation_sends.email is 'The invited address (lower-case).';
comment on column app_private.invitation_sends.sent_at is 'When.';
create index invitation_sends_invited_by_idx on app_private.invitation_sends (invited_by, sent_at);
create index invitation_sends_email_idx on app_private.invitation_sends (email, sent_at);

create table app_private.settings (
  key text primary key,
  value text not null
);
comment on table app_private.settings is 'Tunable product settings for support staff (edit in the table editor).';
comment on column app_private.settings.key is 'Setting name.';
comment on column app_private.settings.value is 'Setting value (text; parsed by the function that reads it).';
insert into app_private.settings (key, value) values
  ('invitations_per_manager_per_hour', '30'),
  ('invitations_per_address_per_hour', '5');

-- Who may call: create_invitation. Raises rate_limited (HTTP 429) with the seconds until the oldest send in
-- the window ages out.
create function app_private.enforce_invitation_rate_limit(p_invited_by uuid, p_email text)
returns void
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_by_manager int;
  v_by_address int;
  v_max_manager int := coalesce((select s.value::int from app_private.settings s where s.key = 'invitations_per_manager_per_hour'), 30);
  v_max_address int := coalesce((select s.value::int from app_private.settings s where s.key = 'invitations_per_address_per_hour'), 5);
  v_retry int;
begin
  select count(*) into v_by_manager from app_private.invitation_sends s where s.invited_by = p_invited_by and s.sent_at > now() - interval '1 hour';
  select count(*) into v_by_address from app_private.invitation_sends s where s.email = p_email and s.sent_at > now() - interval '1 hour';
  if v_by_manager >= v_max_manager or v_by_address >= v_max_address then
    select greatest(1, ceil(extract(epoch from (min(s.sent_at) + interval '1 hour' - now()))))::int into v_retry
      from app_private.invitation_sends s
     where s.sent_at > now() - interval '1 hour'
       and ((v_by_manager >= v_max_manager and s.invited_by = p_invited_by) or (v_by_address >= v_max_address and s.email = p_email));
    raise exception using
      errcode = 'PT429',
      message = 'rate_limited',
      detail = format('Too many invitations. Try again in %s seconds.', v_retry),
      hint = v_retry::text;
  end if;
  insert into app_private.invitation_sends (invited_by, email) values (p_invited_by, p_email);
end;
$$;
comment on function app_private.enforce_invitation_rate_limit(uuid, text) is 'Refuses an invitation beyond the hourly limits (settings invitations_per_manager_per_hour / _per_address_per_hour) and logs the send.';
revoke execute on function app_private.enforce_invitation_rate_limit(uuid, text) from public;

-- create_invitation: same as before, plus the rate limit once the caller's right is established.
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
  v_token text := replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');
  v_id uuid;
  v_expires timestamptz := now() + interval '7 days';
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

  update public.invitations i
     set token_hash = app_private.hash_token(v_token), expires_at = v_expires, invited_by = v_uid
   where i.role = p_role
     and coalesce(i.account_id, i.cluster_id) = p_target_id
     and i.email = v_email
     and i.accepted_at is null and i.revoked_at is null
  returning i.id into v_id;

  if v_id is null then
    insert into public.invitations (role, account_id, cluster_id, email, token_hash, invited_by, expires_at)
    values (p_role, v_account, v_cluster, v_email, app_private.hash_token(v_token), v_uid, v_expires)
    returning id into v_id;
  end if;

  return query select v_id, v_token, v_email, v_expires, v_number, v_name;
end;
$$;
