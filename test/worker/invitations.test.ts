// The Worker's invitation endpoint against the real local stack: the caller's JWT decides, refused requests
// store nothing and send nothing, and a good one ends in the mailbox with a working link.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../worker/src/app.ts';
import { signIn } from '../support/clients.ts';
import { adminPool, closeAdminPool } from '../support/sql.ts';
import { stack } from '../support/stack-info.ts';
import { createPerson, createWorld, TEST_PASSWORD, type World } from '../support/world.ts';
import { workerEnv } from '../support/worker-env.ts';

let w: World;
let managerToken: string;
let adminToken: string;
let otherManagerToken: string;
const app = createApp();
const env = () => workerEnv();

beforeAll(async () => {
  w = await createWorld();
  [managerToken, adminToken, otherManagerToken] = await Promise.all(
    [w.manager, w.adminOne, w.otherManager].map(async (p) => (await signIn(p.email, TEST_PASSWORD)).accessToken),
  );
});
afterAll(closeAdminPool);

const post = (token: string | null, body: unknown) =>
  app.request(
    '/api/invitations',
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    },
    env(),
  );
const mailsTo = async (address: string) =>
  (await (await fetch(`${stack().mailboxUrl}/api/messages?to=${encodeURIComponent(address)}`)).json()) as { subject: string; text: string; html: string }[];
const invitationsFor = async (address: string) =>
  (await adminPool().query('select role, account_id, cluster_id from public.invitations where email = $1', [address])).rows;
const authUserExists = async (address: string) =>
  ((await adminPool().query('select 1 from auth.users where lower(email) = $1', [address])).rowCount ?? 0) > 0;

let address: string;
beforeEach(() => {
  address = `worker-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
});

describe('POST /api/invitations', () => {
  it('a manager invites an administrator to a cluster: 201, stored, mailed with a link into the SPA', async () => {
    const res = await post(managerToken, { role: 'administrator', targetId: w.a1.id, email: address });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { invitation: { id: string; email: string; role: string } };
    expect(body.invitation).toMatchObject({ email: address, role: 'administrator' });
    expect(await invitationsFor(address)).toEqual([{ role: 'administrator', account_id: null, cluster_id: w.a1.id }]);
    const mails = await mailsTo(address);
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain(w.a1.clusterNumber);
    const link = new URL(/http:\/\/app\.test\/invitations\/accept\?[^\s"<]+/.exec(mails[0].text)![0]);
    expect(link.searchParams.get('token')).toMatch(/^[0-9a-f]{64}$/);
    expect(link.searchParams.get('type')).toBe('invite');
    expect(link.searchParams.get('token_hash')).toEqual(expect.any(String));
  });

  it('an existing user gets a sign-in (magiclink) link instead of a signup', async () => {
    const existing = await createPerson('worker-existing');
    const res = await post(managerToken, { role: 'manager', targetId: w.accountA.id, email: existing.email });
    expect(res.status).toBe(201);
    const [mail] = await mailsTo(existing.email);
    expect(mail.text).toContain('type=magiclink');
  });

  it.each([
    ['an administrator of the cluster', () => adminToken, 'administrator', () => w.a1.id],
    ['an administrator (manager invite)', () => adminToken, 'manager', () => w.accountA.id],
    ['a manager of another account', () => otherManagerToken, 'administrator', () => w.a1.id],
    ['a manager of another account (manager invite)', () => otherManagerToken, 'manager', () => w.accountA.id],
  ])('refuses %s with 403: nothing stored, no Auth user, no mail', async (_label, token, role, target) => {
    const res = await post(token(), { role, targetId: target(), email: address });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: { code: 'not_allowed', message: expect.any(String) } });
    expect(await invitationsFor(address)).toEqual([]);
    expect(await authUserExists(address)).toBe(false);
    expect(await mailsTo(address)).toEqual([]);
  });

  it.each([
    ['no token', null],
    ['a garbage token', 'not-a-jwt'],
    ['the anon key', 'ANON'],
  ])('refuses %s with 401 JSON and does nothing', async (_label, token) => {
    const res = await post(token === 'ANON' ? stack().anonKey : token, { role: 'administrator', targetId: w.a1.id, email: address });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toEqual(expect.any(String));
    expect(await invitationsFor(address)).toEqual([]);
    expect(await mailsTo(address)).toEqual([]);
  });

  it('a manager removed after signing in is refused at once, although the token is still valid', async () => {
    const leaver = await createPerson('worker-leaver');
    await adminPool().query('insert into public.account_managers (account_id, user_id) values ($1, $2)', [w.accountB.id, leaver.id]);
    const { accessToken } = await signIn(leaver.email, TEST_PASSWORD);
    expect((await post(accessToken, { role: 'administrator', targetId: w.b1.id, email: address })).status).toBe(201);
    await adminPool().query('delete from public.account_managers where account_id = $1 and user_id = $2', [w.accountB.id, leaver.id]);
    const again = await post(accessToken, { role: 'administrator', targetId: w.b1.id, email: `again-${address}` });
    expect(again.status).toBe(403);
  });

  it('the sixth invitation to one address within an hour is 429 with Retry-After, and sends no mail', async () => {
    for (let i = 0; i < 5; i++) expect((await post(managerToken, { role: 'administrator', targetId: w.a2.id, email: address })).status).toBe(201);
    const res = await post(managerToken, { role: 'administrator', targetId: w.a2.id, email: address });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(await res.json()).toEqual({ error: { code: 'rate_limited', message: expect.stringMatching(/Try again in \d+ seconds/) } });
    expect(await mailsTo(address)).toHaveLength(5);
  });

  it.each([
    ['a bad e-mail', () => ({ role: 'administrator', targetId: w.a1.id, email: 'not-an-address' })],
    ['an unknown role', () => ({ role: 'owner', targetId: w.a1.id, email: address })],
    ['a non-UUID target', () => ({ role: 'administrator', targetId: 'C-2001', email: address })],
    ['a missing field', () => ({ role: 'administrator', email: address })],
  ])('answers %s with 400 naming the problem, nothing stored', async (_label, body) => {
    const res = await post(managerToken, body());
    expect(res.status).toBe(400);
    const json = (await res.json()) as { error: { code: string; message: string } };
    expect(json.error.message.length).toBeGreaterThan(5);
    expect(await invitationsFor(address)).toEqual([]);
  });
});
