import { createApp } from './app';
import { loadConfig, type Bindings } from './env';
import { deliverOutbox } from './services/outbox/deliver';

/** The Worker: one app per isolate (so the JWKS cache lives as long as the isolate). */
const app = createApp();

export type { AppType } from './app';
export default {
  fetch: app.fetch,
  /**
   * Cron trigger (wrangler.toml [triggers]): delivers every due outbox row, retries included (the database
   * spaces them with backoff). It runs without a user, so it uses the service key; see
   * docs/decisions/003-email-outbox.md.
   */
  scheduled(_event: unknown, env: Bindings, ctx: { waitUntil(p: Promise<unknown>): void }) {
    ctx.waitUntil(
      deliverOutbox({ config: loadConfig(env), fetch: (input, init) => fetch(input, init) }).then(
        (r) => r.failed.length > 0 && console.error(`[cron] outbox: ${r.sent.length} sent, ${r.failed.length} failed`),
        (error) => console.error(`[cron] outbox delivery failed: ${error instanceof Error ? error.message : String(error)}`),
      ),
    );
  },
};
