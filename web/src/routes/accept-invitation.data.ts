import { deliverMyNotices } from '../data/api';
import { action, json, query } from '@solidjs/router';
import { AppError, toAppError } from '../data/errors';
import { supabase } from '../data/supabase';
import { updatePassword } from './reset-password.data';
import { getOverview } from './overview.data';

export type InvitationState = 'pending' | 'expired' | 'accepted' | 'revoked' | string;

export interface InvitationInfo {
  role: 'manager' | 'administrator';
  customer_number: string | null;
  cluster_number: string | null;
  target_name: string | null;
  inviter_email: string | null;
  email_masked: string | null;
  expires_at: string | null;
  state: InvitationState;
}

/** POST /rest/v1/rpc/get_invitation {p_token}: read-only, safe to call on load (link scanners). */
export const getInvitation = query(async (token: string): Promise<InvitationInfo> => {
  const { data, error } = await supabase().rpc('get_invitation', { p_token: token });
  if (error) throw toAppError(error);
  const row = (Array.isArray(data) ? data[0] : data) as InvitationInfo | null | undefined;
  if (!row) throw new AppError('invitation_not_found');
  return row;
}, 'invitation');

/** POST /rest/v1/rpc/accept_invitation {p_token} as the signed-in user. */
async function accept(token: string) {
  const { data, error } = await supabase().rpc('accept_invitation', { p_token: token });
  if (error) throw toAppError(error);
  await deliverMyNotices(); // the other managers' notice about the new manager
  return json({ accepted: data ?? true }, { revalidate: [getOverview.key, getInvitation.keyFor(token)] });
}

async function verify(tokenHash: string, type: 'invite' | 'magiclink') {
  if (!tokenHash) throw new AppError('otp_expired');
  const { error } = await supabase().auth.verifyOtp({ token_hash: tokenHash, type });
  if (error) throw toAppError(error);
}

/** (a) new user, step 1: POST /auth/v1/verify {token_hash, type:'invite'} → signed in, no password yet. */
export const verifyInvite = action(async (_token: string, tokenHash: string) => {
  await verify(tokenHash, 'invite');
  return { verified: true };
}, 'verify-invite');

/** (a) new user, step 2: PUT /auth/v1/user {password}, then accept_invitation. */
export const setPasswordAndAccept = action(async (token: string, password: string) => {
  await updatePassword(password);
  return accept(token);
}, 'set-password-and-accept');

/** (b) existing user: POST /auth/v1/verify {token_hash, type:'magiclink'}, then accept_invitation. */
export const signInAndAccept = action(async (token: string, tokenHash: string) => {
  const { data } = await supabase().auth.getSession();
  if (!data.session) await verify(tokenHash, 'magiclink'); // already done if the accept failed before
  return accept(token);
}, 'sign-in-and-accept');

/** (c) signed in: accept_invitation; invitation_wrong_user when signed in as somebody else (d). */
export const acceptSignedIn = action(async (token: string) => accept(token), 'accept-invitation');
