import type { Context } from 'hono';
import type { AppEnv } from '../../types';
import { deliverOutbox, type DeliveryResult } from './deliver';

/**
 * Right after a change: delivers the outbox rows the caller's change just wrote. In workerd it runs after
 * the response (`executionCtx.waitUntil`); where there is no execution context (Node tests, app.request)
 * it is awaited, so a test sees the e-mail when the response arrives. A failure only logs: the rows stay in
 * the outbox and the cron delivers them.
 */
export async function deliverAfterChange(c: Context<AppEnv>, causedBy: string): Promise<DeliveryResult | undefined> {
  const { config, deps } = c.var;
  const run = deliverOutbox({ config, fetch: deps.fetch, ...(deps.mailDriver ? { driver: deps.mailDriver } : {}) }, { causedBy }).catch((error) => {
    console.error(`[outbox] delivery after a change failed: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  });
  let ctx: { waitUntil(p: Promise<unknown>): void } | undefined;
  try {
    ctx = c.executionCtx;
  } catch {
    ctx = undefined; // Hono throws when there is no execution context
  }
  if (ctx && typeof ctx.waitUntil === 'function') {
    ctx.waitUntil(run);
    return undefined;
  }
  return run;
}
