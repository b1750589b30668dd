// /admin/*: generateLink, createUser, listUsers, updateUserById, deleteUser with the service-role key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { type AuthTestBed, SITE_URL, SUPABASE_URL, startAuthTestBed } from './test-support.ts';

let bed: AuthTestBed;
beforeAll(async () => {
  bed = await startAuthTestBed(56114);
}, 60_000);
afterAll(() => bed?.stop());

const admin = () => bed.client('service_role').auth.admin;

describe('admin.generateLink', () => {
  it('invite creates the user and answers flat; auth-js splits it into properties and user', async () => {
    const raw = await bed.request('/auth/v1/admin/generate_link', {
      method: 'POST',
      headers: { authorization: `Bearer ${bed.keys.serviceRoleKey}` },
      body: JSON.stringify({ type: 'invite', email: 'Ann@Example.test' }),
    });
    expect(raw.status).toBe(200);
    const flat = await raw.json();
    expect(flat).toMatchObject({ email: 'ann@example.test', verification_type: 'invite', redirect_to: SITE_URL, aud: 'authenticated' });
    expect(flat.hashed_token).toBe(createHash('sha224').update('ann@example.test' + flat.email_otp).digest('hex'));
    expect(flat.email_otp).toMatch(/^\d{6}$/);
    expect(flat.action_link).toBe(`${SUPABASE_URL}/auth/v1/verify?token=${flat.hashed_token}&type=invite&redirect_to=${encodeURIComponent(SITE_URL)}`);

    const { data, error } = await admin().generateLink({ type: 'invite', email: 'bob@example.test', options: { redirectTo: `${SITE_URL}/invitations/accept` } });
    expect(error).toBeNull();
    expect(Object.keys(data.properties!).sort()).toEqual(['action_link', 'email_otp', 'hashed_token', 'redirect_to', 'verification_type']);
    expect(data.properties!.redirect_to).toBe(`${SITE_URL}/invitations/accept`);
    expect(data.user).toMatchObject({ email: 'bob@example.test', app_metadata: { provider: 'email', providers: ['email'] } });
    expect(data.user!.invited_at).toBeTruthy();
    expect(bed.mails).toHaveLength(0); // generate_link never sends mail
  });

  it('refuses invite and signup for a confirmed user with 422 email_exists; an unconfirmed one gets a new token', async () => {
    await bed.createUser('cat@example.test', 'secret123');
    for (const type of ['invite', 'signup'] as const) {
      const { error } = await admin().generateLink({ type, email: 'cat@example.test', password: 'secret123' });
      expect(error).toMatchObject({ status: 422, code: 'email_exists', message: 'A user with this email address has already been registered' });
    }
    const first = await admin().generateLink({ type: 'invite', email: 'dan@example.test' });
    const second = await admin().generateLink({ type: 'invite', email: 'dan@example.test' });
    expect(second.error).toBeNull();
    expect(second.data.user!.id).toBe(first.data.user!.id);
    expect(second.data.properties!.hashed_token).not.toBe(first.data.properties!.hashed_token);
  });

  it('turns magiclink for an absent user into signup', async () => {
    const { data, error } = await admin().generateLink({ type: 'magiclink', email: 'eve@example.test' });
    expect(error).toBeNull();
    expect(data.properties!.verification_type).toBe('signup');
    expect(data.user!.email).toBe('eve@example.test');
  });

  it('recovery needs an existing user (404 user_not_found)', async () => {
    const { error } = await admin().generateLink({ type: 'recovery', email: 'nobody@example.test' });
    expect(error).toMatchObject({ status: 404, code: 'user_not_found', message: 'User with this email not found' });
  });

  it('refuses a bad type (400) and non-admin keys (403 not_admin)', async () => {
    const bad = await bed.request('/auth/v1/admin/generate_link', {
      method: 'POST',
      headers: { authorization: `Bearer ${bed.keys.serviceRoleKey}` },
      body: JSON.stringify({ type: 'teleport', email: 'x@example.test' }),
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).code).toBe('validation_failed');
    const { error } = await bed.client('anon').auth.admin.generateLink({ type: 'invite', email: 'x@example.test' });
    expect(error).toMatchObject({ status: 403, code: 'not_admin' });
  });
});

describe('admin users', () => {
  it('createUser: 200, provider metadata merged with input, confirmed on request; duplicates 422', async () => {
    const { data, error } = await admin().createUser({
      email: 'fay@example.test',
      password: '1', // no strength check for administrators
      email_confirm: true,
      user_metadata: { display_name: 'Fay' },
      app_metadata: { tier: 'gold' },
    });
    expect(error).toBeNull();
    expect(data.user).toMatchObject({
      email: 'fay@example.test',
      role: 'authenticated',
      app_metadata: { provider: 'email', providers: ['email'], tier: 'gold' },
      user_metadata: { display_name: 'Fay', email_verified: true },
    });
    expect(data.user!.email_confirmed_at).toBeTruthy();
    expect((await bed.client().auth.signInWithPassword({ email: 'fay@example.test', password: '1' })).error).toBeNull();
    const dup = await admin().createUser({ email: 'FAY@example.test' });
    expect(dup.error).toMatchObject({ status: 422, code: 'email_exists' });
  });

  it('listUsers: newest first, pages, X-Total-Count and Link headers auth-js can parse', async () => {
    for (const n of [1, 2, 3]) await admin().createUser({ email: `page${n}@example.test` });
    const { data: all } = await admin().listUsers();
    const total = all.users.length;
    expect(total).toBeGreaterThanOrEqual(3);
    expect(all.users[0].email).toBe('page3@example.test');
    const { data, error } = await admin().listUsers({ page: 1, perPage: 2 });
    expect(error).toBeNull();
    expect(data.users).toHaveLength(2);
    expect(data).toMatchObject({ total, nextPage: 2, lastPage: Math.ceil(total / 2), aud: 'authenticated' });
    const res = await bed.request('/auth/v1/admin/users?page=1&per_page=2', { headers: { authorization: `Bearer ${bed.keys.serviceRoleKey}` } });
    expect(res.headers.get('x-total-count')).toBe(String(total));
    expect(res.headers.get('link')).toBe(
      `<${SUPABASE_URL}/auth/v1/admin/users?page=2&per_page=2>; rel="next", <${SUPABASE_URL}/auth/v1/admin/users?page=${Math.ceil(total / 2)}&per_page=2>; rel="last"`,
    );
    const badPage = await bed.request('/auth/v1/admin/users?page=zero', { headers: { authorization: `Bearer ${bed.keys.serviceRoleKey}` } });
    expect(badPage.status).toBe(400);
  });

  it('updateUserById: metadata merge, password with strength check ending all sessions, 404s', async () => {
    const id = await bed.createUser('gus@example.test', 'secret123');
    await bed.client().auth.signInWithPassword({ email: 'gus@example.test', password: 'secret123' });
    const weak = await admin().updateUserById(id, { password: '123' });
    expect(weak.error).toMatchObject({ status: 422, code: 'weak_password' });
    const { data, error } = await admin().updateUserById(id, { password: 'another1', user_metadata: { a: 1 }, app_metadata: { plan: 'x' } });
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ user_metadata: { a: 1 }, app_metadata: { provider: 'email', plan: 'x' } });
    expect(Number((await bed.db.query('select count(*) from auth.sessions where user_id = $1', [id])).rows[0].count)).toBe(0);
    expect((await admin().updateUserById(crypto.randomUUID(), { user_metadata: {} })).error).toMatchObject({ status: 404, code: 'user_not_found', message: 'User not found' });
    const notUuid = await bed.request('/auth/v1/admin/users/42', { method: 'PUT', headers: { authorization: `Bearer ${bed.keys.serviceRoleKey}` }, body: '{}' });
    expect(notUuid.status).toBe(404);
    expect((await notUuid.json()).code).toBe('validation_failed');
  });

  it('deleteUser: 200, the user and its sessions are gone', async () => {
    const id = await bed.createUser('hil@example.test', 'secret123');
    const { data: signIn } = await bed.client().auth.signInWithPassword({ email: 'hil@example.test', password: 'secret123' });
    const { error } = await admin().deleteUser(id);
    expect(error).toBeNull();
    expect((await bed.db.query('select 1 from auth.users where id = $1', [id])).rowCount).toBe(0);
    expect((await bed.db.query('select 1 from auth.identities where user_id = $1', [id])).rowCount).toBe(0);
    const res = await bed.request('/auth/v1/user', { headers: { authorization: `Bearer ${signIn.session!.access_token}` } });
    expect((await res.json()).code).toBe('user_not_found');
    expect((await admin().deleteUser(id)).error).toMatchObject({ status: 404, code: 'user_not_found' });
  });

  it('needs the service-role key', async () => {
    const none = await bed.request('/auth/v1/admin/users');
    expect(none.status).toBe(401);
    const anon = await bed.request('/auth/v1/admin/users', { headers: { authorization: `Bearer ${bed.keys.anonKey}` } });
    expect(anon.status).toBe(403);
    expect(await anon.json()).toEqual({ code: 'not_admin', message: 'User not allowed' });
  });
});

describe('JWKS', () => {
  it('publishes the ES256 public key without an apikey', async () => {
    const res = await bed.api.request(`${SUPABASE_URL}/auth/v1/.well-known/jwks.json`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ keys: [{ ...bed.keys.publicJwk }] });
  });
});
