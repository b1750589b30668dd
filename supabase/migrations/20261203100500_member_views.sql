-- Read models for the overview and the Manage dialogs. security_invoker: the caller's RLS applies to every
-- table underneath, so a view can never show more than the tables would.
create view public.my_clusters
with (security_invoker = true)
as
select
  c.id,
  c.cluster_number,
  c.name,
  c.account_id,
  a.customer_number,
  case when c.account_id in (select app_private.managed_account_ids()) then 'manager' else 'administrator' end as my_role
from public.clusters c
left join public.customer_accounts a on a.id = c.account_id;
comment on view public.my_clusters is 'Every cluster the requesting user can reach, with their role on it (manager of the owning account, or administrator). customer_number is empty for administrators: they see no commercial data.';
comment on column public.my_clusters.my_role is 'manager = manager of the owning customer account; administrator = assigned to this cluster only.';

create view public.manager_list
with (security_invoker = true)
as
select
  m.account_id,
  m.user_id,
  p.email,
  p.display_name,
  (a.contact_person_id is not distinct from m.user_id) as is_contact_person,
  m.added_at
from public.account_managers m
join public.profiles p on p.id = m.user_id
join public.customer_accounts a on a.id = m.account_id;
comment on view public.manager_list is 'Managers of each customer account with e-mail address and whether they are the contact person (the "Manage managers" dialog).';
comment on column public.manager_list.is_contact_person is 'True for the manager named on invoices.';

create view public.administrator_list
with (security_invoker = true)
as
select
  ca.cluster_id,
  ca.user_id,
  p.email,
  p.display_name,
  ca.added_at
from public.cluster_administrators ca
join public.profiles p on p.id = ca.user_id;
comment on view public.administrator_list is 'Administrators assigned to each cluster with e-mail address (the "Manage administrators" dialog). Managers of the owning account are administrators too but are listed under managers.';

grant select on public.my_clusters, public.manager_list, public.administrator_list to authenticated, service_role;
