-- Column comments of the views of the invitation lifecycle and the notification settings (support staff read
-- them in the dashboard).
comment on column public.open_invitations.id is 'The invitation (resend_invitation / revoke_invitation take it).';
comment on column public.open_invitations.role is 'manager (of account_id) or administrator (of cluster_id).';
comment on column public.open_invitations.account_id is 'Customer account (manager invitations).';
comment on column public.open_invitations.cluster_id is 'Cluster (administrator invitations).';
comment on column public.open_invitations.email is 'The invited address (the only one that can accept).';
comment on column public.open_invitations.invited_by is 'The manager who sent or last renewed it.';
comment on column public.open_invitations.created_at is 'When it was first sent.';
comment on column public.open_invitations.expires_at is 'Until when it can be accepted (invitation_expiry_days after the last send).';
comment on column public.my_notification_settings.kind is 'The notification.';
comment on column public.my_notification_settings.receives is 'True unless the signed-in user turned it off.';
comment on column public.my_notification_settings.can_turn_off is 'False for security-relevant notifications (removals, contact-person change).';
