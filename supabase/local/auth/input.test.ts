// Bad input is a 400 in GoTrue's shape, never a 500 or a stack trace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthTestBed, startAuthTestBed } from './test-support.ts';

let bed: AuthTestBed;
let userToken: string;
beforeAll(async () => {
  bed = await startAuthTestBed(56115);
  await bed.createUser('ida@example.test', 'secret123');
  userToken = (await bed.client().auth.signInWithPassword({ email: 'ida@example.test', password: 'secret123' })).data.session!.access_token;
}, 60_000);
afterAll(() => bed?.stop());

const endpoints = () => [
  { path: '/auth/v1/token?grant_type=password', method: 'POST', auth: undefined },
  { path: '/auth/v1/token?grant_type=refresh_token', method: 'POST', auth: undefined },
  { path: '/auth/v1/recover', method: 'POST', auth: undefined },
  { path: '/auth/v1/verify', method: 'POST', auth: undefined },
  { path: '/auth/v1/user', method: 'PUT', auth: userToken },
  { path: '/auth/v1/admin/users', method: 'POST', auth: bed.keys.serviceRoleKey },
  { path: '/auth/v1/admin/generate_link', method: 'POST', auth: bed.keys.serviceRoleKey },
];

async function send(e: ReturnType<typeof endpoints>[number], body: string) {
  return bed.request(e.path, { method: e.method, body, headers: e.auth ? { authorization: `Bearer ${e.auth}` } : {} });
}

describe('request bodies', () => {
  it('refuses non-JSON, non-object and empty bodies with 400 bad_json', async () => {
    for (const e of endpoints()) {
      for (const body of ['{not json', '[1,2]', '"text"', '']) {
        const res = await send(e, body);
        expect(res.status, `${e.path} ${body}`).toBe(400);
        const json = await res.json();
        expect(json.code, `${e.path} ${body}`).toBe('bad_json');
        expect(json.message).toMatch(/^Could not parse request body as JSON: /);
        expect(res.headers.get('x-sb-error-code')).toBe('bad_json');
      }
    }
  });

  it('refuses fields of the wrong type with 400', async () => {
    const cases: [number, string][] = [
      [0, JSON.stringify({ email: 42, password: 'x' })],
      [1, JSON.stringify({ refresh_token: ['a'] })],
      [2, JSON.stringify({ email: { a: 1 } })],
      [3, JSON.stringify({ type: 'recovery', token_hash: 7 })],
      [4, JSON.stringify({ data: 'not an object' })],
      [5, JSON.stringify({ email: 'x@example.test', email_confirm: 'yes' })],
      [6, JSON.stringify({ type: 'invite', email: 'x@example.test', data: [1] })],
    ];
    for (const [i, body] of cases) {
      const res = await send(endpoints()[i], body);
      expect(res.status, body).toBe(400);
      expect((await res.json()).code).toBe('bad_json');
    }
  });

  it('refuses bodies over 1 MB with 400, before parsing them', async () => {
    const huge = JSON.stringify({ email: 'ida@example.test', password: 'x'.repeat(1024 * 1024 + 10) });
    for (const e of endpoints()) {
      const res = await send(e, huge);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ code: 'validation_failed', message: 'Request body is larger than 1 MB' });
    }
  });

  it('turns values the database refuses (too long, NUL bytes) into 400, not 500', async () => {
    const [, , , , , createUser] = endpoints();
    const tooLong = await send(createUser, JSON.stringify({ email: 'long@example.test', role: 'r'.repeat(300) }));
    expect(tooLong.status).toBe(400);
    expect((await tooLong.json()).code).toBe('validation_failed');
    const nul = await send(endpoints()[0], JSON.stringify({ email: 'ida\u0000@example.test', password: 'x' }));
    expect(nul.status).toBe(400);
  });

  it('answers unknown paths with a GoTrue-shaped 404', async () => {
    const res = await bed.request('/auth/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ code: 'not_found', message: 'Not Found' });
  });

  it('keeps the password grant working after all that', async () => {
    const { error } = await bed.client().auth.signInWithPassword({ email: 'ida@example.test', password: 'secret123' });
    expect(error).toBeNull();
  });
});
