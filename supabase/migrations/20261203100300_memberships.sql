-- Who has which role: managers of customer accounts, administrators of clusters.
-- Rights are read from these rows on every request, so a removal takes effect at once, whatever a
-- still-valid session token says.
create table public.account_managers (
  account_id uuid not null references public.customer_accounts (id) on delete cascade,
  user_id uuid not null references public.profiles (id) on delete cascade,
  added_at timestamptz not null default now(),
  added_by uuid references public.profiles (id) on delete set null,
  primary key (account_id, user_id)
);
comment on table public.account_managers is 'Managers of customer accounts: commercial rights, user administration, and administrator of every cluster of the account. Removing the last manager or the contact person is refused.';
comment on column public.account_managers.account_id is 'The customer account.';
comment on column public.account_managers.user_id is 'The manager (profile / auth user id).';
comment on column public.account_managers.added_at is 'When the person became manager.';
comment on column public.account_managers.added_by is 'Who invited them (null for the first orderer or when added by support).';
create index account_managers_user_id_idx on public.account_managers (user_id);
create index account_managers_added_by_idx on public.account_managers (added_by);

create table public.cluster_administrators (
  cluster_id uuid not null references public.clusters (id) on delete cascade,
  user_id uuid not null references public.profiles (id) on delete cascade,
  added_at timestamptz not null default now(),
  added_by uuid references public.profiles (id) on delete set null,
  primary key (cluster_id, user_id)
);
comment on table public.cluster_administrators is 'Administrators of clusters: technical rights only (Managed Center, Monitoring Center). Managers of the owning account are administrators implicitly and need no row here.';
comment on column public.cluster_administrators.cluster_id is 'The cluster.';
comment on column public.cluster_administrators.user_id is 'The administrator (profile / auth user id).';
comment on column public.cluster_administrators.added_at is 'When the person became administrator.';
comment on column public.cluster_administrators.added_by is 'Who invited them.';
create index cluster_administrators_user_id_idx on public.cluster_administrators (user_id);
create index cluster_administrators_added_by_idx on public.cluster_administrators (added_by);

-- The contact person is always a current manager of the same account: a composite foreign key makes every
-- path (API, dashboard, SQL editor) obey it, and the row locks it takes serialise a contact change against a
-- removal of that person.
alter table public.customer_accounts
  add constraint customer_accounts_contact_person_is_manager
  foreign key (id, contact_person_id) references public.account_managers (account_id, user_id);
create index customer_accounts_contact_person_idx on public.customer_accounts (id, contact_person_id);
create index customer_accounts_contact_person_id_idx on public.customer_accounts (contact_person_id);

-- Who may call: only the trigger below. Why: "at least one manager" and "the contact person stays a manager"
-- span rows; the account row is locked before counting so that two parallel removals cannot both pass.
create function app_private.guard_manager_removal()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_contact uuid;
begin
  select a.contact_person_id into v_contact
    from public.customer_accounts a
   where a.id = old.account_id
   for update;
  if not found then
    return old; -- the account itself is being deleted
  end if;
  if v_contact = old.user_id then
    raise exception using
      errcode = 'P0001',
      message = 'contact_person_cannot_be_removed',
      detail = 'This manager is the contact person of the customer account. Choose another contact person first.';
  end if;
  if not exists (
    select 1 from public.account_managers m
     where m.account_id = old.account_id and m.user_id <> old.user_id
  ) then
    raise exception using
      errcode = 'P0001',
      message = 'last_manager',
      detail = 'A customer account needs at least one manager.';
  end if;
  return old;
end;
$$;
comment on function app_private.guard_manager_removal() is 'Trigger: refuses to remove the contact person or the last manager of a customer account.';
revoke execute on function app_private.guard_manager_removal() from public;

create trigger guard_manager_removal
  before delete on public.account_managers
  for each row execute function app_private.guard_manager_removal();

alter table public.account_managers enable row level security;
alter table public.cluster_administrators enable row level security;
