import type { MiddlewareHandler } from 'hono';
import { AppError } from '../errors';
import type { AppEnv } from '../types';

/**
 * A first, cheap line of defence per Worker isolate: at most `limit` requests per user per `windowSec`.
 * Isolates are many and short-lived, so the binding limits live in the database (create_invitation);
 * this only stops a burst before it costs database and mail work.
 */
export function rateLimitPerUser(opts: { limit: number; windowSec: number; now?: () => number }): MiddlewareHandler<AppEnv> {
  const now = opts.now ?? (() => Date.now());
  const windows = new Map<string, { start: number; count: number }>();
  return async (c, next) => {
    const key = c.var.user.id;
    const t = now();
    let w = windows.get(key);
    if (!w || t - w.start >= opts.windowSec * 1000) {
      w = { start: t, count: 0 };
      windows.set(key, w);
      if (windows.size > 10_000) for (const [k, v] of windows) if (t - v.start >= opts.windowSec * 1000) windows.delete(k);
    }
    w.count++;
    if (w.count > opts.limit) {
      const retry = Math.max(1, Math.ceil((w.start + opts.windowSec * 1000 - t) / 1000));
      throw new AppError('rate_limited', 429, `Too many requests. Try again in ${retry} seconds.`, { headers: { 'Retry-After': String(retry) } });
    }
    await next();
  };
}
