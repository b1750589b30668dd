// POST /token: password sign-in and refresh-token rotation, through supabase-js as the app calls them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { type AuthTestBed, SUPABASE_URL, startAuthTestBed } from './test-support.ts';

let bed: AuthTestBed;
let userId: string;
beforeAll(async () => {
  bed = await startAuthTestBed(56111, { refreshTokenReuseIntervalSec: 0 });
  userId = await bed.createUser('ada@example.test', 'correct horse');
}, 60_000);
afterAll(() => bed?.stop());

describe('signInWithPassword', () => {
  it('returns a session with an ES256 access token carrying exactly the GoTrue claims', async () => {
    const { data, error } = await bed.client().auth.signInWithPassword({ email: 'Ada@Example.test', password: 'correct horse' });
    expect(error).toBeNull();
    const session = data.session!;
    expect(session).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
    expect(session.refresh_token).toMatch(/^[a-z0-9]{12}$/);
    expect(session.expires_at! - Math.floor(Date.now() / 1000)).toBeGreaterThan(3590);
    expect(decodeProtectedHeader(session.access_token)).toEqual({ alg: 'ES256', kid: bed.keys.kid, typ: 'JWT' });
    const claims = decodeJwt(session.access_token);
    expect(Object.keys(claims).sort()).toEqual(
      ['aal', 'amr', 'app_metadata', 'aud', 'email', 'exp', 'iat', 'is_anonymous', 'iss', 'phone', 'role', 'session_id', 'sub', 'user_metadata'].sort(),
    );
    expect(claims).toMatchObject({
      iss: `${SUPABASE_URL}/auth/v1`,
      sub: userId,
      aud: 'authenticated',
      email: 'ada@example.test',
      phone: '',
      role: 'authenticated',
      aal: 'aal1',
      is_anonymous: false,
      app_metadata: { provider: 'email', providers: ['email'] },
    });
    expect(claims.exp! - claims.iat!).toBe(3600);
    expect(claims.amr).toEqual([{ method: 'password', timestamp: expect.any(Number) }]);
    expect(data.user).toMatchObject({ id: userId, email: 'ada@example.test', aud: 'authenticated', role: 'authenticated' });
    expect(data.user!.last_sign_in_at).toBeTruthy();
    expect(data.user!.identities![0]).toMatchObject({ provider: 'email', user_id: userId, id: userId, identity_data: { sub: userId } });
  });

  it('answers a wrong password and an unknown user identically', async () => {
    const wrong = await bed.request('/auth/v1/token?grant_type=password', { method: 'POST', body: JSON.stringify({ email: 'ada@example.test', password: 'nope' }) });
    const unknown = await bed.request('/auth/v1/token?grant_type=password', { method: 'POST', body: JSON.stringify({ email: 'nobody@example.test', password: 'nope' }) });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(400);
      expect(res.headers.get('x-sb-error-code')).toBe('invalid_credentials');
      expect(res.headers.get('x-supabase-api-version')).toBe('2024-01-01');
      expect(await res.json()).toEqual({ code: 'invalid_credentials', message: 'Invalid login credentials' });
    }
    const { error } = await bed.client().auth.signInWithPassword({ email: 'nobody@example.test', password: 'nope' });
    expect(error).toMatchObject({ name: 'AuthApiError', status: 400, code: 'invalid_credentials', message: 'Invalid login credentials' });
  });

  it('refuses an unconfirmed address only after the password matched', async () => {
    await bed.createUser('unconfirmed@example.test', 'secret123', { confirmed: false });
    const right = await bed.client().auth.signInWithPassword({ email: 'unconfirmed@example.test', password: 'secret123' });
    expect(right.error).toMatchObject({ status: 400, code: 'email_not_confirmed', message: 'Email not confirmed' });
    const wrong = await bed.client().auth.signInWithPassword({ email: 'unconfirmed@example.test', password: 'wrong123' });
    expect(wrong.error).toMatchObject({ code: 'invalid_credentials' });
  });

  it('needs an email or phone, and speaks the legacy shape to clients without the version header', async () => {
    const res = await bed.request('/auth/v1/token?grant_type=password', { method: 'POST', body: JSON.stringify({ password: 'x' }) });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: 'validation_failed', message: 'missing email or phone' });
    const legacy = await bed.api.request(`${SUPABASE_URL}/auth/v1/token?grant_type=password`, {
      method: 'POST',
      headers: { apikey: bed.keys.anonKey },
      body: JSON.stringify({ password: 'x' }),
    });
    expect(legacy.headers.get('x-supabase-api-version')).toBeNull();
    expect(await legacy.json()).toEqual({ code: 400, error_code: 'validation_failed', msg: 'missing email or phone' });
  });

  it('refuses an unknown grant type the OAuth way', async () => {
    const res = await bed.request('/auth/v1/token?grant_type=magic', { method: 'POST', body: '{}' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'unsupported_grant_type', error_description: '' });
  });
});

describe('refreshSession', () => {
  async function signIn() {
    const { data } = await bed.client().auth.signInWithPassword({ email: 'ada@example.test', password: 'correct horse' });
    return data.session!;
  }
  const refresh = async (refresh_token: string) => bed.client().auth.refreshSession({ refresh_token });

  it('rotates: a new refresh token, same session, new access token', async () => {
    const first = await signIn();
    const { data, error } = await refresh(first.refresh_token);
    expect(error).toBeNull();
    expect(data.session!.refresh_token).not.toBe(first.refresh_token);
    expect(decodeJwt(data.session!.access_token).session_id).toBe(decodeJwt(first.access_token).session_id);
    expect(decodeJwt(data.session!.access_token).amr).toEqual(decodeJwt(first.access_token).amr);
    expect(data.user!.id).toBe(userId);
  });

  it('gives the revoked parent of the active token that active token; older ones revoke the family', async () => {
    const a = await signIn();
    const b = (await refresh(a.refresh_token)).data.session!.refresh_token;
    // The client lost the answer and retries with A: it gets B again, nothing new is minted.
    expect((await refresh(a.refresh_token)).data.session!.refresh_token).toBe(b);
    const c = (await refresh(b)).data.session!.refresh_token;
    // A is now two generations old: reuse outside the interval (0 s here) is treated as theft.
    const reused = await refresh(a.refresh_token);
    expect(reused.error).toMatchObject({ status: 400, code: 'refresh_token_already_used', message: 'Invalid Refresh Token: Already Used' });
    // ...and the whole family is revoked, so even the newest token is now refused.
    expect((await refresh(c)).error).toMatchObject({ code: 'refresh_token_already_used' });
  });

  it('accepts an older revoked token within the reuse interval', async () => {
    const lenient = await startAuthTestBed(56116, { refreshTokenReuseIntervalSec: 10 });
    try {
      await lenient.createUser('bea@example.test', 'secret123');
      const c = lenient.client();
      const a = (await c.auth.signInWithPassword({ email: 'bea@example.test', password: 'secret123' })).data.session!.refresh_token;
      const b = (await c.auth.refreshSession({ refresh_token: a })).data.session!.refresh_token;
      await c.auth.refreshSession({ refresh_token: b });
      const again = await c.auth.refreshSession({ refresh_token: a });
      expect(again.error).toBeNull();
      expect(again.data.session!.refresh_token).toMatch(/^[a-z0-9]{12}$/);
    } finally {
      await lenient.stop();
    }
  }, 60_000);

  it('does not know tokens of a signed-out session, nor made-up ones', async () => {
    const c = bed.client();
    const { data } = await c.auth.signInWithPassword({ email: 'ada@example.test', password: 'correct horse' });
    await c.auth.signOut({ scope: 'local' });
    expect((await refresh(data.session!.refresh_token)).error).toMatchObject({
      status: 400,
      code: 'refresh_token_not_found',
      message: 'Invalid Refresh Token: Refresh Token Not Found',
    });
    expect((await refresh('zzzzzzzzzzzz')).error).toMatchObject({ code: 'refresh_token_not_found' });
  });

  it('refuses a session past not_after', async () => {
    const s = await signIn();
    await bed.db.query(`update auth.sessions set not_after = now() - interval '1 minute' where id = $1`, [decodeJwt(s.access_token).session_id]);
    expect((await refresh(s.refresh_token)).error).toMatchObject({ status: 400, code: 'session_expired' });
  });

  it('requires a refresh_token, in the OAuth shape', async () => {
    const res = await bed.request('/auth/v1/token?grant_type=refresh_token', { method: 'POST', body: '{}' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid_request', error_description: 'refresh_token required' });
  });
});
