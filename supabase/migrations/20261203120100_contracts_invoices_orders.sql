-- Commercial area, part 2: plans, contracts, invoices with their lines, and orders. FAQ: invoice viewing,
-- contract insight and order view are for managers only; administrators see none of it (RLS returns nothing).
-- Money is integer cents plus an ISO 4217 currency; nothing is stored as a float.

-- A cluster and its account as one key, so that contracts and certificate orders can only name a cluster of
-- their own customer account (composite foreign keys below).
alter table public.clusters add constraint clusters_id_account_id_key unique (id, account_id);

create type public.contract_status as enum ('active', 'notice_given', 'ended');
comment on type public.contract_status is 'active = running; notice_given = cancelled, runs until ends_on; ended = no longer billed.';
create type public.invoice_status as enum ('open', 'paid', 'overdue', 'cancelled');
comment on type public.invoice_status is 'open = issued, not yet due or paid; paid; overdue = due date passed unpaid; cancelled = voided by a credit note.';
create type public.order_kind as enum ('cluster', 'domain', 'certificate');
comment on type public.order_kind is 'What was ordered: a managed cluster, a domain, or an SSL certificate for a domain on one of the account''s clusters.';
create type public.order_status as enum ('pending', 'in_progress', 'completed', 'rejected', 'cancelled');
comment on type public.order_status is 'pending = received, waiting for the provider; in_progress = being set up; completed = delivered; rejected = refused by the provider; cancelled = withdrawn.';

-- Plans (the price list) ----------------------------------------------------------------------------------
create table public.cluster_plans (
  code text primary key check (code ~ '^[a-z0-9][a-z0-9-]{1,31}$'),
  name text not null check (char_length(btrim(name)) between 1 and 100),
  description text not null default '' check (char_length(description) <= 300),
  monthly_price_cents integer not null check (monthly_price_cents >= 0),
  currency char(3) not null default 'EUR' check (currency ~ '^[A-Z]{3}$'),
  orderable boolean not null default true,
  sort_order integer not null default 0
);
comment on table public.cluster_plans is 'The cluster plans customers can order (the price list). Edit prices here; set orderable = false to withdraw a plan without touching existing contracts.';
comment on column public.cluster_plans.code is 'Stable plan code used in orders and contracts, e.g. managed-m.';
comment on column public.cluster_plans.name is 'Product name shown to customers and on contracts.';
comment on column public.cluster_plans.description is 'One line about the plan (resources), shown in the order form.';
comment on column public.cluster_plans.monthly_price_cents is 'Net monthly price in cents (before VAT).';
comment on column public.cluster_plans.currency is 'ISO 4217 currency of the price.';
comment on column public.cluster_plans.orderable is 'Offered in the order form.';
comment on column public.cluster_plans.sort_order is 'Position in the order form (ascending).';

insert into public.cluster_plans (code, name, description, monthly_price_cents, currency, sort_order) values
  ('managed-s', 'Managed Cluster S', '2 vCPU, 8 GB RAM, 100 GB NVMe', 14900, 'EUR', 10),
  ('managed-m', 'Managed Cluster M', '4 vCPU, 16 GB RAM, 200 GB NVMe', 29900, 'EUR', 20),
  ('managed-l', 'Managed Cluster L', '8 vCPU, 32 GB RAM, 400 GB NVMe', 59900, 'EUR', 30),
  ('managed-xl', 'Managed Cluster XL', '16 vCPU, 64 GB RAM, 800 GB NVMe, high availability', 119900, 'EUR', 40);

-- Contracts -----------------------------------------------------------------------------------------------
create sequence public.contract_number_seq start 3001;
comment on sequence public.contract_number_seq is 'Next contract number (V-xxxx).';

create table public.contracts (
  id uuid primary key default gen_random_uuid(),
  contract_number text not null unique default ('V-' || nextval('public.contract_number_seq')) check (contract_number ~ '^V-[0-9]{4,}$'),
  account_id uuid not null references public.customer_accounts (id) on delete restrict,
  cluster_id uuid,
  plan_code text references public.cluster_plans (code) on delete restrict,
  product_name text not null check (char_length(btrim(product_name)) between 1 and 200),
  starts_on date not null,
  term_months integer not null check (term_months in (1, 12, 24, 36)),
  ends_on date,
  monthly_price_cents integer not null check (monthly_price_cents >= 0),
  currency char(3) not null default 'EUR' check (currency ~ '^[A-Z]{3}$'),
  status public.contract_status not null default 'active',
  created_at timestamptz not null default now(),
  constraint contracts_cluster_of_account foreign key (cluster_id, account_id) references public.clusters (id, account_id) on delete restrict,
  constraint contracts_ends_after_start check (ends_on is null or ends_on >= starts_on),
  constraint contracts_ended_has_end check (status = 'active' or ends_on is not null)
);
comment on table public.contracts is 'Contracts of a customer account, usually one per cluster. Managers of the account can read them; created by the provider when an order is fulfilled.';
comment on column public.contracts.contract_number is 'Contract number shown to the customer, e.g. V-3001. Assigned automatically.';
comment on column public.contracts.account_id is 'The customer account that holds the contract.';
comment on column public.contracts.cluster_id is 'The cluster the contract is for (must belong to the same account); null for contracts without a cluster.';
comment on column public.contracts.plan_code is 'The plan from the price list, if any.';
comment on column public.contracts.product_name is 'Product as named in the contract, e.g. Managed Cluster M.';
comment on column public.contracts.starts_on is 'First day of the contract.';
comment on column public.contracts.term_months is 'Minimum term in months (1, 12, 24 or 36); renews by the same term unless notice is given.';
comment on column public.contracts.ends_on is 'Last day (set when notice was given or the contract ended).';
comment on column public.contracts.monthly_price_cents is 'Agreed net monthly price in cents (may differ from the price list).';
comment on column public.contracts.currency is 'ISO 4217 currency of the price.';
comment on column public.contracts.status is 'active, notice_given or ended.';
comment on column public.contracts.created_at is 'When the contract row was created.';
create index contracts_account_id_idx on public.contracts (account_id);
create index contracts_cluster_account_idx on public.contracts (cluster_id, account_id);
create index contracts_plan_code_idx on public.contracts (plan_code);

-- Invoices ------------------------------------------------------------------------------------------------
create sequence public.invoice_number_seq start 1;
comment on sequence public.invoice_number_seq is 'Running number of invoices (RE-YYYY-nnnnn).';

create table public.invoices (
  id uuid primary key default gen_random_uuid(),
  invoice_number text not null unique check (invoice_number ~ '^RE-[0-9]{4}-[0-9]{5,}$'),
  account_id uuid not null references public.customer_accounts (id) on delete restrict,
  issued_on date not null,
  due_on date not null,
  period_start date not null,
  period_end date not null,
  net_cents bigint not null check (net_cents >= 0),
  vat_rate_bp integer not null check (vat_rate_bp between 0 and 10000),
  vat_cents bigint not null check (vat_cents >= 0),
  gross_cents bigint not null,
  currency char(3) not null default 'EUR' check (currency ~ '^[A-Z]{3}$'),
  status public.invoice_status not null default 'open',
  customer_name text not null,
  billing_address text not null default '',
  vat_id text,
  contact_person_id uuid references public.profiles (id) on delete set null,
  contact_person_name text not null,
  created_at timestamptz not null default now(),
  constraint invoices_gross_is_net_plus_vat check (gross_cents = net_cents + vat_cents),
  constraint invoices_vat_matches_rate check (vat_cents = round(net_cents * vat_rate_bp / 10000.0)),
  constraint invoices_period check (period_end >= period_start),
  constraint invoices_due_after_issue check (due_on >= issued_on)
);
comment on table public.invoices is 'Invoices of a customer account. Managers of the account can read them. Issued by the provider (issue_invoice); the customer, address and contact person are copied at issue time, so later changes do not rewrite old invoices.';
comment on column public.invoices.invoice_number is 'Invoice number, e.g. RE-2026-00042. Assigned by issue_invoice.';
comment on column public.invoices.account_id is 'The invoiced customer account.';
comment on column public.invoices.issued_on is 'Invoice date.';
comment on column public.invoices.due_on is 'Payment due date.';
comment on column public.invoices.period_start is 'First day of the billed period.';
comment on column public.invoices.period_end is 'Last day of the billed period.';
comment on column public.invoices.net_cents is 'Sum of the lines in cents, before VAT (checked against invoice_lines at commit).';
comment on column public.invoices.vat_rate_bp is 'VAT rate in basis points: 1900 = 19 %.';
comment on column public.invoices.vat_cents is 'VAT in cents = round(net × rate).';
comment on column public.invoices.gross_cents is 'Total due in cents = net + VAT.';
comment on column public.invoices.currency is 'ISO 4217 currency.';
comment on column public.invoices.status is 'open, paid, overdue or cancelled.';
comment on column public.invoices.customer_name is 'Company name of the account at issue time.';
comment on column public.invoices.billing_address is 'Billing address at issue time, one line per address line.';
comment on column public.invoices.vat_id is 'VAT id of the customer at issue time.';
comment on column public.invoices.contact_person_id is 'Contact person at issue time (null if the user was deleted since).';
comment on column public.invoices.contact_person_name is 'Name of the contact person printed on the invoice, as it was at issue time. Never rewritten by a later contact change.';
comment on column public.invoices.created_at is 'When the row was created.';
create index invoices_account_id_idx on public.invoices (account_id, issued_on desc);
create index invoices_contact_person_id_idx on public.invoices (contact_person_id);

create table public.invoice_lines (
  id uuid primary key default gen_random_uuid(),
  invoice_id uuid not null references public.invoices (id) on delete cascade,
  position integer not null check (position > 0),
  description text not null check (char_length(btrim(description)) between 1 and 300),
  quantity integer not null check (quantity > 0),
  unit_price_cents bigint not null,
  amount_cents bigint not null,
  contract_id uuid references public.contracts (id) on delete set null,
  constraint invoice_lines_amount check (amount_cents = quantity * unit_price_cents),
  constraint invoice_lines_position_key unique (invoice_id, position)
);
comment on table public.invoice_lines is 'Lines of an invoice. Readable by the managers of the invoiced account.';
comment on column public.invoice_lines.invoice_id is 'The invoice.';
comment on column public.invoice_lines.position is 'Line number on the invoice (1, 2, …).';
comment on column public.invoice_lines.description is 'What is billed, e.g. "Managed Cluster M – C-2001 Shop production".';
comment on column public.invoice_lines.quantity is 'Quantity (whole units, e.g. months).';
comment on column public.invoice_lines.unit_price_cents is 'Net unit price in cents (negative for a discount).';
comment on column public.invoice_lines.amount_cents is 'quantity × unit price, in cents.';
comment on column public.invoice_lines.contract_id is 'The contract the line bills, if any.';
create index invoice_lines_contract_id_idx on public.invoice_lines (contract_id);

-- Who may call: the triggers below. Why: copy the customer and the contact person onto the invoice at the
-- moment it is issued (unless the issuer gave them, e.g. when importing old invoices).
create function app_private.snapshot_invoice_parties()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_account public.customer_accounts%rowtype;
begin
  select * into v_account from public.customer_accounts a where a.id = new.account_id;
  if new.customer_name is null then
    new.customer_name := v_account.company_name;
  end if;
  if new.billing_address is null or new.billing_address = '' then
    new.billing_address := concat_ws(E'\n',
      v_account.address_line1, v_account.address_line2,
      nullif(btrim(concat_ws(' ', v_account.postal_code, v_account.city)), ''), v_account.country);
  end if;
  if new.vat_id is null then
    new.vat_id := v_account.vat_id;
  end if;
  if new.contact_person_name is null then
    new.contact_person_id := v_account.contact_person_id;
    select coalesce(nullif(btrim(p.display_name), ''), p.email) into new.contact_person_name
      from public.profiles p where p.id = v_account.contact_person_id;
    new.contact_person_name := coalesce(new.contact_person_name, '');
  end if;
  return new;
end;
$$;
comment on function app_private.snapshot_invoice_parties() is 'Trigger: copies company name, billing address, VAT id and the current contact person onto a new invoice.';
revoke execute on function app_private.snapshot_invoice_parties() from public;

create trigger snapshot_invoice_parties
  before insert on public.invoices
  for each row execute function app_private.snapshot_invoice_parties();

-- Who may call: the constraint triggers below. Why: the net amount of an invoice must equal the sum of its
-- lines; checked at commit so that an invoice and its lines can be inserted in any order.
create function app_private.check_invoice_total()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_invoice uuid;
  v_net bigint;
  v_sum bigint;
begin
  if tg_table_name = 'invoices' then
    v_invoice := new.id;
  elsif tg_op = 'DELETE' then
    v_invoice := old.invoice_id;
  else
    v_invoice := new.invoice_id;
  end if;
  select i.net_cents into v_net from public.invoices i where i.id = v_invoice;
  if not found then
    return null; -- the invoice was deleted
  end if;
  select coalesce(sum(l.amount_cents), 0) into v_sum from public.invoice_lines l where l.invoice_id = v_invoice;
  if v_sum <> v_net then
    raise exception using
      errcode = '23514',
      message = 'invoice_total_mismatch',
      detail = format('The net amount of the invoice (%s cents) must equal the sum of its lines (%s cents).', v_net, v_sum);
  end if;
  return null;
end;
$$;
comment on function app_private.check_invoice_total() is 'Constraint trigger: net_cents of an invoice = sum of the amounts of its lines (checked at commit).';
revoke execute on function app_private.check_invoice_total() from public;

create constraint trigger invoice_total_matches_lines
  after insert or update on public.invoices
  deferrable initially deferred
  for each row execute function app_private.check_invoice_total();
create constraint trigger invoice_lines_match_total
  after insert or update or delete on public.invoice_lines
  deferrable initially deferred
  for each row execute function app_private.check_invoice_total();

-- Who may call: the provider's back office with the service key (or support in the SQL editor); not the API
-- roles. Issues the invoice of one account for one period from its contracts running in that period:
-- one line per contract and month, 19 % VAT unless told otherwise, due in 14 days.
create function public.issue_invoice(
  p_account_id uuid,
  p_period_start date,
  p_period_end date,
  p_issued_on date default current_date,
  p_vat_rate_bp integer default 1900
)
returns public.invoices
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_invoice public.invoices%rowtype;
  v_id uuid := gen_random_uuid();
  v_months integer;
  v_net bigint;
  v_currency char(3);
begin
  if p_period_end < p_period_start then
    raise exception using errcode = 'P0001', message = 'validation_failed', detail = 'The period must not end before it starts.';
  end if;
  v_months := greatest(1, (extract(year from age(p_period_end + 1, p_period_start)) * 12 + extract(month from age(p_period_end + 1, p_period_start)))::int);
  select coalesce(sum(c.monthly_price_cents::bigint * v_months), 0), min(c.currency) into v_net, v_currency
    from public.contracts c
   where c.account_id = p_account_id and c.starts_on <= p_period_end and (c.ends_on is null or c.ends_on >= p_period_start) and c.status <> 'ended';
  if v_net = 0 then
    raise exception using errcode = 'P0001', message = 'nothing_to_invoice', detail = 'The account has no contract running in this period.';
  end if;

  insert into public.invoices (id, invoice_number, account_id, issued_on, due_on, period_start, period_end,
                               net_cents, vat_rate_bp, vat_cents, gross_cents, currency)
  values (v_id,
          'RE-' || to_char(p_issued_on, 'YYYY') || '-' || lpad(nextval('public.invoice_number_seq')::text, 5, '0'),
          p_account_id, p_issued_on, p_issued_on + 14, p_period_start, p_period_end,
          v_net, p_vat_rate_bp, round(v_net * p_vat_rate_bp / 10000.0), v_net + round(v_net * p_vat_rate_bp / 10000.0), coalesce(v_currency, 'EUR'));

  insert into public.invoice_lines (invoice_id, position, description, quantity, unit_price_cents, amount_cents, contract_id)
  select v_id, row_number() over (order by c.contract_number),
         c.product_name || coalesce(' – ' || cl.cluster_number || ' ' || cl.name, '') || ' (' || c.contract_number || ')',
         v_months, c.monthly_price_cents, c.monthly_price_cents::bigint * v_months, c.id
    from public.contracts c
    left join public.clusters cl on cl.id = c.cluster_id
   where c.account_id = p_account_id and c.starts_on <= p_period_end and (c.ends_on is null or c.ends_on >= p_period_start) and c.status <> 'ended';

  select * into v_invoice from public.invoices i where i.id = v_id;
  return v_invoice;
end;
$$;
comment on function public.issue_invoice(uuid, date, date, date, integer) is 'Back office (service key only): issues the invoice of a customer account for a period from its running contracts, with the current contact person printed on it.';
revoke execute on function public.issue_invoice(uuid, date, date, date, integer) from public, anon, authenticated;
grant execute on function public.issue_invoice(uuid, date, date, date, integer) to service_role;

-- Orders --------------------------------------------------------------------------------------------------
create sequence public.order_number_seq start 5001;
comment on sequence public.order_number_seq is 'Next order number (B-xxxx).';

create table public.orders (
  id uuid primary key default gen_random_uuid(),
  order_number text not null unique default ('B-' || nextval('public.order_number_seq')) check (order_number ~ '^B-[0-9]{4,}$'),
  account_id uuid not null references public.customer_accounts (id) on delete restrict,
  kind public.order_kind not null,
  plan_code text references public.cluster_plans (code) on delete restrict,
  cluster_name text check (cluster_name is null or char_length(btrim(cluster_name)) between 1 and 200),
  domain_name text check (
    domain_name is null
    or (domain_name = lower(domain_name) and char_length(domain_name) <= 253
        and domain_name ~ '^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$')
  ),
  cluster_id uuid,
  status public.order_status not null default 'pending',
  ordered_by uuid references public.profiles (id) on delete set null,
  ordered_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint orders_certificate_cluster_of_account foreign key (cluster_id, account_id) references public.clusters (id, account_id) on delete restrict,
  constraint orders_details_match_kind check (
    (kind = 'cluster' and plan_code is not null and cluster_name is not null and domain_name is null and cluster_id is null)
    or (kind = 'domain' and domain_name is not null and plan_code is null and cluster_name is null and cluster_id is null)
    or (kind = 'certificate' and domain_name is not null and cluster_id is not null and plan_code is null and cluster_name is null)
  )
);
comment on table public.orders is 'Orders of a customer account (cluster, domain, SSL certificate). Placed by managers through place_order / place_first_order; stored as pending for the provider to fulfil (change status in the table editor).';
comment on column public.orders.order_number is 'Order number shown to the customer, e.g. B-5001. Assigned automatically.';
comment on column public.orders.account_id is 'The ordering customer account.';
comment on column public.orders.kind is 'cluster, domain or certificate.';
comment on column public.orders.plan_code is 'Cluster orders: the plan ordered.';
comment on column public.orders.cluster_name is 'Cluster orders: the name the customer wants for the new cluster.';
comment on column public.orders.domain_name is 'Domain orders: the domain to register; certificate orders: the domain the certificate is for (lower case).';
comment on column public.orders.cluster_id is 'Certificate orders: the cluster to install the certificate on; must belong to the ordering account (foreign key).';
comment on column public.orders.status is 'pending, in_progress, completed, rejected or cancelled.';
comment on column public.orders.ordered_by is 'The manager who placed the order.';
comment on column public.orders.ordered_at is 'When the order was placed.';
comment on column public.orders.updated_at is 'Last status change.';
create index orders_account_id_idx on public.orders (account_id, ordered_at desc);
create index orders_cluster_account_idx on public.orders (cluster_id, account_id);
create index orders_plan_code_idx on public.orders (plan_code);
create index orders_ordered_by_idx on public.orders (ordered_by);

-- RLS and grants ------------------------------------------------------------------------------------------
alter table public.cluster_plans enable row level security;
alter table public.contracts enable row level security;
alter table public.invoices enable row level security;
alter table public.invoice_lines enable row level security;
alter table public.orders enable row level security;

create policy "Signed-in users can see the price list"
  on public.cluster_plans for select to authenticated
  using (true);
create policy "Managers can see the contracts of their customer accounts"
  on public.contracts for select to authenticated
  using (account_id in (select app_private.managed_account_ids()));
create policy "Managers can see the invoices of their customer accounts"
  on public.invoices for select to authenticated
  using (account_id in (select app_private.managed_account_ids()));
create policy "Managers can see the lines of the invoices of their customer accounts"
  on public.invoice_lines for select to authenticated
  using (invoice_id in (select i.id from public.invoices i where i.account_id in (select app_private.managed_account_ids())));
create policy "Managers can see the orders of their customer accounts"
  on public.orders for select to authenticated
  using (account_id in (select app_private.managed_account_ids()));

-- Reads only: contracts and invoices are written by the provider, orders through the functions below.
grant select on public.cluster_plans, public.contracts, public.invoices, public.invoice_lines, public.orders to authenticated;
grant all on public.cluster_plans, public.contracts, public.invoices, public.invoice_lines, public.orders to service_role;
grant usage on sequence public.contract_number_seq, public.invoice_number_seq, public.order_number_seq to service_role;

-- Ordering ------------------------------------------------------------------------------------------------
-- Who may call: managers of the account (the order form). Administrators and everybody else get not_allowed,
-- also for accounts that do not exist. Checks the details per kind; a certificate's cluster must belong to
-- the account (also enforced by the foreign key).
create function public.place_order(
  p_account_id uuid,
  p_kind public.order_kind,
  p_plan_code text default null,
  p_cluster_name text default null,
  p_domain_name text default null,
  p_cluster_id uuid default null
)
returns public.orders
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_uid uuid := (select auth.uid());
  v_order public.orders%rowtype;
  v_domain text := nullif(lower(btrim(coalesce(p_domain_name, ''))), '');
  v_name text := nullif(btrim(coalesce(p_cluster_name, '')), '');
begin
  if v_uid is null then
    raise exception using errcode = '42501', message = 'not_authenticated', detail = 'Sign in first.';
  end if;
  if p_account_id is null or p_account_id not in (select app_private.managed_account_ids()) then
    raise exception using errcode = '42501', message = 'not_allowed', detail = 'Only managers of this customer account can order for it.';
  end if;
  if p_kind is null then
    raise exception using errcode = 'P0001', message = 'validation_failed', detail = 'Say what is ordered: cluster, domain or certificate.';
  end if;
  if p_kind = 'cluster' then
    if not exists (select 1 from public.cluster_plans p where p.code = p_plan_code and p.orderable) then
      raise exception using errcode = 'P0001', message = 'invalid_plan', detail = 'Choose one of the plans of the price list.';
    end if;
    if v_name is null then
      raise exception using errcode = 'P0001', message = 'validation_failed', detail = 'Give the new cluster a name.';
    end if;
  else
    if v_domain is null or v_domain !~ '^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$' or char_length(v_domain) > 253 then
      raise exception using errcode = 'P0001', message = 'invalid_domain', detail = 'This is not a valid domain name.';
    end if;
    if p_kind = 'certificate' and not exists (select 1 from public.clusters c where c.id = p_cluster_id and c.account_id = p_account_id) then
      raise exception using errcode = 'P0001', message = 'cluster_not_in_account', detail = 'Choose one of the clusters of this customer account.';
    end if;
  end if;

  insert into public.orders (account_id, kind, plan_code, cluster_name, domain_name, cluster_id, ordered_by)
  values (
    p_account_id, p_kind,
    case when p_kind = 'cluster' then p_plan_code end,
    case when p_kind = 'cluster' then v_name end,
    case when p_kind <> 'cluster' then v_domain end,
    case when p_kind = 'certificate' then p_cluster_id end,
    v_uid)
  returning * into v_order;
  return v_order;
end;
$$;
comment on function public.place_order(uuid, public.order_kind, text, text, text, uuid) is 'Order form: a manager orders a cluster (plan, name), a domain, or a certificate for one of the account''s clusters. Stored as pending.';
revoke execute on function public.place_order(uuid, public.order_kind, text, text, text, uuid) from public, anon;
grant execute on function public.place_order(uuid, public.order_kind, text, text, text, uuid) to authenticated, service_role;

-- Who may call: any signed-in user who manages no customer account yet (FAQ: "When a cluster is ordered for
-- the first time and a new customer number is generated, the customer ... becomes the manager"). Creates the
-- account (new CN number), makes the caller manager and contact person and stores the pending cluster order,
-- all in this one transaction. A user who already manages an account orders through place_order instead
-- (already_customer), which also makes a double click harmless. The caller's profile row is locked so that
-- two parallel first orders of one user cannot both pass that check.
create function public.place_first_order(
  p_company_name text,
  p_plan_code text,
  p_cluster_name text,
  p_address_line1 text default null,
  p_address_line2 text default null,
  p_postal_code text default null,
  p_city text default null,
  p_country text default null,
  p_vat_id text default null,
  p_billing_email text default null
)
returns table (account_id uuid, customer_number text, order_id uuid, order_number text)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_uid uuid := (select auth.uid());
  v_account public.customer_accounts%rowtype;
  v_order public.orders%rowtype;
  v_name text := nullif(btrim(coalesce(p_cluster_name, '')), '');
begin
  if v_uid is null then
    raise exception using errcode = '42501', message = 'not_authenticated', detail = 'Sign in first.';
  end if;
  perform 1 from public.profiles p where p.id = v_uid for update;
  if not found then
    raise exception using errcode = '42501', message = 'not_allowed', detail = 'The signed-in user has no profile.';
  end if;
  if exists (select 1 from public.account_managers m where m.user_id = v_uid) then
    raise exception using errcode = 'PT409', message = 'already_customer', detail = 'You already manage a customer account; order through it.';
  end if;
  if not exists (select 1 from public.cluster_plans p where p.code = p_plan_code and p.orderable) then
    raise exception using errcode = 'P0001', message = 'invalid_plan', detail = 'Choose one of the plans of the price list.';
  end if;
  if v_name is null or char_length(v_name) > 200 then
    raise exception using errcode = 'P0001', message = 'validation_failed', detail = 'Give the new cluster a name.';
  end if;

  -- The check constraints of customer_accounts validate the billing data (23514 → 400).
  insert into public.customer_accounts (company_name, address_line1, address_line2, postal_code, city, country, vat_id, billing_email)
  values (btrim(coalesce(p_company_name, '')), nullif(btrim(p_address_line1), ''), nullif(btrim(p_address_line2), ''),
          nullif(upper(btrim(p_postal_code)), ''), nullif(btrim(p_city), ''), nullif(upper(btrim(p_country)), ''),
          nullif(upper(replace(btrim(p_vat_id), ' ', '')), ''), nullif(lower(btrim(p_billing_email)), ''))
  returning * into v_account;
  insert into public.account_managers (account_id, user_id) values (v_account.id, v_uid);
  update public.customer_accounts a set contact_person_id = v_uid where a.id = v_account.id;
  insert into public.orders (account_id, kind, plan_code, cluster_name, ordered_by)
  values (v_account.id, 'cluster', p_plan_code, v_name, v_uid)
  returning * into v_order;

  return query select v_account.id, v_account.customer_number, v_order.id, v_order.order_number;
end;
$$;
comment on function public.place_first_order(text, text, text, text, text, text, text, text, text, text) is 'First order: a signed-in user without a customer account orders their first cluster; creates the account (new CN number), makes them manager and contact person and stores the pending order, in one transaction.';
revoke execute on function public.place_first_order(text, text, text, text, text, text, text, text, text, text) from public, anon;
grant execute on function public.place_first_order(text, text, text, text, text, text, text, text, text, text) to authenticated, service_role;
