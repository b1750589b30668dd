// POST /token?grant_type=password|refresh_token (api/token.go).
import { Hono } from 'hono';
import type { AuthAppOptions, AuthEnv } from '../context.ts';
import { optionalString, readJsonObject } from '../body.ts';
import { withTransaction } from '../db.ts';
import { AuthError, OAuthError, errors } from '../errors.ts';
import { passwordMatches } from '../passwords.ts';
import { refreshSession, startSession } from '../sessions.ts';
import { findUserByEmail, isBanned, isConfirmed, recordSignIn } from '../users.ts';

const invalidCredentials = () => new AuthError(400, 'invalid_credentials', 'Invalid login credentials');

export function tokenRoutes(opts: AuthAppOptions): Hono<AuthEnv> {
  const { pool, keys } = opts;
  const reuseIntervalSec = opts.refreshTokenReuseIntervalSec ?? 10;
  const app = new Hono<AuthEnv>();

  app.post('/token', async (c) => {
    const grantType = c.req.query('grant_type');
    if (grantType === 'password') {
      const body = await readJsonObject(c);
      const email = optionalString(body, 'email');
      const phone = optionalString(body, 'phone');
      const password = optionalString(body, 'password') ?? '';
      if (email && phone) throw errors.validation('Only an email address or phone number should be provided on login.', 422);
      if (!email && !phone) throw errors.validation('missing email or phone');
      // Phone sign-in is not offered by this app; an unknown phone is simply an unknown user.
      const user = email ? await findUserByEmail(pool, email) : undefined;
      if (!user || isBanned(user) || !(await passwordMatches(password, user.encrypted_password))) throw invalidCredentials();
      // Checked after the password, as GoTrue does, so the answer reveals nothing to someone without it.
      if (!isConfirmed(user)) throw new AuthError(400, 'email_not_confirmed', 'Email not confirmed');
      const session = await withTransaction(pool, async (tx) => {
        await recordSignIn(tx, user.id);
        return startSession(tx, keys, user.id, 'password');
      });
      return c.json(session);
    }
    if (grantType === 'refresh_token') {
      const refreshToken = optionalString(await readJsonObject(c), 'refresh_token');
      if (!refreshToken) throw new OAuthError('invalid_request', 'refresh_token required');
      return c.json(await refreshSession(pool, keys, refreshToken, reuseIntervalSec));
    }
    throw new OAuthError('unsupported_grant_type', '');
  });

  return app;
}
