import { afterAll, describe, expect, it } from 'vitest';
import { SignJWT, UnsecuredJWT, decodeJwt, decodeProtectedHeader, generateKeyPair } from 'jose';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JwtError, loadOrCreateKeys } from './keys.ts';

const dir = mkdtempSync(join(tmpdir(), 'ac-keys-'));
const issuer = 'http://127.0.0.1:54321/auth/v1';
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function rejection(p: Promise<unknown>): Promise<JwtError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(JwtError);
  return e as JwtError;
}

describe('loadOrCreateKeys', () => {
  it('creates an ES256 key once, keeps it private on disk and loads the same key again', async () => {
    const first = await loadOrCreateKeys(dir, issuer);
    const second = await loadOrCreateKeys(dir, issuer);
    expect(second.kid).toBe(first.kid);
    expect(second.anonKey).toBe(first.anonKey);
    expect(second.serviceRoleKey).toBe(first.serviceRoleKey);
    const file = join(dir, 'jwt-signing-key.json');
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('Local development only');
  });

  it('publishes only the public part as a JWKS', async () => {
    const keys = await loadOrCreateKeys(dir, issuer);
    expect(keys.jwks).toEqual({ keys: [keys.publicJwk] });
    expect(keys.publicJwk).toMatchObject({ kty: 'EC', crv: 'P-256', kid: keys.kid, alg: 'ES256', use: 'sig', key_ops: ['verify'] });
    expect(keys.publicJwk).not.toHaveProperty('d');
  });

  it('issues long-lived development-only API keys for anon and service_role', async () => {
    const keys = await loadOrCreateKeys(dir, issuer);
    for (const [key, role] of [
      [keys.anonKey, 'anon'],
      [keys.serviceRoleKey, 'service_role'],
    ] as const) {
      expect(decodeProtectedHeader(key)).toEqual({ alg: 'ES256', kid: keys.kid, typ: 'JWT' });
      const claims = decodeJwt(key);
      expect(claims).toMatchObject({ role, iss: issuer, ref: 'local-dev-only' });
      expect(claims.exp! - claims.iat!).toBeGreaterThan(9 * 365 * 24 * 3600);
      expect(await keys.verify(key)).toMatchObject({ role });
    }
  });

  it('re-issues the API keys, not the key pair, when the issuer changes', async () => {
    const before = await loadOrCreateKeys(dir, issuer);
    const after = await loadOrCreateKeys(dir, 'http://127.0.0.1:55321/auth/v1');
    expect(after.kid).toBe(before.kid);
    expect(decodeJwt(after.anonKey).iss).toBe('http://127.0.0.1:55321/auth/v1');
    await loadOrCreateKeys(dir, issuer);
  });
});

describe('keys.verify', () => {
  it('returns the claims of a token it signed', async () => {
    const keys = await loadOrCreateKeys(dir, issuer);
    const token = await keys.sign({ sub: 'u1', aud: 'authenticated', role: 'authenticated' }, 60);
    expect(await keys.verify(token)).toMatchObject({ sub: 'u1', aud: 'authenticated', iss: issuer });
  });

  it('refuses alg none', async () => {
    const keys = await loadOrCreateKeys(dir, issuer);
    const token = new UnsecuredJWT({ role: 'service_role' }).setIssuedAt().setExpirationTime('1h').encode();
    expect((await rejection(keys.verify(token))).code).toBe('bad_jwt');
  });

  it('refuses HS256, also when signed with the anon key string as the secret', async () => {
    const keys = await loadOrCreateKeys(dir, issuer);
    const token = await new SignJWT({ role: 'service_role' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: keys.kid })
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(keys.anonKey));
    expect((await rejection(keys.verify(token))).code).toBe('bad_jwt');
  });

  it('refuses a token signed by another key, even with the same kid', async () => {
    const keys = await loadOrCreateKeys(dir, issuer);
    const other = await generateKeyPair('ES256');
    const token = await new SignJWT({ role: 'service_role' })
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: keys.kid })
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(other.privateKey);
    expect((await rejection(keys.verify(token))).code).toBe('bad_jwt');
  });

  it('refuses expired tokens beyond the 30 s leeway and accepts them within it', async () => {
    const keys = await loadOrCreateKeys(dir, issuer);
    const expired = await keys.sign({ role: 'authenticated' }, -31);
    expect((await rejection(keys.verify(expired))).code).toBe('jwt_expired');
    const justExpired = await keys.sign({ role: 'authenticated' }, -5);
    expect(await keys.verify(justExpired)).toMatchObject({ role: 'authenticated' });
  });

  it('refuses a wrong audience, accepts an expected one', async () => {
    const keys = await loadOrCreateKeys(dir, issuer);
    const token = await keys.sign({ role: 'authenticated', aud: 'some-other-api' }, 60);
    expect((await rejection(keys.verify(token))).code).toBe('bad_jwt');
    expect(await keys.verify(token, { audience: ['authenticated', 'some-other-api'] })).toMatchObject({ aud: 'some-other-api' });
  });

  it('refuses garbage', async () => {
    const keys = await loadOrCreateKeys(dir, issuer);
    for (const junk of ['', 'abc', 'a.b.c', keys.anonKey.slice(0, -3) + 'AAA']) {
      expect((await rejection(keys.verify(junk))).code).toBe('bad_jwt');
    }
  });
});
