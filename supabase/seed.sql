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
