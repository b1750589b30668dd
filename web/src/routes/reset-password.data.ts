import { action } from '@solidjs/router';
import { MIN_PASSWORD_LENGTH } from '../components/NewPasswordForm';
import { AppError, toAppError } from '../data/errors';
import { supabase } from '../data/supabase';

// Token hashes already exchanged for a session in this tab (a recovery link works once).
const verified = new Set<string>();

/** Exchanges the recovery link for a session (once). POST /auth/v1/verify {token_hash, type:'recovery'}. */
export async function verifyRecovery(tokenHash: string): Promise<void> {
  if (verified.has(tokenHash)) return;
  const { error } = await supabase().auth.verifyOtp({ token_hash: tokenHash, type: 'recovery' });
  if (error) throw toAppError(error);
  verified.add(tokenHash);
}

/** PUT /auth/v1/user {password} via supabase.auth.updateUser. */
export async function updatePassword(password: string): Promise<void> {
  if (password.length < MIN_PASSWORD_LENGTH) throw new AppError('weak_password');
  const { error } = await supabase().auth.updateUser({ password });
  if (error) throw toAppError(error);
}

/**
 * Nothing happens when the link is opened (mail scanners follow links); the link is used only when the
 * user submits the new password.
 */
export const resetPassword = action(async (tokenHash: string | null, password: string) => {
  if (password.length < MIN_PASSWORD_LENGTH) throw new AppError('weak_password');
  if (tokenHash) await verifyRecovery(tokenHash);
  else {
    const { data } = await supabase().auth.getSession();
    if (!data.session) throw new AppError('otp_expired');
  }
  await updatePassword(password);
  return { changed: true };
}, 'reset-password');
