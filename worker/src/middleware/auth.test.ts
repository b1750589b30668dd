import { Hono } from 'hono';
import { SignJWT, UnsecuredJWT } from 'jose';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../env';
import { AppError, errorBody } from '../errors';
import { ANON_KEY, testEnv } from '../testing/env';
import { fakeFetch, json, readJson } from '../testing/fake-fetch';
import { createTestKey, ISSUER, signAccessToken, SUPABASE_URL, USER_EMAIL, USER_ID, type TestKey } from '../testing/keys';
import type { AppEnv } from '../types';
import { auth, createJwksCache } from './auth';

const JWKS_URL = `${SUPABASE_URL}/auth/v1/.well-known/jwks.json`;

let key: TestKey;
let otherKey: TestKey;
beforeAll(async () => {
  key = await createTestKey('project-key');
  otherKey = await createTestKey('project-key'); // same kid, different key: must still fail
});

/** A minimal app: auth in front of a route that shows what it put on the context. */
function setup(jwksResponse: () => Response = () => json({ keys: [key.jwk] })) {
  const upstream = fakeFetch({
    [`GET ${JWKS_URL}`]: jwksResponse,
    [`GET ${SUPABASE_URL}/rest/v1/`]: () => json([]),
  });
  const app = new Hono<AppEnv>();
  app.onError((e, c) => (e instanceof AppError ? c.json(errorBody(e.code, e.message), e.status) : c.json(errorBody('internal_error', String(e)), 500)));
  app.use('*', async (c, next) => {
    c.set('deps', { fetch: upstream.fetch });
    c.set('config', loadConfig(c.env));
    await next();
  });
  app.get('/me', auth(createJwksCache(upstream.fetch)), async (c) => {
    await c.var.supabase.from('profiles').select('id');
    return c.json({ user: c.var.user, jwt: c.var.jwt });
  });
  const env = testEnv();
  const call = (authorization?: string) =>
    app.request('/me', authorization === undefined ? {} : { headers: { Authorization: authorization } }, env);
  return { upstream, call };
}

async function expect401(res: Response, code: string, message: RegExp) {
  expect(res.status).toBe(401);
  expect(res.headers.get('Content-Type')).toMatch(/application\/json/);
  const body = (await readJson(res)) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(message);
}

describe('auth middleware', () => {
  it('accepts a valid ES256 token, exposes the user and a client that sends the caller\'s JWT', async () => {
    const { upstream, call } = setup();
    const token = await signAccessToken(key);
    const res = await call(`Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(await readJson(res)).toEqual({ user: { id: USER_ID, email: USER_EMAIL }, jwt: token });
    const [rest] = upstream.to('GET', `${SUPABASE_URL}/rest/v1/profiles`);
    expect(rest?.headers.get('Authorization')).toBe(`Bearer ${token}`);
    expect(rest?.headers.get('apikey')).toBe(ANON_KEY);
  });

  it('fetches the JWKS once and reuses it for later requests', async () => {
    const { upstream, call } = setup();
    const token = await signAccessToken(key);
    expect((await call(`Bearer ${token}`)).status).toBe(200);
    expect((await call(`Bearer ${token}`)).status).toBe(200);
    expect(upstream.to('GET', JWKS_URL)).toHaveLength(1);
  });

  it('rejects a request without Authorization header', async () => {
    await expect401(await setup().call(), 'unauthorized', /Missing Authorization header/);
  });

  it.each(['Basic dXNlcjpwdw==', 'Bearer', 'Bearer ', 'token-without-scheme', 'Bearer a b'])('rejects the header %j', async (header) => {
    await expect401(await setup().call(header), 'unauthorized', /Bearer <access token>/);
  });

  it.each(['garbage', 'a.b.c', 'eyJhbGciOiJFUzI1NiJ9.e30', '....'])('rejects the garbage token %j', async (token) => {
    await expect401(await setup().call(`Bearer ${token}`), 'invalid_token', /malformed|not accepted|signature/i);
  });

  it('rejects alg "none"', async () => {
    const token = new UnsecuredJWT({ sub: USER_ID, role: 'authenticated' }).setAudience('authenticated').setIssuer(ISSUER).setExpirationTime('1h').encode();
    await expect401(await setup().call(`Bearer ${token}`), 'invalid_token', /algorithm/);
  });

  it('rejects HS256 signed with the anon key as secret', async () => {
    const token = await new SignJWT({ sub: USER_ID, role: 'authenticated' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setAudience('authenticated')
      .setIssuer(ISSUER)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(ANON_KEY));
    await expect401(await setup().call(`Bearer ${token}`), 'invalid_token', /algorithm/);
  });

  it('rejects a token signed by another key with the same kid', async () => {
    await expect401(await setup().call(`Bearer ${await signAccessToken(otherKey)}`), 'invalid_token', /signature/);
  });

  it('rejects a token whose kid is not in the JWKS', async () => {
    const stranger = await createTestKey('unknown-kid');
    await expect401(await setup().call(`Bearer ${await signAccessToken(stranger)}`), 'invalid_token', /signature/);
  });

  it('rejects an expired token', async () => {
    const token = await signAccessToken(key, { exp: Math.floor(Date.now() / 1000) - 60, iat: Math.floor(Date.now() / 1000) - 3600 });
    await expect401(await setup().call(`Bearer ${token}`), 'invalid_token', /expired/);
  });

  it('rejects a wrong audience', async () => {
    await expect401(await setup().call(`Bearer ${await signAccessToken(key, { aud: 'other' })}`), 'invalid_token', /"aud"/);
  });

  it('rejects a wrong issuer', async () => {
    await expect401(await setup().call(`Bearer ${await signAccessToken(key, { iss: 'http://evil.test/auth/v1' })}`), 'invalid_token', /"iss"/);
  });

  it('rejects a token without sub', async () => {
    await expect401(await setup().call(`Bearer ${await signAccessToken(key, { sub: undefined })}`), 'invalid_token', /"sub"/);
  });

  it('rejects a correctly signed service_role or anon key used as a user token', async () => {
    for (const role of ['service_role', 'anon']) {
      const token = await signAccessToken(key, { role, sub: undefined, email: undefined, aud: 'authenticated' });
      const res = await setup().call(`Bearer ${token}`);
      expect(res.status).toBe(401);
      expect(((await readJson(res)) as { error: { code: string } }).error.code).toBe('invalid_token');
    }
    const roleOnly = await signAccessToken(key, { role: 'service_role' });
    await expect401(await setup().call(`Bearer ${roleOnly}`), 'invalid_token', /signed-in user/);
  });

  it('answers 502 upstream_failed when the JWKS cannot be loaded', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { call } = setup(() => new Response('down', { status: 503 }));
    const res = await call(`Bearer ${await signAccessToken(key)}`);
    expect(res.status).toBe(502);
    expect(((await readJson(res)) as { error: { code: string } }).error.code).toBe('upstream_failed');
    vi.restoreAllMocks();
  });
});
