-- Review fixes.
-- 1. An invitation that support sent to replace a departed manager (app_private.manager_replacements) can be
--    renewed or withdrawn only by support: otherwise the departed manager, kept on until the successor
--    accepts, could cancel their own replacement.
-- 2. issue_invoice bills each contract for the months that begin inside the period and inside the
--    contract's own dates, and refuses a second invoice for an overlapping period.

-- Who may call: the trigger below (runs as owner: manager_replacements is closed to every API role).
create function app_private.protect_support_replacement_invitations()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if (new.revoked_at is distinct from old.revoked_at or new.token_hash is distinct from old.token_hash)
     and coalesce(current_setting('app.support_agent', true), '') = ''
     and exists (select 1 from app_private.manager_replacements r where r.invitation_id = old.id and r.completed_at is null) then
    raise exception using
      errcode = '42501',
      message = 'support_invitation',
      detail = 'Support sent this invitation to replace a manager who left; only support can renew or withdraw it.';
  end if;
  return new;
end;
$$;
comment on function app_private.protect_support_replacement_invitations() is 'Trigger: only support may renew or withdraw an invitation that is part of a pending manager replacement.';
revoke execute on function app_private.protect_support_replacement_invitations() from public;

create trigger protect_support_replacement_invitations
  before update on public.invitations
  for each row execute function app_private.protect_support_replacement_invitations();

create or replace function public.issue_invoice(
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
  v_net bigint;
  v_currency char(3);
begin
  if p_account_id is null or p_period_start is null or p_period_end is null or p_issued_on is null or p_vat_rate_bp is null then
    raise exception using errcode = 'P0001', message = 'validation_failed', detail = 'Account, period start and end, issue date and VAT rate are required.';
  end if;
  if p_period_end < p_period_start then
    raise exception using errcode = 'P0001', message = 'validation_failed', detail = 'The period must not end before it starts.';
  end if;
  -- one invoice per account and period: lock the account, then look for an overlapping one
  perform 1 from public.customer_accounts a where a.id = p_account_id for update;
  if exists (select 1 from public.invoices i
              where i.account_id = p_account_id and i.status <> 'cancelled'
                and daterange(i.period_start, i.period_end, '[]') && daterange(p_period_start, p_period_end, '[]')) then
    raise exception using errcode = 'PT409', message = 'already_invoiced', detail = 'This account already has an invoice for (part of) this period.';
  end if;

  -- Monthly prices are billed for every month that begins inside the period while the contract runs.
  create temporary table if not exists pg_temp.billable (contract_id uuid, contract_number text, description text, months int, unit bigint, currency char(3)) on commit drop;
  truncate pg_temp.billable;
  insert into pg_temp.billable
  select c.id, c.contract_number,
         c.product_name || coalesce(' – ' || cl.cluster_number || ' ' || cl.name, '') || ' (' || c.contract_number || ')',
         count(*)::int, c.monthly_price_cents, c.currency
    from public.contracts c
    left join public.clusters cl on cl.id = c.cluster_id
    join lateral generate_series(date_trunc('month', p_period_start), p_period_end, interval '1 month') as m(month_start)
      on m.month_start::date >= p_period_start
     and m.month_start::date >= c.starts_on
     and (c.ends_on is null or m.month_start::date <= c.ends_on)
   where c.account_id = p_account_id and c.status <> 'ended'
   group by c.id, c.contract_number, c.product_name, cl.cluster_number, cl.name, c.monthly_price_cents, c.currency;

  select coalesce(sum(b.unit * b.months), 0), min(b.currency) into v_net, v_currency from pg_temp.billable b;
  if v_net = 0 then
    raise exception using errcode = 'P0001', message = 'nothing_to_invoice', detail = 'No contract of the account runs at the start of a month in this period.';
  end if;

  insert into public.invoices (id, invoice_number, account_id, issued_on, due_on, period_start, period_end,
                               net_cents, vat_rate_bp, vat_cents, gross_cents, currency)
  values (v_id,
          'RE-' || to_char(p_issued_on, 'YYYY') || '-' || lpad(nextval('public.invoice_number_seq')::text, 5, '0'),
          p_account_id, p_issued_on, p_issued_on + 14, p_period_start, p_period_end,
          v_net, p_vat_rate_bp, round(v_net * p_vat_rate_bp / 10000.0), v_net + round(v_net * p_vat_rate_bp / 10000.0), coalesce(v_currency, 'EUR'));

  insert into public.invoice_lines (invoice_id, position, description, quantity, unit_price_cents, amount_cents, contract_id)
  select v_id, row_number() over (order by b.contract_number), b.description, b.months, b.unit, b.unit * b.months, b.contract_id
    from pg_temp.billable b;

  select * into v_invoice from public.invoices i where i.id = v_id;
  return v_invoice;
end;
$$;
