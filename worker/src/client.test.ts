import { hc } from 'hono/client';
import { describe, expect, it } from 'vitest';
import { createApp } from './app';
import type { AppType } from './index';
import { testEnv } from './testing/env';

/** The SPA uses Hono's typed client; this keeps AppType honest. */
describe('hc<AppType>', () => {
  const app = createApp();
  const client = hc<AppType>('http://portal.test', { fetch: (input: RequestInfo | URL, init?: RequestInit) => app.request(input, init, testEnv()) });

  it('reads /api/config with types', async () => {
    const res = await client.api.config.$get();
    const body = await res.json();
    expect(body.brand.name).toBe('Example Hosting');
    expect(body.supabaseAnonKey).toBe('anon-key-for-tests');
  });

  it('types the invitation body and reaches the route', async () => {
    const res = await client.api.invitations.$post({ json: { role: 'manager', targetId: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed', email: 'a@example.com' } });
    expect(res.status).toBe(401); // no token: the route answered, not the 404 handler
  });
});
