-- set_contact_person as before (20261203120000), plus a re-check of the caller once the account row is
-- locked, like remove_manager: the helper in the WHERE clause was evaluated before waiting for the lock.
create or replace function public.set_contact_person(p_account_id uuid, p_user_id uuid)
returns table (account_id uuid, previous_contact_id uuid, contact_person_id uuid)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_previous uuid;
begin
  if (select auth.uid()) is null then
    raise exception using errcode = '42501', message = 'not_authenticated', detail = 'Sign in first.';
  end if;
  if p_account_id is null or p_user_id is null then
    raise exception using errcode = 'P0001', message = 'validation_failed', detail = 'Customer account and new contact person are required.';
  end if;
  select a.contact_person_id into v_previous
    from public.customer_accounts a
   where a.id = p_account_id and a.id in (select app_private.managed_account_ids())
   for update;
  if not found then
    raise exception using errcode = '42501', message = 'not_allowed', detail = 'Only managers of this customer account can change its contact person.';
  end if;
  -- Re-check with a fresh snapshot now that the lock is held: a manager removed by a transaction that
  -- committed while we waited must not act on rights they no longer have.
  if not exists (select 1 from public.account_managers m where m.account_id = p_account_id and m.user_id = (select auth.uid())) then
    raise exception using errcode = '42501', message = 'not_allowed', detail = 'Only managers of this customer account can change its contact person.';
  end if;
  if not exists (select 1 from public.account_managers m where m.account_id = p_account_id and m.user_id = p_user_id) then
    raise exception using errcode = 'P0001', message = 'contact_not_manager', detail = 'The contact person must be a manager of this customer account.';
  end if;
  if v_previous is distinct from p_user_id then
    update public.customer_accounts a set contact_person_id = p_user_id where a.id = p_account_id;
    insert into public.contact_person_changes (account_id, previous_contact_id, new_contact_id, changed_by)
    values (p_account_id, v_previous, p_user_id, (select auth.uid()));
  end if;
  return query select p_account_id, v_previous, p_user_id;
end;
$$;
