-- Row-level security that stays fast at 100,000 customer accounts (measured by `npm run bench`, explained in
-- docs/performance.md). Same rights as before; only the form of the policies changes:
--
-- 1. `col = any (array(select helper()))` instead of `col in (select helper())`. Postgres turns the IN form
--    of a policy into a hashed SubPlan, a *filter*: it reads every row of the table and checks each against
--    the set (a sequential scan over 300,000 clusters or 1,200,000 invoices). The array form is computed
--    once per statement (an InitPlan) and is an *index condition*: only the caller's rows are read.
-- 2. Tables about people (profiles, cluster_administrators) check each row with an EXISTS probe on an index
--    instead of building the whole "people I may see" set first: a manager of 500 clusters may see ~1,700
--    people, but a Manage dialog shows three of them. The probe reads a membership table under its own RLS,
--    so the rule is still stated once per table.
-- 3. The helpers are PL/pgSQL instead of SQL. Postgres plans the body of a (non-inlinable, security definer)
--    SQL function again on every statement that calls it, ~0.1 ms per call; PL/pgSQL keeps the plans of its
--    statements for the session, so an InitPlan calling a helper costs a few microseconds.
-- 4. clusters: "account I manage" first, "cluster I administer" second; Postgres evaluates an InitPlan only
--    when the OR reaches it, so probing a managed cluster never computes the administrator set.

-- Helpers: same names, signatures and results as in 20261203100400; PL/pgSQL for the cached plans.
-- Who may call: policies (as authenticated). Returns the customer accounts the caller manages.
create or replace function app_private.managed_account_ids()
returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query select m.account_id from public.account_managers m where m.user_id = (select auth.uid());
end;
$$;

-- Who may call: policies. Returns the clusters of the accounts the caller manages.
create or replace function app_private.managed_cluster_ids()
returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query
  select c.id
    from public.clusters c
    join public.account_managers m on m.account_id = c.account_id
   where m.user_id = (select auth.uid());
end;
$$;

-- Who may call: policies. Every cluster the caller may work on: as administrator, or as manager of its account.
create or replace function app_private.administered_cluster_ids()
returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query
  select a.cluster_id from public.cluster_administrators a where a.user_id = (select auth.uid())
  union
  select c.id
    from public.clusters c
    join public.account_managers m on m.account_id = c.account_id
   where m.user_id = (select auth.uid());
end;
$$;

-- Who may call: policies and functions. People whose profile a manager sees in the Manage dialogs. (The
-- profiles policy now probes per row instead; kept for functions that need the whole set.)
create or replace function app_private.visible_profile_ids()
returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query
  select (select auth.uid())
  union
  select m2.user_id
    from public.account_managers m
    join public.account_managers m2 on m2.account_id = m.account_id
   where m.user_id = (select auth.uid())
  union
  select a.user_id
    from public.account_managers m
    join public.clusters c on c.account_id = m.account_id
    join public.cluster_administrators a on a.cluster_id = c.id
   where m.user_id = (select auth.uid());
end;
$$;

-- customer_accounts: commercial data, managers only
alter policy "Managers can see their customer accounts" on public.customer_accounts
  using (id = any (array(select app_private.managed_account_ids())));

-- clusters: managers of the account and the cluster's administrators
alter policy "Managers and administrators can see their clusters" on public.clusters
  using (
    account_id = any (array(select app_private.managed_account_ids()))
    or id = any (array(select app_private.administered_cluster_ids()))
  );

-- account_managers
alter policy "Managers can see the managers of their accounts" on public.account_managers
  using (account_id = any (array(select app_private.managed_account_ids())));
alter policy "Managers can remove managers of their accounts" on public.account_managers
  using (account_id = any (array(select app_private.managed_account_ids())));

-- cluster_administrators: a cluster of an account I manage, probed through clusters (one index lookup).
alter policy "Managers see the administrators of their clusters, administrators their own assignments" on public.cluster_administrators
  using (
    user_id = (select auth.uid())
    or exists (
      select 1 from public.clusters c
       where c.id = cluster_administrators.cluster_id
         and c.account_id = any (array(select app_private.managed_account_ids()))
    )
  );
alter policy "Managers can remove administrators of their clusters" on public.cluster_administrators
  using (
    exists (
      select 1 from public.clusters c
       where c.id = cluster_administrators.cluster_id
         and c.account_id = any (array(select app_private.managed_account_ids()))
    )
  );

-- profiles: myself, and whoever has a membership row I can see (manager of an account I manage, administrator
-- of one of its clusters). Each probe uses the user_id index of the membership table.
alter policy "Users see their own profile and the people of the accounts they manage" on public.profiles
  using (
    id = (select auth.uid())
    or exists (select 1 from public.account_managers m where m.user_id = profiles.id)
    or exists (select 1 from public.cluster_administrators ca where ca.user_id = profiles.id)
  );

-- invitations
alter policy "Managers can see the invitations of their accounts and clusters" on public.invitations
  using (
    account_id = any (array(select app_private.managed_account_ids()))
    or cluster_id = any (array(select app_private.managed_cluster_ids()))
  );

-- my_clusters: the role column in the same form (same columns, so `create or replace` keeps the grants).
create or replace view public.my_clusters
with (security_invoker = true)
as
select
  c.id,
  c.cluster_number,
  c.name,
  c.account_id,
  a.customer_number,
  case when c.account_id = any (array(select app_private.managed_account_ids())) then 'manager' else 'administrator' end as my_role
from public.clusters c
left join public.customer_accounts a on a.id = c.account_id;

-- The commercial tables (billing data, contracts, invoices, orders) come from migrations written at the same
-- time as this one; their policies get the same form where they exist under these names.
do $$
declare
  p record;
begin
  for p in
    select * from (values
      ('customer_accounts', 'Managers can edit their customer accounts',
       'id = any (array(select app_private.managed_account_ids()))', true),
      ('contact_person_changes', 'Managers can see the contact person history of their customer accounts',
       'account_id = any (array(select app_private.managed_account_ids()))', false),
      ('contracts', 'Managers can see the contracts of their customer accounts',
       'account_id = any (array(select app_private.managed_account_ids()))', false),
      ('invoices', 'Managers can see the invoices of their customer accounts',
       'account_id = any (array(select app_private.managed_account_ids()))', false),
      ('invoice_lines', 'Managers can see the lines of the invoices of their customer accounts',
       'exists (select 1 from public.invoices i where i.id = invoice_lines.invoice_id)', false),
      ('orders', 'Managers can see the orders of their customer accounts',
       'account_id = any (array(select app_private.managed_account_ids()))', false)
    ) as t (tbl, name, expr, with_check)
  loop
    if exists (select 1 from pg_policies where schemaname = 'public' and tablename = p.tbl and policyname = p.name) then
      execute format('alter policy %I on public.%I using (%s)%s', p.name, p.tbl, p.expr,
                     case when p.with_check then format(' with check (%s)', p.expr) else '' end);
    end if;
  end loop;
end $$;
