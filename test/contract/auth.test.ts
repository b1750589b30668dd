// Every Supabase Auth call the app and the Worker make, with the shapes real Supabase Auth answers.
// Runs against the local stand-in, or a real Supabase when SUPABASE_URL and keys are set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient, serviceClient, signIn } from '../support/clients.ts';
import { closeAdminPool } from '../support/sql.ts';
import { stack } from '../support/stack-info.ts';
import { createPerson, TEST_PASSWORD, type Person } from '../support/world.ts';

let person: Person;
beforeAll(async () => {
  person = await createPerson('contract-auth');
});
afterAll(closeAdminPool);

describe('signInWithPassword', () => {
  it('returns a session with a bearer access token carrying Supabase claims', async () => {
    const { data, error } = await anonClient().auth.signInWithPassword({ email: person.email, password: TEST_PASSWORD });
    expect(error).toBeNull();
    expect(data.session).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
    expect(data.session!.refresh_token).toEqual(expect.any(String));
    expect(data.user).toMatchObject({ id: person.id, email: person.email, aud: 'authenticated', role: 'authenticated' });
    const [header, payload] = data.session!.access_token.split('.').slice(0, 2).map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()));
    expect(header).toMatchObject({ alg: 'ES256', typ: 'JWT', kid: expect.any(String) });
    expect(payload).toMatchObject({ sub: person.id, aud: 'authenticated', role: 'authenticated', email: person.email, session_id: expect.any(String), aal: 'aal1', is_anonymous: false });
    expect(payload.exp - payload.iat).toBe(3600);
  });

  it.each([
    ['a wrong password', () => ({ email: person.email, password: 'wrong-password' })],
    ['an unknown address', () => ({ email: `nobody-${Date.now()}@test.example`, password: TEST_PASSWORD })],
  ])('answers invalid_credentials (400) for %s', async (_label, creds) => {
    const { data, error } = await anonClient().auth.signInWithPassword(creds());
    expect(data.session).toBeNull();
    expect(error).toMatchObject({ status: 400, code: 'invalid_credentials', message: 'Invalid login credentials' });
  });
});

describe('sessions', () => {
  it('refreshSession rotates the refresh token and keeps the session', async () => {
    const { client } = await signIn(person.email, TEST_PASSWORD);
    const before = (await client.auth.getSession()).data.session!;
    const { data, error } = await client.auth.refreshSession();
    expect(error).toBeNull();
    expect(data.session!.refresh_token).not.toBe(before.refresh_token);
    const sid = (t: string) => JSON.parse(Buffer.from(t.split('.')[1], 'base64url').toString()).session_id;
    expect(sid(data.session!.access_token)).toBe(sid(before.access_token));
  });

  it('getUser answers the signed-in user; after signOut the refresh token is dead', async () => {
    const { client } = await signIn(person.email, TEST_PASSWORD);
    const { data } = await client.auth.getUser();
    expect(data.user?.id).toBe(person.id);
    const refreshToken = (await client.auth.getSession()).data.session!.refresh_token;
    expect((await client.auth.signOut()).error).toBeNull();
    const { error } = await anonClient().auth.refreshSession({ refresh_token: refreshToken });
    expect(error).toMatchObject({ status: 400, code: 'refresh_token_not_found' });
  });
});

describe('updateUser (new password)', () => {
  it('refuses a weak password (422 weak_password) and the same password (422 same_password)', async () => {
    const { client } = await signIn(person.email, TEST_PASSWORD);
    const weak = await client.auth.updateUser({ password: '123' });
    expect(weak.error).toMatchObject({ status: 422, code: 'weak_password' });
    const same = await client.auth.updateUser({ password: TEST_PASSWORD });
    expect(same.error).toMatchObject({ status: 422, code: 'same_password' });
  });

  it('sets a new password that then signs in', async () => {
    const p = await createPerson('contract-newpw');
    const { client } = await signIn(p.email, TEST_PASSWORD);
    const { error } = await client.auth.updateUser({ password: 'a-brand-new-password' });
    expect(error).toBeNull();
    const again = await anonClient().auth.signInWithPassword({ email: p.email, password: 'a-brand-new-password' });
    expect(again.error).toBeNull();
  });
});

describe('resetPasswordForEmail and verifyOtp', () => {
  it('answers a known and an unknown address identically', async () => {
    const known = await anonClient().auth.resetPasswordForEmail((await createPerson('contract-reset')).email, { redirectTo: 'http://127.0.0.1:5173/reset-password' });
    const unknown = await anonClient().auth.resetPasswordForEmail(`unknown-${Date.now()}@test.example`, { redirectTo: 'http://127.0.0.1:5173/reset-password' });
    expect(known).toEqual({ data: {}, error: null });
    expect(unknown).toEqual({ data: {}, error: null });
  });

  it('a recovery link (generateLink) verified with token_hash gives a session; a second use is refused', async () => {
    const p = await createPerson('contract-recovery');
    const { data, error } = await serviceClient().auth.admin.generateLink({ type: 'recovery', email: p.email });
    expect(error).toBeNull();
    expect(data.properties).toMatchObject({ hashed_token: expect.any(String), verification_type: 'recovery', action_link: expect.stringContaining('type=recovery') });
    const verified = await anonClient().auth.verifyOtp({ token_hash: data.properties!.hashed_token, type: 'recovery' });
    expect(verified.error).toBeNull();
    expect(verified.data.user?.id).toBe(p.id);
    const reused = await anonClient().auth.verifyOtp({ token_hash: data.properties!.hashed_token, type: 'recovery' });
    expect(reused.error).toMatchObject({ status: 403, code: 'otp_expired' });
  });

  it('an invite link creates the user, verifying it signs them in and a password can be set', async () => {
    const email = `contract-invitee-${Date.now()}@test.example`;
    const { data, error } = await serviceClient().auth.admin.generateLink({ type: 'invite', email, options: { redirectTo: 'http://127.0.0.1:5173/invitations/accept' } });
    expect(error).toBeNull();
    expect(data.user?.email).toBe(email);
    const client = anonClient();
    const verified = await client.auth.verifyOtp({ token_hash: data.properties!.hashed_token, type: 'invite' });
    expect(verified.error).toBeNull();
    expect((await client.auth.updateUser({ password: 'invitee-password' })).error).toBeNull();
    expect((await anonClient().auth.signInWithPassword({ email, password: 'invitee-password' })).error).toBeNull();
  });

  it('invite for an address with a confirmed account is refused with email_exists; magiclink works instead', async () => {
    const p = await createPerson('contract-existing');
    const invite = await serviceClient().auth.admin.generateLink({ type: 'invite', email: p.email });
    expect(invite.error).toMatchObject({ status: 422, code: 'email_exists' });
    const magic = await serviceClient().auth.admin.generateLink({ type: 'magiclink', email: p.email });
    expect(magic.error).toBeNull();
    const verified = await anonClient().auth.verifyOtp({ token_hash: magic.data.properties!.hashed_token, type: 'magiclink' });
    expect(verified.data.user?.id).toBe(p.id);
  });

  it('an unknown token_hash is otp_expired (403)', async () => {
    const { error } = await anonClient().auth.verifyOtp({ token_hash: 'f'.repeat(56), type: 'recovery' });
    expect(error).toMatchObject({ status: 403, code: 'otp_expired' });
  });

  it('admin calls need the service key (not_admin 403 for a user token)', async () => {
    const { accessToken } = await signIn(person.email, TEST_PASSWORD);
    const res = await fetch(`${stack().supabaseUrl}/auth/v1/admin/generate_link`, {
      method: 'POST',
      // with the API version header GoTrue answers in the current error shape, as auth-js asks for it
      headers: { apikey: stack().anonKey, Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json', 'X-Supabase-Api-Version': '2024-01-01' },
      body: JSON.stringify({ type: 'magiclink', email: person.email }),
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'not_admin' });
  });
});
