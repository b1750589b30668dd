import { isAuthApiError } from '@supabase/supabase-js';
import type { Config } from '../env';
import { AppError } from '../errors';
import type { Fetch } from '../types';
import { createServiceClient } from './supabase';

export type LinkType = 'invite' | 'magiclink';
export type GeneratedLink = { type: LinkType; hashedToken: string };

/**
 * The only place that uses the service-role key: asks Supabase Auth for a one-time sign-in token for
 * the invitee. `invite` creates the user; if the address already has an account (422 `email_exists`)
 * a `magiclink` for the existing user is generated instead. Nothing is mailed by Supabase here.
 */
export async function generateSignInLink(
  config: Pick<Config, 'supabaseUrl' | 'supabaseServiceRoleKey'>,
  fetch: Fetch,
  email: string,
  redirectTo: string,
): Promise<GeneratedLink> {
  const admin = createServiceClient(config.supabaseUrl, config.supabaseServiceRoleKey, fetch).auth.admin;

  const invite = await admin.generateLink({ type: 'invite', email, options: { redirectTo } });
  if (!invite.error) return { type: 'invite', hashedToken: hashedToken(invite.data) };
  if (!isEmailExists(invite.error)) throw upstream('invite', invite.error);

  const magic = await admin.generateLink({ type: 'magiclink', email, options: { redirectTo } });
  if (magic.error) throw upstream('magiclink', magic.error);
  return { type: 'magiclink', hashedToken: hashedToken(magic.data) };
}

function isEmailExists(error: unknown): boolean {
  return isAuthApiError(error) && (error.code === 'email_exists' || (error.status === 422 && /already/i.test(error.message)));
}

function hashedToken(data: { properties?: { hashed_token?: string } | null } | null): string {
  const token = data?.properties?.hashed_token;
  if (!token) throw new AppError('upstream_failed', 502, 'Supabase Auth returned no hashed_token for the sign-in link');
  return token;
}

function upstream(type: LinkType, error: unknown): AppError {
  const detail = error instanceof Error ? error.message : String(error);
  console.error(`[auth-admin] generateLink(${type}) failed: ${detail}`);
  return new AppError('upstream_failed', 502, 'Could not create the sign-in link for the invitation', { cause: error });
}
