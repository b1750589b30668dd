import { describe, expect, it } from 'vitest';
import { errors } from 'jose';
import { identify, jwtErrorFor } from './auth.ts';

const ok = (claims: Record<string, unknown>) => async () => claims;

describe('identify', () => {
  it('uses the anon role without a Bearer token', async () => {
    expect(await identify(null, ok({}), 'anon')).toEqual({ role: 'anon', claims: { role: 'anon' }, authenticated: false });
    expect(await identify('Basic abc', ok({}), 'anon')).toMatchObject({ role: 'anon' });
  });

  it('takes the role claim of a verified token, anon when it has none, and writes it into the claims', async () => {
    expect(await identify('Bearer a.b.c', ok({ sub: 'u1', role: 'authenticated' }), 'anon')).toEqual({
      role: 'authenticated',
      claims: { sub: 'u1', role: 'authenticated' },
      authenticated: true,
    });
    expect(await identify('bearer a.b.c', ok({ sub: 'u1' }), 'anon')).toMatchObject({ role: 'anon', claims: { sub: 'u1', role: 'anon' } });
  });

  it('refuses empty and malformed tokens with PGRST301 before verifying', async () => {
    const never = async () => {
      throw new Error('must not be called');
    };
    await expect(identify('Bearer ', never, 'anon')).rejects.toMatchObject({ status: 401, code: 'PGRST301', message: 'Empty JWT is sent in Authorization header' });
    await expect(identify('Bearer abc', never, 'anon')).rejects.toMatchObject({ status: 401, code: 'PGRST301', message: 'Expected 3 parts in JWT; got 1' });
  });

  it('maps verifier failures to 401 with WWW-Authenticate', async () => {
    const expired = async () => {
      throw new errors.JWTExpired('"exp" claim timestamp check failed', {});
    };
    const e = await identify('Bearer a.b.c', expired, 'anon').catch((x) => x);
    expect(e).toMatchObject({ status: 401, code: 'PGRST303', message: 'JWT expired' });
    expect(e.headers['WWW-Authenticate']).toContain('invalid_token');
  });
});

describe('jwtErrorFor', () => {
  it('classifies keys.ts and jose errors', () => {
    expect(jwtErrorFor({ code: 'jwt_expired', message: 'JWT has expired' }).code).toBe('PGRST303');
    expect(jwtErrorFor({ code: 'bad_jwt', message: 'invalid signature' })).toMatchObject({ code: 'PGRST301', message: 'JWT cryptographic operation failed' });
    expect(jwtErrorFor(new errors.JOSEAlgNotAllowed('"alg" (Algorithm) Header Parameter value not allowed'))).toMatchObject({ code: 'PGRST301', message: 'Wrong or unsupported encoding algorithm' });
    expect(jwtErrorFor(new errors.JWSSignatureVerificationFailed()).code).toBe('PGRST301');
    expect(jwtErrorFor('weird').code).toBe('PGRST301');
  });
});
