// Forged and stale tokens: the REST API and the Worker answer 401 with a JSON error to each, and act on
// nothing. Runs against the local stand-in or a real Supabase (the cases that need the project's own signing
// key — expired, wrong audience — only where the test has that key: the local stack).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createApp } from '../../worker/src/app.ts';
import { loadOrCreateKeys } from '../../supabase/local/keys.ts';
import { signIn } from '../support/clients.ts';
import { closeAdminPool } from '../support/sql.ts';
import { stack } from '../support/stack-info.ts';
import { createWorld, TEST_PASSWORD, type World } from '../support/world.ts';
import { workerEnv } from '../support/worker-env.ts';

let w: World;
let good: string;
const forged: Record<string, string> = {};
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

beforeAll(async () => {
  w = await createWorld();
  good = (await signIn(w.manager.email, TEST_PASSWORD)).accessToken;
  const claims = decodeJwt(good);
  const [header, , signature] = good.split('.');
  const kid = JSON.parse(Buffer.from(header, 'base64url').toString()).kid;

  forged['alg none'] = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
  forged['HS256 signed with the anon key'] = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(stack().anonKey));
  const other = await generateKeyPair('ES256', { extractable: true });
  await exportJWK(other.publicKey);
  forged['a token from another key (same kid)'] = await new SignJWT(claims).setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid }).sign(other.privateKey);
  forged['a tampered payload'] = `${header}.${b64({ ...claims, sub: w.otherManager.id })}.${signature}`;
  forged['garbage'] = 'not.a.jwt';
  if (stack().local) {
    const keys = await loadOrCreateKeys(stack().keysDir!, `${stack().supabaseUrl}/auth/v1`);
    const { exp: _exp, iat: _iat, ...rest } = claims;
    forged['an expired token'] = await keys.sign(rest, -120);
    forged['a wrong audience'] = await keys.sign({ ...rest, aud: 'someone-else' }, 3600);
  }
});
afterAll(closeAdminPool);

const worker = createApp();

describe('tokens', () => {
  it('the good token works at both (control)', async () => {
    const rest = await fetch(`${stack().supabaseUrl}/rest/v1/customer_accounts?select=id`, { headers: { apikey: stack().anonKey, Authorization: `Bearer ${good}` } });
    expect(rest.status).toBe(200);
    expect(await rest.json()).toEqual([{ id: w.accountA.id }]);
  });

  it('forges the expected set of tokens', () => {
    expect(Object.keys(forged).length).toBe(stack().local ? 7 : 5);
  });

  it.each(['alg none', 'HS256 signed with the anon key', 'a token from another key (same kid)', 'a tampered payload', 'garbage', 'an expired token', 'a wrong audience'])(
    'REST refuses %s with 401 JSON',
    async (name) => {
      if (!forged[name]) return expect(stack().local).toBe(false);
      const res = await fetch(`${stack().supabaseUrl}/rest/v1/customer_accounts?select=id`, { headers: { apikey: stack().anonKey, Authorization: `Bearer ${forged[name]}` } });
      expect(res.status).toBe(401);
      const body = await res.json();
      expect(body).toMatchObject({ code: expect.stringMatching(/^PGRST30[123]$/), message: expect.any(String) });
    },
  );

  it.each(['alg none', 'HS256 signed with the anon key', 'a token from another key (same kid)', 'a tampered payload', 'garbage', 'an expired token', 'a wrong audience'])(
    'the Worker refuses %s with 401 JSON and creates nothing',
    async (name) => {
      if (!forged[name]) return expect(stack().local).toBe(false);
      const res = await worker.request(
        '/api/invitations',
        { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${forged[name]}` }, body: JSON.stringify({ role: 'manager', targetId: w.accountA.id, email: 'forged@example.com' }) },
        workerEnv(),
      );
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
    },
  );
});
