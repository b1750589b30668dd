-- Invitations by e-mail: "Invite manager" (to a customer account) and "Invite administrator" (to a cluster).
-- The token travels only in the e-mail; the database keeps its SHA-256 hash.
create type public.invitation_role as enum ('manager', 'administrator');
comment on type public.invitation_role is 'manager = invited to a customer account; administrator = invited to a cluster.';

create table public.invitations (
  id uuid primary key default gen_random_uuid(),
  role public.invitation_role not null,
  account_id uuid references public.customer_accounts (id) on delete cascade,
  cluster_id uuid references public.clusters (id) on delete cascade,
  email text not null check (email = lower(btrim(email)) and char_length(email) between 3 and 254),
  token_hash text not null unique,
  invited_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  accepted_at timestamptz,
  accepted_by uuid references public.profiles (id) on delete set null,
  revoked_at timestamptz,
  constraint invitations_target_matches_role check (
    (role = 'manager' and account_id is not null and cluster_id is null)
    or (role = 'administrator' and cluster_id is not null and account_id is null)
  )
);
comment on table public.invitations is 'Pending and past invitations. Pending = not accepted, not revoked, not expired. Each is bound to one e-mail address and can be accepted once.';
comment on column public.invitations.role is 'What the invitee becomes: manager of account_id or administrator of cluster_id.';
comment on column public.invitations.account_id is 'Customer account (manager invitations).';
comment on column public.invitations.cluster_id is 'Cluster (administrator invitations).';
comment on column public.invitations.email is 'The invited address, trimmed and lower-case. Only a user signed in with this address can accept.';
comment on column public.invitations.token_hash is 'SHA-256 (hex) of the secret token sent in the e-mail. The token itself is never stored.';
comment on column public.invitations.invited_by is 'The manager who sent (or last renewed) the invitation.';
comment on column public.invitations.created_at is 'When the invitation was first sent.';
comment on column public.invitations.expires_at is 'After this time the invitation can no longer be accepted.';
comment on column public.invitations.accepted_at is 'When it was accepted (single use).';
comment on column public.invitations.accepted_by is 'Who accepted it.';
comment on column public.invitations.revoked_at is 'When a manager withdrew it.';

-- One open invitation per address and target: inviting again renews it.
create unique index invitations_one_open_per_target on public.invitations (role, coalesce(account_id, cluster_id), email)
  where accepted_at is null and revoked_at is null;
create index invitations_account_id_idx on public.invitations (account_id);
create index invitations_cluster_id_idx on public.invitations (cluster_id);
create index invitations_invited_by_idx on public.invitations (invited_by);
create index invitations_accepted_by_idx on public.invitations (accepted_by);

alter table public.invitations enable row level security;
create policy "Managers can see the invitations of their accounts and clusters"
  on public.invitations for select to authenticated
  using (
    account_id in (select app_private.managed_account_ids())
    or cluster_id in (select app_private.managed_cluster_ids())
  );
-- Every column but the token hash.
grant select (id, role, account_id, cluster_id, email, invited_by, created_at, expires_at, accepted_at, accepted_by, revoked_at)
  on public.invitations to authenticated;
grant all on public.invitations to service_role;

-- Who may call: internal. Why: one definition of how a token is hashed.
create function app_private.hash_token(p_token text)
returns text
language sql
immutable
set search_path = ''
as $$
  select encode(pg_catalog.sha256(convert_to(coalesce(p_token, ''), 'UTF8')), 'hex')
$$;
comment on function app_private.hash_token(text) is 'SHA-256 hex of an invitation token.';
revoke execute on function app_private.hash_token(text) from public;

-- Who may call: authenticated users (through the Worker, which then sends the e-mail). The caller must manage
-- the customer account, or the account that owns the cluster; otherwise not_allowed, also for ids that do not
-- exist, so that nobody learns about other customers. Returns the secret token once.
create function public.create_invitation(p_role public.invitation_role, p_target_id uuid, p_email text)
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

  -- Inviting an address again renews the open invitation (new token, new expiry) instead of failing.
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
comment on function public.create_invitation(public.invitation_role, uuid, text) is 'Invite manager / Invite administrator. Callable by managers of the target account; returns the one-time token for the e-mail link. Renews an open invitation to the same address.';
revoke execute on function public.create_invitation(public.invitation_role, uuid, text) from public, anon;
grant execute on function public.create_invitation(public.invitation_role, uuid, text) to authenticated, service_role;

-- Who may call: anyone holding the link (anon or signed in). Why: the invitation page shows who invites whom
-- to what before the user signs in. It only reads: opening a link (or a link scanner fetching it) changes nothing.
create function public.get_invitation(p_token text)
returns table (
  role public.invitation_role,
  customer_number text,
  cluster_number text,
  target_name text,
  inviter_email text,
  inviter_name text,
  email_masked text,
  expires_at timestamptz,
  state text
)
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query
  select
    i.role,
    coalesce(a.customer_number, ca.customer_number),
    c.cluster_number,
    coalesce(a.company_name, c.name),
    p.email,
    p.display_name,
    left(i.email, 1) || '***' || substr(i.email, strpos(i.email, '@')),
    i.expires_at,
    case
      when i.accepted_at is not null then 'accepted'
      when i.revoked_at is not null then 'revoked'
      when i.expires_at <= now() then 'expired'
      else 'pending'
    end
  from public.invitations i
  left join public.customer_accounts a on a.id = i.account_id
  left join public.clusters c on c.id = i.cluster_id
  left join public.customer_accounts ca on ca.id = c.account_id
  left join public.profiles p on p.id = i.invited_by
  where i.token_hash = app_private.hash_token(p_token);
  if not found then
    raise exception using errcode = 'PT404', message = 'invitation_not_found', detail = 'This invitation link is not valid.';
  end if;
end;
$$;
comment on function public.get_invitation(text) is 'Shows an invitation to the holder of its link (inviter, target, role, masked address, expiry, state). Read-only.';
revoke execute on function public.get_invitation(text) from public;
grant execute on function public.get_invitation(text) to anon, authenticated, service_role;

-- Who may call: the signed-in invitee. The address they are signed in with (from auth.users, not from the
-- token's claims) must be the invited one. The row lock makes parallel acceptances of one invitation
-- produce exactly one membership.
create function public.accept_invitation(p_token text)
returns table (role public.invitation_role, account_id uuid, cluster_id uuid)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_uid uuid := (select auth.uid());
  v_email text;
  v_inv public.invitations%rowtype;
begin
  if v_uid is null then
    raise exception using errcode = '42501', message = 'not_authenticated', detail = 'Sign in first.';
  end if;
  select lower(u.email) into v_email from auth.users u where u.id = v_uid;

  select * into v_inv from public.invitations i where i.token_hash = app_private.hash_token(p_token) for update;
  if not found then
    raise exception using errcode = 'PT404', message = 'invitation_not_found', detail = 'This invitation link is not valid.';
  end if;
  if v_inv.accepted_at is not null then
    raise exception using errcode = 'P0001', message = 'invitation_used', detail = 'This invitation has already been accepted.';
  end if;
  if v_inv.revoked_at is not null then
    raise exception using errcode = 'P0001', message = 'invitation_revoked', detail = 'This invitation was withdrawn.';
  end if;
  if v_inv.expires_at <= now() then
    raise exception using errcode = 'P0001', message = 'invitation_expired', detail = 'This invitation has expired.';
  end if;
  if v_email is distinct from v_inv.email then
    raise exception using errcode = '42501', message = 'invitation_wrong_user', detail = 'This invitation is for another e-mail address.';
  end if;

  if v_inv.role = 'manager' then
    insert into public.account_managers (account_id, user_id, added_by)
    values (v_inv.account_id, v_uid, v_inv.invited_by)
    on conflict do nothing;
  else
    insert into public.cluster_administrators (cluster_id, user_id, added_by)
    values (v_inv.cluster_id, v_uid, v_inv.invited_by)
    on conflict do nothing;
  end if;

  update public.invitations i set accepted_at = now(), accepted_by = v_uid where i.id = v_inv.id;
  return query select v_inv.role, v_inv.account_id, v_inv.cluster_id;
end;
$$;
comment on function public.accept_invitation(text) is 'Accepts an invitation for the signed-in user whose e-mail address it is bound to; adds the manager or administrator role. Single use.';
revoke execute on function public.accept_invitation(text) from public, anon;
grant execute on function public.accept_invitation(text) to authenticated, service_role;
