import { action, json, query } from '@solidjs/router';
import { resendInvitation } from '../data/api';
import { toAppError } from '../data/errors';
import { supabase } from '../data/supabase';

export type InvitationState = 'pending' | 'expired' | 'not_delivered';

export interface OpenInvitation {
  id: string;
  email: string;
  expires_at: string;
  state: InvitationState;
}

/** GET /rest/v1/open_invitations?select=id,email,expires_at,state&<account_id|cluster_id>=eq.<id>&order=created_at.asc */
export const getOpenInvitations = query(async (role: 'manager' | 'administrator', targetId: string): Promise<OpenInvitation[]> => {
  const { data, error } = await supabase()
    .from('open_invitations')
    .select('id,email,expires_at,state')
    .eq(role === 'manager' ? 'account_id' : 'cluster_id', targetId)
    .order('created_at', { ascending: true });
  if (error) throw toAppError(error);
  return (data ?? []) as OpenInvitation[];
}, 'open-invitations');

/** Resend: POST /api/invitations/:id/resend (the Worker renews it and delivers the e-mail). */
export const resendInvitationAction = action(async (role: 'manager' | 'administrator', targetId: string, id: string, email: string) => {
  const result = await resendInvitation(id);
  return json({ email, ...result }, { revalidate: [getOpenInvitations.keyFor(role, targetId)] });
}, 'resend-invitation');

/** Revoke: POST /rest/v1/rpc/revoke_invitation {p_invitation_id}. */
export const revokeInvitationAction = action(async (role: 'manager' | 'administrator', targetId: string, id: string, email: string) => {
  const { error } = await supabase().rpc('revoke_invitation', { p_invitation_id: id });
  if (error) throw toAppError(error);
  return json({ email }, { revalidate: [getOpenInvitations.keyFor(role, targetId)] });
}, 'revoke-invitation');
