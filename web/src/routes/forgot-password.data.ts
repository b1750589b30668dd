import { action } from '@solidjs/router';
import { AppError, errorCode } from '../data/errors';
import { supabase } from '../data/supabase';
import { isValidEmail, normalizeEmail } from '../lib/email';

/**
 * POST /auth/v1/recover via supabase.auth.resetPasswordForEmail. Answers the same whether or not the
 * address exists; only errors that say nothing about the address (rate limit, network) are shown.
 */
export const requestPasswordReset = action(async (rawEmail: string) => {
  const email = normalizeEmail(rawEmail);
  if (!isValidEmail(email)) throw new AppError('invalid_email');
  const { error } = await supabase().auth.resetPasswordForEmail(email, { redirectTo: `${location.origin}/reset-password` });
  if (error) {
    const code = errorCode(error);
    if (code === 'network' || code === 'over_email_send_rate_limit' || code === 'invalid_email') throw new AppError(code);
  }
  return { email };
}, 'request-password-reset');
