// GET/PUT /user, POST /logout and the bearer rules, through supabase-js.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { type AuthTestBed, startAuthTestBed } from './test-support.ts';

let bed: AuthTestBed;
beforeAll(async () => {
  bed = await startAuthTestBed(56112);
}, 60_000);
afterAll(() => bed?.stop());

async function signedIn(email: string, password: string) {
  const client = bed.client();
  const { data, error } = await client.auth.signInWithPassword({ email, password });
  expect(error).toBeNull();
  return { client, session: data.session! };
}
const sessionCount = async (userId: string) => Number((await bed.db.query('select count(*) from auth.sessions where user_id = $1', [userId])).rows[0].count);

describe('getUser', () => {
  it('returns the user of the access token in the GoTrue shape', async () => {
    const id = await bed.createUser('gina@example.test', 'secret123');
    const { client } = await signedIn('gina@example.test', 'secret123');
    const { data, error } = await client.auth.getUser();
    expect(error).toBeNull();
    expect(data.user).toMatchObject({
      id,
      aud: 'authenticated',
      role: 'authenticated',
      email: 'gina@example.test',
      phone: '',
      app_metadata: { provider: 'email', providers: ['email'] },
      user_metadata: {},
      is_anonymous: false,
    });
    expect(data.user!.confirmed_at).toBe(data.user!.email_confirmed_at);
    expect(data.user!.identities).toHaveLength(1);
    expect(data.user!.identities![0]).toMatchObject({ identity_id: expect.any(String), id, user_id: id, provider: 'email', email: 'gina@example.test' });
    expect(data.user).not.toHaveProperty('encrypted_password');
    expect(data.user).not.toHaveProperty('invited_at');
  });

  it('follows the bearer rules: none 401, bad 403, unknown user 403, ended session 403', async () => {
    const noToken = await bed.request('/auth/v1/user');
    expect(noToken.status).toBe(401);
    expect(await noToken.json()).toEqual({ code: 'no_authorization', message: 'This endpoint requires a valid Bearer token' });

    const bad = await bed.request('/auth/v1/user', { headers: { authorization: 'Bearer not.a.jwt' } });
    expect(bad.status).toBe(403);
    expect((await bad.json()).code).toBe('bad_jwt');

    const expired = await bed.keys.sign({ sub: crypto.randomUUID(), aud: 'authenticated', role: 'authenticated' }, -120);
    const expiredRes = await bed.request('/auth/v1/user', { headers: { authorization: `Bearer ${expired}` } });
    expect(expiredRes.status).toBe(403);
    expect((await expiredRes.json()).message).toMatch(/^invalid JWT: unable to parse or verify signature, .*expired/);

    const ghost = await bed.keys.sign({ sub: crypto.randomUUID(), aud: 'authenticated', role: 'authenticated' }, 60);
    const ghostRes = await bed.request('/auth/v1/user', { headers: { authorization: `Bearer ${ghost}` } });
    expect(ghostRes.status).toBe(403);
    expect(await ghostRes.json()).toEqual({ code: 'user_not_found', message: 'User from sub claim in JWT does not exist' });

    await bed.createUser('hal@example.test', 'secret123');
    const { client, session } = await signedIn('hal@example.test', 'secret123');
    await bed.db.query('delete from auth.sessions where id = $1', [decodeJwt(session.access_token).session_id]);
    const ended = await bed.request('/auth/v1/user', { headers: { authorization: `Bearer ${session.access_token}` } });
    expect(ended.status).toBe(403);
    expect(await ended.json()).toEqual({ code: 'session_not_found', message: 'Session from session_id claim in JWT does not exist' });
    // supabase-js turns session_not_found into AuthSessionMissingError and drops its session.
    const viaClient = await client.auth.getUser();
    expect(viaClient.error?.name).toBe('AuthSessionMissingError');
  });
});

describe('updateUser', () => {
  it('refuses a weak password with the reasons auth-js reads', async () => {
    await bed.createUser('ivy@example.test', 'secret123');
    const { client } = await signedIn('ivy@example.test', 'secret123');
    const { error } = await client.auth.updateUser({ password: '12345' });
    expect(error).toMatchObject({ name: 'AuthWeakPasswordError', status: 422, code: 'weak_password', reasons: ['length'] });
    expect(error!.message).toBe('Password should be at least 6 characters.');
  });

  it('refuses the current password as the new one', async () => {
    await bed.createUser('jon@example.test', 'secret123');
    const { client } = await signedIn('jon@example.test', 'secret123');
    const { error } = await client.auth.updateUser({ password: 'secret123' });
    expect(error).toMatchObject({ status: 422, code: 'same_password', message: 'New password should be different from the old password.' });
  });

  it('changes the password, keeps this session and ends all others', async () => {
    const id = await bed.createUser('kim@example.test', 'secret123');
    const other = await signedIn('kim@example.test', 'secret123');
    const me = await signedIn('kim@example.test', 'secret123');
    expect(await sessionCount(id)).toBe(2);
    const { data, error } = await me.client.auth.updateUser({ password: 'new-secret' });
    expect(error).toBeNull();
    expect(data.user!.id).toBe(id);
    expect(await sessionCount(id)).toBe(1);
    expect((await me.client.auth.getUser()).error).toBeNull();
    expect((await other.client.auth.getUser()).error?.name).toBe('AuthSessionMissingError');
    expect((await bed.client().auth.signInWithPassword({ email: 'kim@example.test', password: 'secret123' })).error?.code).toBe('invalid_credentials');
    expect((await bed.client().auth.signInWithPassword({ email: 'kim@example.test', password: 'new-secret' })).error).toBeNull();
  });

  it('merges data into user_metadata; null removes a key', async () => {
    await bed.createUser('lea@example.test', 'secret123');
    const { client } = await signedIn('lea@example.test', 'secret123');
    await client.auth.updateUser({ data: { display_name: 'Lea', language: 'de' } });
    const { data } = await client.auth.updateUser({ data: { language: null, theme: 'dark' } });
    expect(data.user!.user_metadata).toEqual({ display_name: 'Lea', theme: 'dark' });
  });

  it('says plainly that e-mail changes are not supported here', async () => {
    await bed.createUser('max@example.test', 'secret123');
    const { client } = await signedIn('max@example.test', 'secret123');
    const { error } = await client.auth.updateUser({ email: 'other@example.test' });
    expect(error).toMatchObject({ status: 422, code: 'validation_failed' });
    expect(error!.message).toMatch(/not supported by the local Auth stand-in/);
  });
});

describe('signOut', () => {
  async function threeSessions(email: string) {
    const id = await bed.createUser(email, 'secret123');
    const sessions = [await signedIn(email, 'secret123'), await signedIn(email, 'secret123'), await signedIn(email, 'secret123')];
    return { id, sessions };
  }

  it('local ends only the current session', async () => {
    const { id, sessions } = await threeSessions('ned@example.test');
    const res = await bed.request('/auth/v1/logout?scope=local', { method: 'POST', headers: { authorization: `Bearer ${sessions[0].session.access_token}` } });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    expect(await sessionCount(id)).toBe(2);
  });

  it('others ends all but the current session', async () => {
    const { id, sessions } = await threeSessions('ola@example.test');
    expect((await sessions[0].client.auth.signOut({ scope: 'others' })).error).toBeNull();
    expect(await sessionCount(id)).toBe(1);
    expect((await sessions[0].client.auth.getUser()).error).toBeNull();
  });

  it('global (the default) ends every session', async () => {
    const { id, sessions } = await threeSessions('pia@example.test');
    expect((await sessions[1].client.auth.signOut()).error).toBeNull();
    expect(await sessionCount(id)).toBe(0);
    expect((await sessions[1].client.auth.getSession()).data.session).toBeNull();
  });

  it('refuses an unknown scope', async () => {
    const { sessions } = await threeSessions('quin@example.test');
    const res = await bed.request('/auth/v1/logout?scope=everywhere', { method: 'POST', headers: { authorization: `Bearer ${sessions[0].session.access_token}` } });
    expect(res.status).toBe(400);
    expect((await res.json()).code).toBe('validation_failed');
  });
});
