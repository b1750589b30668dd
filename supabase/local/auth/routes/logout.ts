// POST /logout?scope=global|local|others (api/logout.go): 204, no body.
import { Hono } from 'hono';
import type { AuthAppOptions, AuthEnv } from '../context.ts';
import { requireUser } from '../bearer.ts';
import { errors } from '../errors.ts';
import { type LogoutScope, endSessions } from '../sessions.ts';

const SCOPES: LogoutScope[] = ['global', 'local', 'others'];

export function logoutRoutes({ pool, keys }: AuthAppOptions): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  app.post('/logout', requireUser(keys, pool), async (c) => {
    const scope = (c.req.query('scope') || 'global') as LogoutScope;
    if (!SCOPES.includes(scope)) throw errors.validation(`Unsupported logout scope "${scope}"`);
    await endSessions(pool, c.get('user').id, scope, c.get('sessionId'));
    return c.body(null, 204);
  });
  return app;
}
