-- Row-level security: the FAQ's rights table, encoded once, in the database.
-- The helpers are set-returning and security definer so that policies do not recurse into each other's
-- RLS and Postgres can evaluate them once per statement (`id in (select ...)`) instead of once per row.

-- Who may call: policies (as authenticated). Returns the customer accounts the caller manages.
create function app_private.managed_account_ids()
returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  select m.account_id from public.account_managers m where m.user_id = (select auth.uid())
$$;
comment on function app_private.managed_account_ids() is 'RLS helper: ids of the customer accounts the requesting user manages.';

-- Who may call: policies. Returns the clusters of the accounts the caller manages.
create function app_private.managed_cluster_ids()
returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  select c.id
    from public.clusters c
    join public.account_managers m on m.account_id = c.account_id
   where m.user_id = (select auth.uid())
$$;
comment on function app_private.managed_cluster_ids() is 'RLS helper: ids of the clusters of the customer accounts the requesting user manages.';

-- Who may call: policies. Every cluster the caller may work on: as administrator, or as manager of its account.
create function app_private.administered_cluster_ids()
returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  select a.cluster_id from public.cluster_administrators a where a.user_id = (select auth.uid())
  union
  select c.id
    from public.clusters c
    join public.account_managers m on m.account_id = c.account_id
   where m.user_id = (select auth.uid())
$$;
comment on function app_private.administered_cluster_ids() is 'RLS helper: ids of the clusters the requesting user may administer (directly or as manager of the owning account).';

-- Who may call: policies. People whose profile a manager sees in the Manage dialogs.
create function app_private.visible_profile_ids()
returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
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
   where m.user_id = (select auth.uid())
$$;
comment on function app_private.visible_profile_ids() is 'RLS helper: the requesting user and everyone who is manager or administrator within the accounts they manage.';

revoke execute on function app_private.managed_account_ids(), app_private.managed_cluster_ids(),
  app_private.administered_cluster_ids(), app_private.visible_profile_ids() from public, anon;
grant execute on function app_private.managed_account_ids(), app_private.managed_cluster_ids(),
  app_private.administered_cluster_ids(), app_private.visible_profile_ids() to authenticated, service_role;

-- Grants: hosted Supabase no longer grants new tables to the API roles, so every right is named here.
-- anon gets nothing on tables. Inserts into the membership tables happen only inside functions that check
-- the caller (accept_invitation), never directly.
grant select on public.profiles, public.customer_accounts, public.clusters,
  public.account_managers, public.cluster_administrators to authenticated;
grant update (display_name, language) on public.profiles to authenticated;
grant delete on public.account_managers, public.cluster_administrators to authenticated;
grant all on public.profiles, public.customer_accounts, public.clusters,
  public.account_managers, public.cluster_administrators to service_role;
grant usage on sequence public.customer_number_seq, public.cluster_number_seq to service_role;

-- profiles
create policy "Users see their own profile and the people of the accounts they manage"
  on public.profiles for select to authenticated
  using (id in (select app_private.visible_profile_ids()));
create policy "Users can edit their own profile"
  on public.profiles for update to authenticated
  using (id = (select auth.uid()))
  with check (id = (select auth.uid()));

-- customer_accounts: commercial data, managers only
create policy "Managers can see their customer accounts"
  on public.customer_accounts for select to authenticated
  using (id in (select app_private.managed_account_ids()));

-- clusters: managers of the account and the cluster's administrators
create policy "Managers and administrators can see their clusters"
  on public.clusters for select to authenticated
  using (id in (select app_private.administered_cluster_ids()));

-- account_managers: "Add / remove managers from a client account" (managers only)
create policy "Managers can see the managers of their accounts"
  on public.account_managers for select to authenticated
  using (account_id in (select app_private.managed_account_ids()));
create policy "Managers can remove managers of their accounts"
  on public.account_managers for delete to authenticated
  using (account_id in (select app_private.managed_account_ids()));

-- cluster_administrators: "Add / remove administrator from cluster" (managers only); administrators see
-- their own assignment
create policy "Managers see the administrators of their clusters, administrators their own assignments"
  on public.cluster_administrators for select to authenticated
  using (
    user_id = (select auth.uid())
    or cluster_id in (select app_private.managed_cluster_ids())
  );
create policy "Managers can remove administrators of their clusters"
  on public.cluster_administrators for delete to authenticated
  using (cluster_id in (select app_private.managed_cluster_ids()));
