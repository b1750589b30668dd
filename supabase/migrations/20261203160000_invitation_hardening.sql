-- Hardening found by review:
-- 1. A removed manager must not get back in through an invitation they sent before the removal, so their
--    open invitations for that account (and its clusters) are revoked with them.
-- 2. Managers are administrators of every cluster of their account already; an administrator invitation
--    for one of them is refused (already_member) instead of creating a pointless assignment.
-- 3. The per-address rate limit counts only invitations from the inviter's own customer accounts, so one
--    customer cannot block invitations of another by spending the address's quota.

-- Who may call: the trigger below. Runs as owner because the removing manager has no update right on
-- invitations.
create function app_private.revoke_invitations_of_removed_manager()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.invitations i
     set revoked_at = now()
   where i.invited_by = old.user_id
     and i.accepted_at is null
     and i.revoked_at is null
     and (i.account_id = old.account_id
          or i.cluster_id in (select c.id from public.clusters c where c.account_id = old.account_id));
  return old;
end;
$$;
comment on function app_private.revoke_invitations_of_removed_manager() is 'Trigger: when a manager leaves or is removed, withdraws the open invitations they sent for that customer account and its clusters.';
revoke execute on function app_private.revoke_invitations_of_removed_manager() from public;

create trigger revoke_invitations_of_removed_manager
  after delete on public.account_managers
  for each row execute function app_private.revoke_invitations_of_removed_manager();

-- Who may call: the trigger below.
create function app_private.refuse_administrator_invitation_of_manager()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.role = 'administrator' and exists (
    select 1
      from public.clusters c
      join public.account_managers m on m.account_id = c.account_id
      join public.profiles p on p.id = m.user_id
     where c.id = new.cluster_id and lower(p.email) = new.email
  ) then
    raise exception using
      errcode = 'PT409',
      message = 'already_member',
      detail = 'This person is a manager of the customer account and therefore already administrator of all its clusters.';
  end if;
  return new;
end;
$$;
comment on function app_private.refuse_administrator_invitation_of_manager() is 'Trigger: refuses an administrator invitation for someone who already manages the account that owns the cluster.';
revoke execute on function app_private.refuse_administrator_invitation_of_manager() from public;

create trigger refuse_administrator_invitation_of_manager
  before insert on public.invitations
  for each row execute function app_private.refuse_administrator_invitation_of_manager();

-- Same limits as before; the per-address count is now scoped to the inviter's customer accounts (sends by
-- any manager of any account the inviter manages).
create or replace function app_private.enforce_invitation_rate_limit(p_invited_by uuid, p_email text)
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
  v_colleagues uuid[];
  v_retry int;
begin
  select coalesce(array_agg(distinct m2.user_id), array[p_invited_by]) into v_colleagues
    from public.account_managers m
    join public.account_managers m2 on m2.account_id = m.account_id
   where m.user_id = p_invited_by;
  select count(*) into v_by_manager from app_private.invitation_sends s where s.invited_by = p_invited_by and s.sent_at > now() - interval '1 hour';
  select count(*) into v_by_address from app_private.invitation_sends s
   where s.email = p_email and s.invited_by = any(v_colleagues) and s.sent_at > now() - interval '1 hour';
  if v_by_manager >= v_max_manager or v_by_address >= v_max_address then
    select greatest(1, ceil(extract(epoch from (min(s.sent_at) + interval '1 hour' - now()))))::int into v_retry
      from app_private.invitation_sends s
     where s.sent_at > now() - interval '1 hour'
       and ((v_by_manager >= v_max_manager and s.invited_by = p_invited_by)
            or (v_by_address >= v_max_address and s.email = p_email and s.invited_by = any(v_colleagues)));
    raise exception using
      errcode = 'PT429',
      message = 'rate_limited',
      detail = format('Too many invitations. Try again in %s seconds.', v_retry),
      hint = v_retry::text;
  end if;
  insert into app_private.invitation_sends (invited_by, email) values (p_invited_by, p_email);
end;
$$;
