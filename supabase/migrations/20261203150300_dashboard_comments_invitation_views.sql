-- Legible in the dashboard (test/db/comments.test.ts): column comments for the views of the invitation
-- lifecycle and the notification settings, which had only a view comment.
comment on column public.open_invitations.id is 'The invitation.';
comment on column public.open_invitations.role is 'manager (of account_id) or administrator (of cluster_id).';
comment on column public.open_invitations.account_id is 'Customer account (manager invitations).';
comment on column public.open_invitations.cluster_id is 'Cluster (administrator invitations).';
comment on column public.open_invitations.email is 'The invited address.';
comment on column public.open_invitations.invited_by is 'The manager who sent (or last renewed) it; empty when sent by support.';
comment on column public.open_invitations.created_at is 'When it was first sent.';
comment on column public.open_invitations.expires_at is 'When it can no longer be accepted.';

comment on column public.my_notification_settings.kind is 'Kind of notification e-mail.';
comment on column public.my_notification_settings.receives is 'True unless the user turned this kind off.';
comment on column public.my_notification_settings.can_turn_off is 'False for security-relevant kinds (removals, contact person), which are always sent.';
