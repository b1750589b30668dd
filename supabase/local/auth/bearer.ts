// GoTrue's bearer rules (api/auth.go): requireAuthentication, then load the user and session named by the JWT,
// or for /admin check the role claim.
import { createMiddleware } from 'hono/factory';
import type { LocalKeys } from '../keys.ts';
import { AuthError } from './errors.ts';
import type { AuthEnv } from './context.ts';
import { type Db, isUuid } from './db.ts';
import { findUserById } from './users.ts';
import { sessionExists } from './sessions.ts';

const ADMIN_ROLES = ['service_role', 'supabase_admin'];

function bearerToken(header: string | undefined): string | undefined {
  const match = /^bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

async function verifiedClaims(keys: LocalKeys, header: string | undefined) {
  const token = bearerToken(header);
  if (!token) throw new AuthError(401, 'no_authorization', 'This endpoint requires a valid Bearer token');
  try {
    return await keys.verify(token);
  } catch (e) {
    throw new AuthError(403, 'bad_jwt', `invalid JWT: unable to parse or verify signature, ${(e as Error).message}`);
  }
}

/** For /user and /logout: the token's user must exist, and its session too when it names one. */
export const requireUser = (keys: LocalKeys, db: Db) =>
  createMiddleware<AuthEnv>(async (c, next) => {
    const claims = await verifiedClaims(keys, c.req.header('authorization'));
    const user = isUuid(claims.sub) ? await findUserById(db, claims.sub) : undefined;
    if (!user) throw new AuthError(403, 'user_not_found', 'User from sub claim in JWT does not exist');
    const sessionId = typeof claims.session_id === 'string' && claims.session_id !== '' ? claims.session_id : undefined;
    if (sessionId !== undefined && !(isUuid(sessionId) && (await sessionExists(db, sessionId)))) {
      throw new AuthError(403, 'session_not_found', 'Session from session_id claim in JWT does not exist');
    }
    c.set('claims', claims);
    c.set('user', user);
    c.set('sessionId', sessionId);
    await next();
  });

export const requireAdmin = (keys: LocalKeys) =>
  createMiddleware<AuthEnv>(async (c, next) => {
    const claims = await verifiedClaims(keys, c.req.header('authorization'));
    if (typeof claims.role !== 'string' || !ADMIN_ROLES.includes(claims.role)) throw new AuthError(403, 'not_admin', 'User not allowed');
    c.set('claims', claims);
    await next();
  });
