// The access token GoTrue issues (tokens/service.go AccessTokenClaims) and the session response around it.
import type { LocalKeys } from '../keys.ts';
import type { Db } from './db.ts';
import { findUserById, loadIdentities, userJson } from './users.ts';
import type { JsonObject } from './body.ts';

/** config.toml jwt_expiry */
export const ACCESS_TOKEN_LIFETIME_SEC = 3600;

export type AuthMethod = 'password' | 'otp';
export interface AmrEntry {
  method: AuthMethod;
  timestamp: number;
}

export interface SessionResponse {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  expires_at: number;
  refresh_token: string;
  user: JsonObject;
}

export async function sessionResponse(db: Db, keys: LocalKeys, userId: string, sessionId: string, refreshToken: string, amr: AmrEntry): Promise<SessionResponse> {
  const user = await findUserById(db, userId);
  if (!user) throw new Error(`user ${userId} vanished while issuing a session`);
  const accessToken = await keys.sign(
    {
      sub: user.id,
      aud: user.aud ?? 'authenticated',
      email: user.email ?? '',
      phone: user.phone ?? '',
      app_metadata: user.raw_app_meta_data ?? {},
      user_metadata: user.raw_user_meta_data ?? {},
      role: user.role ?? 'authenticated',
      aal: 'aal1',
      amr: [amr],
      session_id: sessionId,
      is_anonymous: user.is_anonymous,
    },
    ACCESS_TOKEN_LIFETIME_SEC,
  );
  return {
    access_token: accessToken,
    token_type: 'bearer',
    expires_in: ACCESS_TOKEN_LIFETIME_SEC,
    expires_at: Math.floor(Date.now() / 1000) + ACCESS_TOKEN_LIFETIME_SEC,
    refresh_token: refreshToken,
    user: userJson(user, await loadIdentities(db, userId)),
  };
}
