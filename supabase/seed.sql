-- Demo data for local development (`npm run dev`, `npm run db:reset`). Every demo login has the password
-- "demo-password" (development only). Written so that it also runs on `supabase db reset` with a real
-- Supabase: users go into auth.users with the columns Supabase Auth expects (token columns '' not null).
--
--   anna@alpha.example    manager of CN-1001 (contact person)
--   ben@alpha.example     manager of CN-1001
--   clara@alpha.example   administrator of C-2001
--   david@beta.example    manager of CN-1002 (contact person) and administrator of C-2001 in CN-1001
--   eva@ops.example       administrator of C-2002 (CN-1001) and C-2003 (CN-1002)
--   frank@nowhere.example no memberships yet

-- Demo memberships send no notification e-mails (triggers of 20261203140200_notifications.sql).
select set_config('app.notifications', 'off', false);

do $$
declare
  v_hash constant text := '$2b$10$YeN0yTb0oU2Nl79XcRnFcOePEsAKFbZvQpqwd1p3r3oUmWmpgmeqa'; -- bcrypt('demo-password')
  v_user record;
begin
  for v_user in
    select * from (values
      ('00000000-0000-4000-8000-00000000a001'::uuid, 'anna@alpha.example', 'Anna Albrecht', 'de'),
      ('00000000-0000-4000-8000-00000000a002'::uuid, 'ben@alpha.example', 'Ben Becker', 'en'),
      ('00000000-0000-4000-8000-00000000a003'::uuid, 'clara@alpha.example', 'Clara Conrad', 'de'),
      ('00000000-0000-4000-8000-00000000b001'::uuid, 'david@beta.example', 'David Dorn', 'en'),
      ('00000000-0000-4000-8000-00000000c001'::uuid, 'eva@ops.example', 'Eva Engel', 'de'),
      ('00000000-0000-4000-8000-00000000d001'::uuid, 'frank@nowhere.example', 'Frank Fischer', 'en')
    ) as t(id, email, name, lang)
  loop
    insert into auth.users (
      instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
      confirmation_token, recovery_token, email_change_token_new, email_change,
      raw_app_meta_data, raw_user_meta_data, created_at, updated_at, is_anonymous
    ) values (
      '00000000-0000-0000-0000-000000000000', v_user.id, 'authenticated', 'authenticated', v_user.email, v_hash, now(),
      '', '', '', '',
      '{"provider":"email","providers":["email"]}', jsonb_build_object('display_name', v_user.name, 'language', v_user.lang),
      now(), now(), false
    ) on conflict (id) do nothing;
    insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at)
    values (v_user.id::text, v_user.id,
            jsonb_build_object('sub', v_user.id::text, 'email', v_user.email, 'email_verified', true, 'phone_verified', false),
            'email', now(), now())
    on conflict (provider_id, provider) do nothing;
  end loop;
end $$;

insert into public.customer_accounts (id, customer_number, company_name) values
  ('00000000-0000-4000-8000-000000001001', 'CN-1001', 'Alpha Shop GmbH'),
  ('00000000-0000-4000-8000-000000001002', 'CN-1002', 'Beta Media AG')
on conflict (id) do nothing;
select setval('public.customer_number_seq', greatest((select max(substr(customer_number, 4)::int) from public.customer_accounts), 1002));

insert into public.clusters (id, cluster_number, account_id, name) values
  ('00000000-0000-4000-8000-000000002001', 'C-2001', '00000000-0000-4000-8000-000000001001', 'Shop production'),
  ('00000000-0000-4000-8000-000000002002', 'C-2002', '00000000-0000-4000-8000-000000001001', 'Shop staging'),
  ('00000000-0000-4000-8000-000000002003', 'C-2003', '00000000-0000-4000-8000-000000001002', 'Media platform')
on conflict (id) do nothing;
select setval('public.cluster_number_seq', greatest((select max(substr(cluster_number, 3)::int) from public.clusters), 2003));

insert into public.account_managers (account_id, user_id) values
  ('00000000-0000-4000-8000-000000001001', '00000000-0000-4000-8000-00000000a001'),
  ('00000000-0000-4000-8000-000000001001', '00000000-0000-4000-8000-00000000a002'),
  ('00000000-0000-4000-8000-000000001002', '00000000-0000-4000-8000-00000000b001')
on conflict do nothing;

update public.customer_accounts set contact_person_id = '00000000-0000-4000-8000-00000000a001'
 where id = '00000000-0000-4000-8000-000000001001' and contact_person_id is null;
update public.customer_accounts set contact_person_id = '00000000-0000-4000-8000-00000000b001'
 where id = '00000000-0000-4000-8000-000000001002' and contact_person_id is null;

insert into public.cluster_administrators (cluster_id, user_id) values
  ('00000000-0000-4000-8000-000000002001', '00000000-0000-4000-8000-00000000a003'),
  ('00000000-0000-4000-8000-000000002001', '00000000-0000-4000-8000-00000000b001'),
  ('00000000-0000-4000-8000-000000002002', '00000000-0000-4000-8000-00000000c001'),
  ('00000000-0000-4000-8000-000000002003', '00000000-0000-4000-8000-00000000c001')
on conflict do nothing;

-- Commercial area (contracts, invoices, orders) ------------------------------------------------------------
-- Billing data of the demo accounts, one contract per cluster, twelve monthly invoices per account
-- (Dec 2025 – Nov 2026, 19 % VAT, sums computed from the lines) and a few orders. Fixed ids: idempotent.
update public.customer_accounts
   set address_line1 = 'Hafenstraße 12', postal_code = '33602', city = 'Bielefeld', country = 'DE',
       vat_id = 'DE811234567', billing_email = 'buchhaltung@alpha.example'
 where id = '00000000-0000-4000-8000-000000001001' and address_line1 is null;
update public.customer_accounts
   set address_line1 = 'Medienallee 7', address_line2 = 'Gebäude C', postal_code = '50679', city = 'Köln', country = 'DE',
       vat_id = 'DE299876543', billing_email = 'rechnungen@beta.example'
 where id = '00000000-0000-4000-8000-000000001002' and address_line1 is null;

insert into public.contracts (id, contract_number, account_id, cluster_id, plan_code, product_name, starts_on, term_months, ends_on, monthly_price_cents, currency, status) values
  ('00000000-0000-4000-8000-000000003001', 'V-3001', '00000000-0000-4000-8000-000000001001', '00000000-0000-4000-8000-000000002001', 'managed-l', 'Managed Cluster L', '2024-03-01', 12, null, 59900, 'EUR', 'active'),
  ('00000000-0000-4000-8000-000000003002', 'V-3002', '00000000-0000-4000-8000-000000001001', '00000000-0000-4000-8000-000000002002', 'managed-s', 'Managed Cluster S', '2025-06-01', 1, null, 14900, 'EUR', 'active'),
  ('00000000-0000-4000-8000-000000003003', 'V-3003', '00000000-0000-4000-8000-000000001002', '00000000-0000-4000-8000-000000002003', 'managed-m', 'Managed Cluster M', '2025-01-01', 24, '2026-12-31', 27900, 'EUR', 'notice_given')
on conflict (id) do nothing;
select setval('public.contract_number_seq', greatest((select max(substr(contract_number, 3)::int) from public.contracts), 3003));

-- Invoices: one per account and month, the lines being its contracts; invoice n of account k has the id
-- 00000000-0000-4000-8000-0000000k4nnn. Paid, except the newest (open) and, for CN-1002, an overdue one.
do $$
declare
  v_month date;
  v_n int := 0;
  v_account record;
  v_id uuid;
  v_net bigint;
begin
  for v_month in select generate_series(date '2025-12-01', date '2026-11-01', interval '1 month')::date loop
    for v_account in
      select * from (values
        (1, '00000000-0000-4000-8000-000000001001'::uuid, '00000000-0000-4000-8000-00000000a001'::uuid, 'Anna Albrecht'),
        (2, '00000000-0000-4000-8000-000000001002'::uuid, '00000000-0000-4000-8000-00000000b001'::uuid, 'David Dorn')
      ) as t(k, id, contact_id, contact_name)
    loop
      v_n := v_n + 1;
      v_id := ('00000000-0000-4000-8000-0000000' || v_account.k || '4' || lpad(v_n::text, 3, '0'))::uuid;
      continue when exists (select 1 from public.invoices i where i.id = v_id);
      select sum(c.monthly_price_cents) into v_net from public.contracts c
       where c.account_id = v_account.id and c.starts_on <= v_month;
      insert into public.invoices (id, invoice_number, account_id, issued_on, due_on, period_start, period_end,
                                   net_cents, vat_rate_bp, vat_cents, gross_cents, currency, status,
                                   contact_person_id, contact_person_name)
      values (v_id, 'RE-' || to_char(v_month, 'YYYY') || '-' || lpad(v_n::text, 5, '0'), v_account.id,
              v_month, v_month + 14, v_month, (v_month + interval '1 month' - interval '1 day')::date,
              v_net, 1900, round(v_net * 0.19), v_net + round(v_net * 0.19), 'EUR',
              (case when v_month = date '2026-11-01' then 'open'
                    when v_account.k = 2 and v_month = date '2026-10-01' then 'overdue'
                    else 'paid' end)::public.invoice_status,
              v_account.contact_id, v_account.contact_name);
      insert into public.invoice_lines (invoice_id, position, description, quantity, unit_price_cents, amount_cents, contract_id)
      select v_id, row_number() over (order by c.contract_number),
             c.product_name || ' – ' || cl.cluster_number || ' ' || cl.name || ' (' || c.contract_number || ')',
             1, c.monthly_price_cents, c.monthly_price_cents, c.id
        from public.contracts c join public.clusters cl on cl.id = c.cluster_id
       where c.account_id = v_account.id and c.starts_on <= v_month;
    end loop;
  end loop;
end $$;
select setval('public.invoice_number_seq', greatest((select max(substr(invoice_number, 9)::int) from public.invoices), 24));

insert into public.orders (id, order_number, account_id, kind, plan_code, cluster_name, domain_name, cluster_id, status, ordered_by, ordered_at) values
  ('00000000-0000-4000-8000-000000005001', 'B-5001', '00000000-0000-4000-8000-000000001001', 'cluster', 'managed-s', 'Shop staging', null, null, 'completed', '00000000-0000-4000-8000-00000000a001', '2025-05-20 10:15:00+02'),
  ('00000000-0000-4000-8000-000000005002', 'B-5002', '00000000-0000-4000-8000-000000001001', 'domain', null, null, 'alpha-shop.example', null, 'completed', '00000000-0000-4000-8000-00000000a002', '2026-02-03 09:00:00+01'),
  ('00000000-0000-4000-8000-000000005003', 'B-5003', '00000000-0000-4000-8000-000000001001', 'certificate', null, null, 'www.alpha-shop.example', '00000000-0000-4000-8000-000000002001', 'in_progress', '00000000-0000-4000-8000-00000000a001', '2026-11-25 14:30:00+01'),
  ('00000000-0000-4000-8000-000000005004', 'B-5004', '00000000-0000-4000-8000-000000001002', 'domain', null, null, 'beta-media.example', null, 'pending', '00000000-0000-4000-8000-00000000b001', '2026-12-01 08:45:00+01')
on conflict (id) do nothing;
select setval('public.order_number_seq', greatest((select max(substr(order_number, 3)::int) from public.orders), 5004));

select set_config('app.notifications', '', false);
