-- Legible in the dashboard: every table, column, view and function says what it is in the provider's terms
-- (test/db/comments.test.ts keeps it so). These are the columns that had no comment yet.
comment on column public.customer_accounts.id is 'Internal id of the customer account (the customer sees the customer number).';
comment on column public.clusters.id is 'Internal id of the cluster (the customer sees the cluster number).';
comment on column public.invitations.id is 'Internal id of the invitation.';
comment on column public.contact_person_changes.id is 'Internal id of the change.';
comment on column public.contracts.id is 'Internal id of the contract.';
comment on column public.invoices.id is 'Internal id of the invoice (the customer sees the invoice number).';
comment on column public.invoice_lines.id is 'Internal id of the invoice line.';
comment on column public.orders.id is 'Internal id of the order.';
comment on column app_private.invitation_sends.id is 'Sequence number of the send.';

comment on column public.my_clusters.id is 'The cluster.';
comment on column public.my_clusters.cluster_number is 'Cluster number (C-xxxx).';
comment on column public.my_clusters.name is 'Name the customer gave the cluster.';
comment on column public.my_clusters.account_id is 'The customer account that owns the cluster.';
comment on column public.my_clusters.customer_number is 'Customer number of the owning account (CN-xxxx); empty for administrators.';

comment on column public.manager_list.account_id is 'The customer account.';
comment on column public.manager_list.user_id is 'The manager.';
comment on column public.manager_list.email is 'Login e-mail address of the manager.';
comment on column public.manager_list.display_name is 'Name of the manager (optional).';
comment on column public.manager_list.added_at is 'When the person became manager.';

comment on column public.administrator_list.cluster_id is 'The cluster.';
comment on column public.administrator_list.user_id is 'The administrator.';
comment on column public.administrator_list.email is 'Login e-mail address of the administrator.';
comment on column public.administrator_list.display_name is 'Name of the administrator (optional).';
comment on column public.administrator_list.added_at is 'When the person became administrator.';
