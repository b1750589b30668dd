import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { AppError, errorBody } from '../errors';
import type { AppEnv } from '../types';
import { rateLimitPerUser } from './rate-limit';

function appWith(now: () => number) {
  const app = new Hono<AppEnv>();
  app.onError((e, c) => (e instanceof AppError ? c.json(errorBody(e.code, e.message), e.status, e.headers) : c.text('boom', 500)));
  app.use('*', async (c, next) => {
    c.set('user', { id: c.req.header('x-user') ?? 'u1', email: null });
    await next();
  });
  app.post('/x', rateLimitPerUser({ limit: 3, windowSec: 60, now }), (c) => c.json({ ok: true }));
  return app;
}

describe('rateLimitPerUser', () => {
  it('lets `limit` requests through, then answers 429 with Retry-After and a JSON error', async () => {
    let t = 1_000_000;
    const app = appWith(() => t);
    for (let i = 0; i < 3; i++) expect((await app.request('/x', { method: 'POST' })).status).toBe(200);
    t += 15_000;
    const res = await app.request('/x', { method: 'POST' });
    expect(res.status).toBe(429);
    expect(res.headers.get('Retry-After')).toBe('45');
    expect(await res.json()).toEqual({ error: { code: 'rate_limited', message: 'Too many requests. Try again in 45 seconds.' } });
  });

  it('counts per user and opens again after the window', async () => {
    let t = 0;
    const app = appWith(() => t);
    for (let i = 0; i < 3; i++) await app.request('/x', { method: 'POST' });
    expect((await app.request('/x', { method: 'POST', headers: { 'x-user': 'u2' } })).status).toBe(200);
    expect((await app.request('/x', { method: 'POST' })).status).toBe(429);
    t += 60_000;
    expect((await app.request('/x', { method: 'POST' })).status).toBe(200);
  });
});
