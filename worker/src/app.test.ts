import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from './app';
import { testEnv } from './testing/env';
import { readJson } from './testing/fake-fetch';

describe('app', () => {
  afterEach(() => vi.restoreAllMocks());

  it('answers unknown /api/* paths with 404 JSON', async () => {
    const res = await createApp().request('/api/nope', {}, testEnv());
    expect(res.status).toBe(404);
    expect(res.headers.get('Content-Type')).toMatch(/application\/json/);
    expect(await readJson(res)).toEqual({ error: { code: 'not_found', message: 'No route for GET /api/nope' } });
  });

  it('answers a wrong method on a known path with 404 JSON', async () => {
    const res = await createApp().request('/api/invitations', { method: 'GET' }, testEnv());
    expect(res.status).toBe(404);
    expect((await readJson(res)).error.code).toBe('not_found');
  });

  it('hands other paths to the ASSETS binding (SPA fallback) when there is one', async () => {
    const assets = { fetch: vi.fn(async (req: Request) => new Response(`asset ${new URL(req.url).pathname}`)) };
    const res = await createApp().request('/members/123', {}, { ...testEnv(), ASSETS: assets });
    expect(await res.text()).toBe('asset /members/123');
    expect(assets.fetch).toHaveBeenCalledOnce();
  });

  it('renders a missing variable as 500 config_missing without a stack trace', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await createApp().request('/api/config', {}, testEnv({ SUPABASE_ANON_KEY: undefined }));
    expect(res.status).toBe(500);
    const body = await readJson(res);
    expect(body).toEqual({ error: { code: 'config_missing', message: 'Missing environment variable: SUPABASE_ANON_KEY' } });
  });

  it('turns an unexpected exception into 500 internal_error without leaking it', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const app = createApp();
    app.get('/api/boom', () => {
      throw new Error('secret internals at /srv/app.ts:12');
    });
    const res = await app.request('/api/boom', {}, testEnv());
    const text = await res.text();
    expect(res.status).toBe(500);
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal_error', message: 'Internal server error' } });
    expect(text).not.toContain('/srv/app.ts');
    expect(log).toHaveBeenCalled();
  });
});
