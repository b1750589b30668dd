// POST /recover and POST /verify ({token_hash, type}) for each e-mail link type, through supabase-js.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { createHash } from 'node:crypto';
import { type AuthTestBed, SITE_URL, startAuthTestBed } from './test-support.ts';

let bed: AuthTestBed;
beforeAll(async () => {
  bed = await startAuthTestBed(56113);
}, 60_000);
afterAll(() => bed?.stop());

const admin = () => bed.client('service_role').auth.admin;
const tokenRows = async (userId: string) => (await bed.db.query('select token_type from auth.one_time_tokens where user_id = $1', [userId])).rows;

describe('resetPasswordForEmail', () => {
  it('answers a known and an unknown address identically; only the known one gets a mail', async () => {
    const id = await bed.createUser('rae@example.test', 'secret123');
    const known = await bed.request('/auth/v1/recover', { method: 'POST', body: JSON.stringify({ email: 'rae@example.test' }) });
    const unknown = await bed.request('/auth/v1/recover', { method: 'POST', body: JSON.stringify({ email: 'nobody@example.test' }) });
    expect([known.status, unknown.status]).toEqual([200, 200]);
    expect(await known.json()).toEqual({});
    expect(await unknown.json()).toEqual({});
    const mails = bed.mails.filter((m) => m.to.includes('rae@example.test'));
    expect(mails).toHaveLength(1);
    expect(bed.mails.some((m) => m.to.includes('nobody@example.test'))).toBe(false);

    const mail = mails[0];
    expect(mail.subject).toBe('Reset your password');
    const hash = /token_hash=([0-9a-f]{56})&type=recovery/.exec(mail.text)![1];
    expect(mail.text).toContain(`${SITE_URL}/reset-password?token_hash=${hash}&type=recovery`);
    // rendered from supabase/templates/recovery.html, whose link is written as {{ .RedirectTo }}?token_hash=…&type=recovery
    expect(mail.html).toContain(`href="${SITE_URL}/reset-password?token_hash=${hash}&type=recovery"`);
    const otp = /code: (\d{6})/.exec(mail.text)![1];
    expect(hash).toBe(createHash('sha224').update('rae@example.test' + otp).digest('hex'));
    const row = (await bed.db.query('select recovery_token, recovery_sent_at from auth.users where id = $1', [id])).rows[0];
    expect(row.recovery_token).toBe(hash);
    expect(row.recovery_sent_at).toBeInstanceOf(Date);
    expect(await tokenRows(id)).toEqual([{ token_type: 'recovery_token' }]);
  });

  it('limits a known address to one mail a minute (429), never an unknown one', async () => {
    await bed.createUser('sam@example.test', 'secret123');
    const c = bed.client();
    expect((await c.auth.resetPasswordForEmail('sam@example.test')).error).toBeNull();
    const { error } = await c.auth.resetPasswordForEmail('sam@example.test');
    expect(error).toMatchObject({ status: 429, code: 'over_email_send_rate_limit' });
    expect(error!.message).toMatch(/^For security purposes, you can only request this after (59|60) seconds\.$/);
    expect((await c.auth.resetPasswordForEmail('ghost@example.test')).error).toBeNull();
    expect((await c.auth.resetPasswordForEmail('ghost@example.test')).error).toBeNull();
  });

  it('links to an allowed redirect_to and ignores a foreign one', async () => {
    await bed.createUser('tom@example.test', 'secret123');
    await bed.createUser('uma@example.test', 'secret123');
    await bed.client().auth.resetPasswordForEmail('tom@example.test', { redirectTo: `${SITE_URL}/account/password` });
    await bed.client().auth.resetPasswordForEmail('uma@example.test', { redirectTo: 'https://evil.example/steal' });
    expect(bed.mails.find((m) => m.to.includes('tom@example.test'))!.text).toContain(`${SITE_URL}/account/password?token_hash=`);
    const uma = bed.mails.find((m) => m.to.includes('uma@example.test'))!;
    expect(uma.text).toContain(`${SITE_URL}/reset-password?token_hash=`);
    expect(uma.text + uma.html).not.toContain('evil.example');
  });

  it('refuses a missing or malformed address', async () => {
    const { error } = await bed.client().auth.resetPasswordForEmail('not-an-address');
    expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
  });
});

describe('verifyOtp({ token_hash, type })', () => {
  it('recovery: signs in (amr otp), clears the token, so the new password can be set', async () => {
    const id = await bed.createUser('val@example.test', 'secret123');
    await bed.client().auth.resetPasswordForEmail('val@example.test');
    const hash = /token_hash=([0-9a-f]+)/.exec(bed.mails.find((m) => m.to.includes('val@example.test'))!.text)![1];
    const client = bed.client();
    const { data, error } = await client.auth.verifyOtp({ token_hash: hash, type: 'recovery' });
    expect(error).toBeNull();
    expect(data.user!.id).toBe(id);
    expect(decodeJwt(data.session!.access_token).amr).toEqual([{ method: 'otp', timestamp: expect.any(Number) }]);
    expect(await tokenRows(id)).toEqual([]);
    expect((await bed.db.query('select recovery_token from auth.users where id = $1', [id])).rows[0].recovery_token).toBe('');
    expect((await client.auth.updateUser({ password: 'brand-new' })).error).toBeNull();
    // spent: the same link does not work twice
    expect((await bed.client().auth.verifyOtp({ token_hash: hash, type: 'recovery' })).error).toMatchObject({
      status: 403,
      code: 'otp_expired',
      message: 'Email link is invalid or has expired',
    });
  });

  it('refuses unknown and expired links with 403 otp_expired', async () => {
    expect((await bed.client().auth.verifyOtp({ token_hash: 'f'.repeat(56), type: 'magiclink' })).error).toMatchObject({ status: 403, code: 'otp_expired' });
    const { data } = await admin().generateLink({ type: 'magiclink', email: 'old@example.test' });
    await bed.db.query(`update auth.users set confirmation_sent_at = now() - interval '25 hours' where id = $1`, [data.user!.id]);
    expect((await bed.client().auth.verifyOtp({ token_hash: data.properties!.hashed_token, type: 'signup' })).error).toMatchObject({ status: 403, code: 'otp_expired' });
  });

  it('invite: confirms the address, marks it verified and signs in', async () => {
    const { data } = await admin().generateLink({ type: 'invite', email: 'wes@example.test', options: { data: { invited_by: 'ops' } } });
    expect(data.user!.invited_at).toBeTruthy();
    expect(data.user!.email_confirmed_at).toBeUndefined();
    const res = await bed.client().auth.verifyOtp({ token_hash: data.properties!.hashed_token, type: 'invite' });
    expect(res.error).toBeNull();
    expect(res.data.user).toMatchObject({ id: data.user!.id, user_metadata: { invited_by: 'ops', email_verified: true } });
    expect(res.data.user!.email_confirmed_at).toBeTruthy();
    expect(res.data.user!.identities![0].identity_data).toMatchObject({ email_verified: true });
    expect(await tokenRows(data.user!.id)).toEqual([]);
  });

  it('magiclink for an existing user signs in and keeps the password', async () => {
    await bed.createUser('xia@example.test', 'secret123');
    const { data } = await admin().generateLink({ type: 'magiclink', email: 'xia@example.test' });
    expect(data.properties!.verification_type).toBe('magiclink');
    const res = await bed.client().auth.verifyOtp({ token_hash: data.properties!.hashed_token, type: 'magiclink' });
    expect(res.error).toBeNull();
    expect(res.data.session!.user.email).toBe('xia@example.test');
    expect((await bed.client().auth.signInWithPassword({ email: 'xia@example.test', password: 'secret123' })).error).toBeNull();
  });

  it('signup: confirms a user created by a signup link', async () => {
    const { data } = await admin().generateLink({ type: 'signup', email: 'yan@example.test', password: 'secret123' });
    expect((await bed.client().auth.signInWithPassword({ email: 'yan@example.test', password: 'secret123' })).error?.code).toBe('email_not_confirmed');
    const res = await bed.client().auth.verifyOtp({ token_hash: data.properties!.hashed_token, type: 'signup' });
    expect(res.error).toBeNull();
    expect((await bed.client().auth.signInWithPassword({ email: 'yan@example.test', password: 'secret123' })).error).toBeNull();
  });

  it('email: accepts either kind of token', async () => {
    const { data } = await admin().generateLink({ type: 'invite', email: 'zoe@example.test' });
    const res = await bed.client().auth.verifyOtp({ token_hash: data.properties!.hashed_token, type: 'email' });
    expect(res.error).toBeNull();
    expect(res.data.user!.email_confirmed_at).toBeTruthy();
  });

  it('the {email, token} form checks the six-digit code', async () => {
    const { data } = await admin().generateLink({ type: 'invite', email: 'abe@example.test' });
    const wrong = await bed.client().auth.verifyOtp({ email: 'abe@example.test', token: '000000' === data.properties!.email_otp ? '111111' : '000000', type: 'email' });
    expect(wrong.error).toMatchObject({ status: 403, code: 'otp_expired', message: 'Token has expired or is invalid' });
    const right = await bed.client().auth.verifyOtp({ email: 'abe@example.test', token: data.properties!.email_otp, type: 'invite' });
    expect(right.error).toBeNull();
  });

  it('refuses an unsupported type', async () => {
    const res = await bed.request('/auth/v1/verify', { method: 'POST', body: JSON.stringify({ type: 'sms', token_hash: 'abc' }) });
    expect(res.status).toBe(400);
    expect((await res.json()).code).toBe('validation_failed');
  });
});
