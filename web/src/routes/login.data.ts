import { action } from '@solidjs/router';
import { AppError } from '../data/errors';
import { signIn } from '../data/session';
import { isValidEmail } from '../lib/email';

/** POST /auth/v1/token?grant_type=password via supabase.auth.signInWithPassword. */
export const signInAction = action(async (email: string, password: string) => {
  if (!isValidEmail(email)) throw new AppError('invalid_email');
  if (!password) throw new AppError('invalid_credentials');
  await signIn(email, password);
  return { signedIn: true };
}, 'sign-in');
