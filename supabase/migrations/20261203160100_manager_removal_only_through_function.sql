-- Managers are removed only through public.remove_manager, never by a direct DELETE.
-- Why: every path that changes managers or the contact person must take its locks in one order (the
-- account row first, then membership rows). A direct DELETE locks the membership row first and the guard
-- trigger the account row second, so it could deadlock against set_contact_person (which locks the account
-- and then, through the contact-person foreign key, the membership row): Postgres would abort one of them
-- with 40P01 and the user would see a server error. remove_manager locks the account first.
-- The guard trigger stays as the backstop for support staff deleting rows in the dashboard.
drop policy if exists "Managers can remove managers of their accounts" on public.account_managers;
revoke delete on public.account_managers from authenticated;
comment on table public.account_managers is 'Managers of customer accounts: commercial rights, user administration, and administrator of every cluster of the account. Remove a manager with public.remove_manager (or support.* functions); removing the last manager or the contact person is refused.';

-- remove_manager as before, plus a re-check of the caller after the account lock is taken.
create or replace function public.remove_manager(p_account_id uuid, p_user_id uuid, p_new_contact_id uuid default null)
returns table (account_id uuid, removed_user_id uuid, contact_person_id uuid)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_contact uuid;
begin
  if (select auth.uid()) is null then
    raise exception using errcode = '42501', message = 'not_authenticated', detail = 'Sign in first.';
  end if;
  select a.contact_person_id into v_contact
    from public.customer_accounts a
   where a.id = p_account_id and a.id in (select app_private.managed_account_ids())
   for update;
  if not found then
    raise exception using errcode = '42501', message = 'not_allowed', detail = 'Only managers of this customer account can remove its managers.';
  end if;
  -- Re-check with a fresh snapshot now that the lock is held: a manager removed by a transaction that
  -- committed while we waited must not act on rights they no longer have.
  if not exists (select 1 from public.account_managers m where m.account_id = p_account_id and m.user_id = (select auth.uid())) then
    raise exception using errcode = '42501', message = 'not_allowed', detail = 'Only managers of this customer account can remove its managers.';
  end if;
  if not exists (select 1 from public.account_managers m where m.account_id = p_account_id and m.user_id = p_user_id) then
    raise exception using errcode = 'PT404', message = 'member_not_found', detail = 'This person is not a manager of the customer account.';
  end if;
  if v_contact = p_user_id then
    if p_new_contact_id is null then
      raise exception using errcode = 'P0001', message = 'contact_person_cannot_be_removed', detail = 'This manager is the contact person. Name the manager who takes over.';
    end if;
    if p_new_contact_id = p_user_id
       or not exists (select 1 from public.account_managers m where m.account_id = p_account_id and m.user_id = p_new_contact_id) then
      raise exception using errcode = 'P0001', message = 'contact_not_manager', detail = 'The new contact person must be another manager of this customer account.';
    end if;
    update public.customer_accounts a set contact_person_id = p_new_contact_id where a.id = p_account_id;
    v_contact := p_new_contact_id;
  end if;
  -- the guard trigger still refuses the last manager
  delete from public.account_managers m where m.account_id = p_account_id and m.user_id = p_user_id;
  return query select p_account_id, p_user_id, v_contact;
end;
$$;
