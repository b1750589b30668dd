-- Customer accounts (CN-xxxx) own clusters (C-xxxx). Numbers are given by the database, never by a client.
create sequence public.customer_number_seq start 1001;
comment on sequence public.customer_number_seq is 'Next customer number (CN-xxxx).';
create sequence public.cluster_number_seq start 2001;
comment on sequence public.cluster_number_seq is 'Next cluster number (C-xxxx).';

create table public.customer_accounts (
  id uuid primary key default gen_random_uuid(),
  customer_number text not null unique default ('CN-' || nextval('public.customer_number_seq')) check (customer_number ~ '^CN-[0-9]{4,}$'),
  company_name text not null check (char_length(btrim(company_name)) between 1 and 200),
  contact_person_id uuid,
  created_at timestamptz not null default now()
);
comment on table public.customer_accounts is 'A customer of the provider (customer number CN-xxxx). Its managers administer it; one of them is the contact person.';
comment on column public.customer_accounts.customer_number is 'Customer number shown to the customer, e.g. CN-1001. Assigned automatically.';
comment on column public.customer_accounts.company_name is 'Company or person the account belongs to.';
comment on column public.customer_accounts.contact_person_id is 'The manager named on invoices and called first in an emergency. Must be a current manager of this account (enforced by a foreign key to account_managers).';
comment on column public.customer_accounts.created_at is 'When the account was created (first cluster order).';

create table public.clusters (
  id uuid primary key default gen_random_uuid(),
  cluster_number text not null unique default ('C-' || nextval('public.cluster_number_seq')) check (cluster_number ~ '^C-[0-9]{4,}$'),
  account_id uuid not null references public.customer_accounts (id) on delete restrict,
  name text not null check (char_length(btrim(name)) between 1 and 200),
  created_at timestamptz not null default now()
);
comment on table public.clusters is 'A managed cluster (C-xxxx) owned by one customer account.';
comment on column public.clusters.cluster_number is 'Cluster number shown to the customer, e.g. C-2001. Assigned automatically.';
comment on column public.clusters.account_id is 'The customer account that owns the cluster; its managers are administrators of it.';
comment on column public.clusters.name is 'Name the customer gave the cluster.';
comment on column public.clusters.created_at is 'When the cluster was created.';
create index clusters_account_id_idx on public.clusters (account_id);

alter table public.customer_accounts enable row level security;
alter table public.clusters enable row level security;
