import { Hono } from 'hono';
import { AppError } from '../errors';
import { requireConfig } from '../env';
import type { JwksFor } from '../middleware/auth';
import { auth } from '../middleware/auth';
import { rateLimitPerUser } from '../middleware/rate-limit';
import { deliverOutbox } from '../services/outbox/deliver';
import { deliverAfterChange } from '../services/outbox/after-change';
import type { AppEnv } from '../types';

/** Constant-time comparison of two strings (the service key check). */
function sameSecret(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

/**
 * POST /api/outbox/deliver (signed-in user): delivers the e-mails the caller's own changes wrote, for the
 * changes the SPA makes directly over REST (removing a manager or an administrator, accepting an
 * invitation). Delivers nothing of anybody else's.
 *
 * POST /api/internal/deliver (Authorization: Bearer <service-role key>): one delivery run over every due row,
 * exactly what the cron trigger does. For local development (scripts/dev.ts calls it periodically, because
 * `wrangler dev` runs no cron) and for operators.
 */
export const outboxRoutes = (jwks: JwksFor) =>
  new Hono<AppEnv>()
    .post('/outbox/deliver', requireConfig(), auth(jwks), rateLimitPerUser({ limit: 30, windowSec: 60 }), async (c) => {
      const delivered = await deliverAfterChange(c, c.var.user.id);
      return c.json({ sent: delivered?.sent.length ?? null, failed: delivered?.failed.length ?? null }, 202);
    })
    .post('/internal/deliver', requireConfig(), async (c) => {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('Authorization') ?? '');
      if (!match?.[1] || !sameSecret(match[1], c.var.config.supabaseServiceRoleKey)) {
        throw new AppError('unauthorized', 401, 'This endpoint needs the service-role key');
      }
      const { config, deps } = c.var;
      const result = await deliverOutbox({ config, fetch: deps.fetch, ...(deps.mailDriver ? { driver: deps.mailDriver } : {}) });
      return c.json({ sent: result.sent.length, failed: result.failed.length });
    });
