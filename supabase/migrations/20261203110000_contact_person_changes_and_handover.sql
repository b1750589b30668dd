-- Changing the contact person, and removing a manager who is the contact person in one handover.
-- Both lock the account row first, like the removal guard, so that a contact change and a removal of the
-- same person serialise and the contact person is always a current manager.

-- Who may call: managers of the account (the Worker calls it with the caller's JWT for "Edit data").
-- Why security definer: authenticated has no update right on customer_accounts; this function is the one
-- checked path.
create function public.set_contact_person(p_account_id uuid, p_user_id uuid)
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
  if not exists (select 1 from public.account_managers m where m.account_id = p_account_id and m.user_id = p_user_id) then
    raise exception using errcode = 'P0001', message = 'contact_not_manager', detail = 'The contact person must be a manager of this customer account.';
  end if;
  update public.customer_accounts a set contact_person_id = p_user_id where a.id = p_account_id;
  return query select p_account_id, v_previous, p_user_id;
end;
$$;
comment on function public.set_contact_person(uuid, uuid) is 'Edit data: makes another manager of the account its contact person. Callable by managers of the account.';
revoke execute on function public.set_contact_person(uuid, uuid) from public, anon;
grant execute on function public.set_contact_person(uuid, uuid) to authenticated, service_role;

-- Who may call: managers of the account. Removes a manager (also oneself: leaving); when that manager is
-- the contact person, p_new_contact_id must name the manager who takes over, in the same transaction.
create function public.remove_manager(p_account_id uuid, p_user_id uuid, p_new_contact_id uuid default null)
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
comment on function public.remove_manager(uuid, uuid, uuid) is 'Removes a manager from a customer account (the x), with a handover when they are the contact person. Refuses the last manager.';
revoke execute on function public.remove_manager(uuid, uuid, uuid) from public, anon;
grant execute on function public.remove_manager(uuid, uuid, uuid) to authenticated, service_role;
