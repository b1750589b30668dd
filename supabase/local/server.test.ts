// The composed API: Kong's apikey check and CORS in front of /auth/v1 and /rest/v1.
import { describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { createSupabaseApp } from './server.ts';

const auth = new Hono().get('/.well-known/jwks.json', (c) => c.json({ keys: [] })).get('/settings', (c) => c.json({ auth: true }));
const rest = new Hono().get('/things', (c) => c.json([{ path: c.req.path }]));
const app = createSupabaseApp({ auth, rest, apiKeys: ['anon-key', 'service-key'] });
const url = (p: string) => `http://127.0.0.1:54321${p}`;

describe('createSupabaseApp', () => {
  it('refuses requests without an apikey like Kong does', async () => {
    for (const path of ['/rest/v1/things', '/auth/v1/settings']) {
      const res = await app.request(url(path));
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ message: 'No API key found in request' });
    }
  });

  it('accepts the apikey as header or query parameter and routes by prefix', async () => {
    const viaHeader = await app.request(url('/rest/v1/things'), { headers: { apikey: 'anon-key' } });
    expect(viaHeader.status).toBe(200);
    expect(await viaHeader.json()).toEqual([{ path: '/rest/v1/things' }]);
    const viaQuery = await app.request(url('/auth/v1/settings?apikey=service-key'));
    expect(await viaQuery.json()).toEqual({ auth: true });
  });

  it('refuses an apikey that is not one of the project keys', async () => {
    const res = await app.request(url('/rest/v1/things'), { headers: { apikey: 'made-up' } });
    expect(res.status).toBe(401);
    expect((await res.json()).message).toBe('Invalid API key');
  });

  it('leaves the JWKS open, as hosted Supabase does', async () => {
    expect((await app.request(url('/auth/v1/.well-known/jwks.json'))).status).toBe(200);
  });

  it('answers CORS preflights without an apikey, allowing what supabase-js sends', async () => {
    const res = await app.request(url('/rest/v1/things'), {
      method: 'OPTIONS',
      headers: {
        origin: 'http://127.0.0.1:5173',
        'access-control-request-method': 'PATCH',
        'access-control-request-headers': 'authorization,apikey,content-type,x-client-info,accept-profile,prefer',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const allowed = res.headers.get('access-control-allow-headers')!.split(',');
    for (const h of ['authorization', 'apikey', 'content-type', 'x-client-info', 'x-supabase-api-version', 'accept-profile', 'content-profile', 'prefer', 'range']) {
      expect(allowed).toContain(h);
    }
    expect(res.headers.get('access-control-allow-methods')).toContain('PATCH');
  });

  it('exposes the headers supabase-js reads', async () => {
    const res = await app.request(url('/rest/v1/things'), { headers: { apikey: 'anon-key', origin: 'http://127.0.0.1:5173' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-expose-headers')!.split(',')).toEqual(
      expect.arrayContaining(['content-range', 'x-total-count', 'link', 'x-sb-error-code', 'x-supabase-api-version']),
    );
  });

  it('answers other paths with Kong\'s 404', async () => {
    const res = await app.request(url('/storage/v1/bucket'), { headers: { apikey: 'anon-key' } });
    expect(res.status).toBe(404);
  });
});
