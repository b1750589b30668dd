-- Commercial area, part 1: the billing data of a customer account ("Edit data") and the history of contact
-- person changes. Managers edit the billing columns directly under RLS (column grant + update policy); bad
-- input is refused by check constraints (HTTP 400 from PostgREST, never a 500). The contact person is not in
-- the column grant: it changes only through set_contact_person, which checks, locks and records.

alter table public.customer_accounts
  add column address_line1 text check (address_line1 is null or char_length(btrim(address_line1)) between 1 and 200),
  add column address_line2 text check (address_line2 is null or char_length(btrim(address_line2)) between 1 and 200),
  add column postal_code text check (postal_code is null or postal_code ~ '^[A-Za-z0-9][A-Za-z0-9 -]{1,10}[A-Za-z0-9]$'),
  add column city text check (city is null or char_length(btrim(city)) between 1 and 100),
  add column country char(2) check (country is null or country ~ '^[A-Z]{2}$'),
  add column vat_id text check (vat_id is null or vat_id ~ '^[A-Z]{2}[A-Z0-9+*]{2,12}$'),
  add column billing_email text check (
    billing_email is null
    or (billing_email = lower(btrim(billing_email))
        and char_length(billing_email) <= 254
        and billing_email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[a-z]{2,63}$')
  );
comment on column public.customer_accounts.address_line1 is 'Billing address, first line (street and number). Editable by the managers ("Edit data").';
comment on column public.customer_accounts.address_line2 is 'Billing address, optional second line (c/o, department, building).';
comment on column public.customer_accounts.postal_code is 'Postal code of the billing address (letters, digits, spaces, hyphens).';
comment on column public.customer_accounts.city is 'City of the billing address.';
comment on column public.customer_accounts.country is 'Country of the billing address, ISO 3166-1 alpha-2 upper case (DE, AT, CH, …).';
comment on column public.customer_accounts.vat_id is 'VAT identification number, upper case without spaces, e.g. DE123456789. Optional.';
comment on column public.customer_accounts.billing_email is 'Address invoices are sent to, lower case. Empty = the contact person''s address.';

-- Managers may change exactly these columns; customer_number, contact_person_id and created_at stay closed.
grant update (company_name, address_line1, address_line2, postal_code, city, country, vat_id, billing_email)
  on public.customer_accounts to authenticated;
create policy "Managers can edit their customer accounts"
  on public.customer_accounts for update to authenticated
  using (id in (select app_private.managed_account_ids()))
  with check (id in (select app_private.managed_account_ids()));

-- History of the contact person ---------------------------------------------------------------------------
create table public.contact_person_changes (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references public.customer_accounts (id) on delete cascade,
  previous_contact_id uuid references public.profiles (id) on delete set null,
  new_contact_id uuid references public.profiles (id) on delete set null,
  changed_by uuid references public.profiles (id) on delete set null,
  changed_at timestamptz not null default now()
);
comment on table public.contact_person_changes is 'Every change of the contact person of a customer account (Edit data), written by set_contact_person. Read-only for managers of the account.';
comment on column public.contact_person_changes.account_id is 'The customer account.';
comment on column public.contact_person_changes.previous_contact_id is 'Contact person before the change (null if there was none or the user was deleted since).';
comment on column public.contact_person_changes.new_contact_id is 'Contact person after the change (null if the user was deleted since).';
comment on column public.contact_person_changes.changed_by is 'The manager who made the change.';
comment on column public.contact_person_changes.changed_at is 'When.';
create index contact_person_changes_account_id_idx on public.contact_person_changes (account_id, changed_at desc);
create index contact_person_changes_previous_contact_id_idx on public.contact_person_changes (previous_contact_id);
create index contact_person_changes_new_contact_id_idx on public.contact_person_changes (new_contact_id);
create index contact_person_changes_changed_by_idx on public.contact_person_changes (changed_by);

alter table public.contact_person_changes enable row level security;
create policy "Managers can see the contact person history of their customer accounts"
  on public.contact_person_changes for select to authenticated
  using (account_id in (select app_private.managed_account_ids()));
grant select on public.contact_person_changes to authenticated;
grant all on public.contact_person_changes to service_role;

-- set_contact_person: same signature, lock and checks as before; now also records the change. Choosing the
-- current contact person again changes nothing and records nothing.
-- Who may call: managers of the account (the Worker calls it with the caller's JWT for "Edit data").
-- Why security definer: authenticated has no update right on contact_person_id; this function is the one
-- checked path.
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
comment on function public.set_contact_person(uuid, uuid) is 'Edit data: makes another manager of the account its contact person and records the change in contact_person_changes. Callable by managers of the account.';
revoke execute on function public.set_contact_person(uuid, uuid) from public, anon;
grant execute on function public.set_contact_person(uuid, uuid) to authenticated, service_role;
