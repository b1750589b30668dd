import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';

export const SUPABASE_URL = 'http://supabase.test';
export const ISSUER = `${SUPABASE_URL}/auth/v1`;
export const USER_ID = '6f1c2f5e-8a4b-4c1d-9e2f-0a1b2c3d4e5f';
export const USER_EMAIL = 'anna.manager@example.com';

export type TestKey = { privateKey: CryptoKey; jwk: JWK; kid: string };

/** A fresh ES256 key pair; `jwk` is the public half as it appears in a JWKS. */
export async function createTestKey(kid = crypto.randomUUID()): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  return { privateKey, jwk, kid };
}

/** A Supabase-shaped access token for the test user; override any claim (undefined removes it). */
export async function signAccessToken(key: TestKey, claims: JWTPayload = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const payload: JWTPayload = {
    sub: USER_ID,
    email: USER_EMAIL,
    role: 'authenticated',
    aud: 'authenticated',
    iss: ISSUER,
    iat: now,
    exp: now + 3600,
    ...claims,
  };
  for (const k of Object.keys(payload)) if (payload[k] === undefined) delete payload[k];
  return new SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'JWT' }).sign(key.privateKey);
}
