// The Worker's own time per invitation request (POST /api/invitations), every upstream answered by a stub
// (bench/worker-entry.ts). In workerd (wrangler's unstable_startWorker): sequential requests from Node, and
// the same number of GET /api/health as the baseline of HTTP + workerd dispatch, so own = invitation - health.
// For comparison the same app in Node, in-process (app.request), which times the handler alone.
import { join } from 'node:path';
import { unstable_startWorker } from 'wrangler';
import { createTestKey, signAccessToken } from '../worker/src/testing/keys.ts';
import { testEnv } from '../worker/src/testing/env.ts';
import entry from './worker-entry.ts';
import { stats, type Stats } from './measure.ts';

export const WORKER_P99_TARGET_MS = 5;

const body = JSON.stringify({ role: 'manager', targetId: '6f1c2f5e-8a4b-4c1d-9e2f-0a1b2c3d4e5f', email: 'new.person@example.com', lang: 'en' });

async function series(n: number, send: () => Promise<Response>, expect: number): Promise<Stats> {
  const samples: number[] = [];
  for (let i = 0; i < n + Math.ceil(n / 5); i++) {
    const t = performance.now();
    const res = await send();
    await res.arrayBuffer();
    const dt = performance.now() - t;
    if (res.status !== expect) throw new Error(`worker answered ${res.status}, expected ${expect}`);
    if (i >= Math.ceil(n / 5)) samples.push(dt); // the first fifth warms up
  }
  return stats(samples, n);
}

const fmt = (s: Stats) => `p50 ${s.p50.toFixed(2).padStart(5)} ms   p99 ${s.p99.toFixed(2).padStart(5)} ms`;

export async function workerReport(log: (line?: string) => void, opts: { requests: number }): Promise<boolean> {
  log();
  log(`== Worker: POST /api/invitations, ${opts.requests} sequential requests, upstreams stubbed ==`);
  const key = await createTestKey();
  // One user per request: the Worker's per-user burst limit (20 a minute) stays out of the way, as with real traffic.
  const total = opts.requests + Math.ceil(opts.requests / 5);
  const tokens = await Promise.all(
    Array.from({ length: 2 * total }, () => signAccessToken(key, { sub: crypto.randomUUID(), exp: Math.floor(Date.now() / 1000) + 24 * 3600 })),
  );
  let next = 0;
  const env = { ...testEnv(), BENCH_JWKS: JSON.stringify({ keys: [key.jwk] }) } as unknown as Record<string, string>;
  const invite = (f: (url: string, init: RequestInit) => Promise<Response>, base: string) => () =>
    f(`${base}/api/invitations`, { method: 'POST', headers: { Authorization: `Bearer ${tokens[next++ % tokens.length]}`, 'Content-Type': 'application/json' }, body });
  let ok = true;

  // workerd
  try {
    process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= 'false';
    const worker = await unstable_startWorker({
      name: 'application-center-bench',
      entrypoint: join(import.meta.dirname, 'worker-entry.ts'),
      compatibilityDate: '2025-09-01',
      compatibilityFlags: ['nodejs_compat'],
      bindings: Object.fromEntries(Object.entries(env).map(([k, v]) => [k, { type: 'plain_text', value: v }])),
      dev: { server: { hostname: '127.0.0.1', port: 0 }, inspector: false, watch: false, persist: false, logLevel: 'error' },
    });
    try {
      await worker.ready;
      const base = (await worker.url).origin;
      const f = (url: string, init: RequestInit = {}) => fetch(url, init);
      const health = await series(opts.requests, () => f(`${base}/api/health`), 200);
      const inv = await series(opts.requests, invite(f, base), 201);
      const own = { p50: inv.p50 - health.p50, p99: inv.p99 - health.p50 };
      const met = own.p99 < WORKER_P99_TARGET_MS;
      log(`workerd  invitation round trip        ${fmt(inv)}`);
      log(`workerd  /api/health round trip        ${fmt(health)}   (HTTP + dispatch baseline)`);
      log(`workerd  own time (invitation - health p50) p50 ${own.p50.toFixed(2).padStart(5)} ms   p99 ${own.p99.toFixed(2).padStart(5)} ms   target p99 < ${WORKER_P99_TARGET_MS} ms: ${met ? 'met' : 'MISSED'}`);
    } finally {
      await worker.dispose();
    }
  } catch (e) {
    ok = false;
    log(`workerd: FAILED: ${(e as Error).message}`);
  }

  // Node, in-process: the handler alone.
  // an execution context like workerd's: work handed to waitUntil runs after the response, outside the timing
  const ctx = { waitUntil: (p: Promise<unknown>) => void p.catch(() => {}), passThroughOnException: () => {} } as unknown as ExecutionContext;
  const app = { fetch: (url: string, init: RequestInit) => Promise.resolve(entry.fetch(new Request(url, init), env as never, ctx)) };
  const node = await series(opts.requests, invite(app.fetch, 'http://worker.local'), 201);
  log(`Node     handler time (in-process, app.fetch)  ${fmt(node)}   (not workerd; for comparison)`);
  return ok;
}
