import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../app';
import { ANON_KEY, MAILBOX_URL, testEnv } from '../testing/env';
import { fakeFetch, json, readJson, type Handler } from '../testing/fake-fetch';
import { createTestKey, signAccessToken, SUPABASE_URL, USER_EMAIL, USER_ID, type TestKey } from '../testing/keys';

const ACCOUNT_ID = '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed';
const NEW_ID = '2c0e7cde-ccfe-4c3e-8c6e-bc9efccd5cfe';
const RPC = `${SUPABASE_URL}/rest/v1/rpc/set_contact_person`;
const ACCOUNTS = `${SUPABASE_URL}/rest/v1/customer_accounts`;
const PROFILES = `${SUPABASE_URL}/rest/v1/profiles`;
const JWKS = `${SUPABASE_URL}/auth/v1/.well-known/jwks.json`;
const MAILBOX = `${MAILBOX_URL}/api/messages`;
const CLAIM = `${SUPABASE_URL}/rest/v1/rpc/claim_email_batch`;
const MARK_SENT = `${SUPABASE_URL}/rest/v1/rpc/mark_email_sent`;
const MARK_FAILED = `${SUPABASE_URL}/rest/v1/rpc/mark_email_failed`;

/** The notices set_contact_person's trigger wrote into the outbox, as claim_email_batch hands them out. */
const notice = (id: string, to: string, language: string, recipient: string, recipientName: string) => ({
  id,
  template: 'contact_person_changed',
  to_email: to,
  language,
  payload: {
    recipient,
    recipient_name: recipientName,
    account_number: 'CN-1001',
    company_name: 'Alpha Shop GmbH',
    person_email: 'ben@example.com',
    person_name: 'Ben Becker',
    actor_email: USER_EMAIL,
    actor_name: 'Anna Albrecht',
  },
  idempotency_key: `contact_person_changed:e:${id}`,
  attempts: 1,
});
const claimed = [
  notice('00000000-0000-4000-8000-000000000001', 'ben@example.com', 'en', 'new', 'Ben Becker'),
  notice('00000000-0000-4000-8000-000000000002', USER_EMAIL, 'de', 'previous', 'Anna Albrecht'),
];

let key: TestKey;
let token: string;
beforeAll(async () => {
  key = await createTestKey();
  token = await signAccessToken(key);
});
beforeEach(() => {
  vi.restoreAllMocks();
  vi.spyOn(console, 'error').mockImplementation(() => {});
});

const people = [
  { id: USER_ID, email: USER_EMAIL, display_name: 'Anna Albrecht', language: 'de' },
  { id: NEW_ID, email: 'ben@example.com', display_name: 'Ben Becker', language: 'en' },
];

function stack(routes: Record<string, Handler> = {}) {
  return fakeFetch({
    [`GET ${JWKS}`]: () => json({ keys: [key.jwk] }),
    [`POST ${RPC}`]: () => json([{ account_id: ACCOUNT_ID, previous_contact_id: USER_ID, contact_person_id: NEW_ID }]),
    [`GET ${ACCOUNTS}`]: () => json({ customer_number: 'CN-1001', company_name: 'Alpha Shop GmbH' }),
    [`GET ${PROFILES}`]: () => json(people),
    [`POST ${MAILBOX}`]: () => json({ id: 'm1' }, 201),
    [`POST ${CLAIM}`]: () => json(claimed),
    [`POST ${MARK_SENT}`]: () => json(null),
    [`POST ${MARK_FAILED}`]: () => json(null),
    ...routes,
  });
}

const post = (upstream: ReturnType<typeof stack>, body: unknown, accountId = ACCOUNT_ID, headers: Record<string, string> = {}) =>
  createApp({ fetch: upstream.fetch }).request(
    `/api/accounts/${accountId}/contact-person`,
    { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) },
    testEnv(),
  );
const mails = (upstream: ReturnType<typeof stack>) => upstream.to('POST', MAILBOX).map((r) => JSON.parse(r.body) as { to: string; subject: string; text: string });

describe('POST /api/accounts/:accountId/contact-person', () => {
  it('changes the contact person with the caller\'s JWT and delivers the notices the database wrote (new and previous contact person)', async () => {
    const upstream = stack();
    const res = await post(upstream, { userId: NEW_ID.toUpperCase() });
    expect(res.status).toBe(200);
    expect(await readJson(res)).toEqual({
      accountId: ACCOUNT_ID,
      previousContactId: USER_ID,
      contactPersonId: NEW_ID,
      changed: true,
      notified: ['ben@example.com', USER_EMAIL],
    });
    const [rpc] = upstream.to('POST', RPC);
    expect(JSON.parse(rpc!.body)).toEqual({ p_account_id: ACCOUNT_ID, p_user_id: NEW_ID });
    expect(rpc!.headers.get('Authorization')).toBe(`Bearer ${token}`);
    expect(rpc!.headers.get('apikey')).toBe(ANON_KEY);
    const [toNew, toPrevious] = mails(upstream);
    expect(toNew).toMatchObject({ to: 'ben@example.com', subject: 'You are now the contact person for CN-1001 – Example Hosting' });
    expect(toNew!.text).toContain('Anna Albrecht has made you the contact person of customer account CN-1001 (Alpha Shop GmbH)');
    expect(toPrevious).toMatchObject({ to: USER_EMAIL, subject: 'Neuer Ansprechpartner für CN-1001 – Example Hosting' });
    expect(toPrevious!.text).toContain('Anna Albrecht hat Ben Becker als neuen Ansprechpartner');
    expect(JSON.parse(upstream.to('POST', CLAIM)[0]!.body)).toEqual({ p_limit: 20, p_caused_by: USER_ID });
    expect(upstream.to('POST', MARK_SENT)).toHaveLength(2);
  });

  it('choosing the current contact person again changes nothing and mails nobody', async () => {
    const upstream = stack({ [`POST ${RPC}`]: () => json([{ account_id: ACCOUNT_ID, previous_contact_id: NEW_ID, contact_person_id: NEW_ID }]) });
    const res = await post(upstream, { userId: NEW_ID });
    expect(await readJson(res)).toMatchObject({ changed: false, notified: [] });
    expect(mails(upstream)).toEqual([]);
  });

  it('passes the database refusals on: 403 not_allowed, 400 contact_not_manager; no mail', async () => {
    const refused = stack({ [`POST ${RPC}`]: () => json({ code: '42501', message: 'not_allowed', details: 'Only managers…', hint: null }, 403) });
    const res = await post(refused, { userId: NEW_ID });
    expect(res.status).toBe(403);
    expect((await readJson(res)).error.code).toBe('not_allowed');
    expect(mails(refused)).toEqual([]);

    const notManager = stack({ [`POST ${RPC}`]: () => json({ code: 'P0001', message: 'contact_not_manager', details: 'The contact person must be a manager of this customer account.', hint: null }, 400) });
    const res2 = await post(notManager, { userId: NEW_ID });
    expect(res2.status).toBe(400);
    expect(await readJson(res2)).toEqual({ error: { code: 'contact_not_manager', message: 'The contact person must be a manager of this customer account.' } });
    expect(mails(notManager)).toEqual([]);
  });

  it('stays 200 when a notice cannot be sent, says whom it reached, and leaves the other marked failed for a retry', async () => {
    let n = 0;
    const upstream = stack({ [`POST ${MAILBOX}`]: () => (n++ === 0 ? json({ error: 'down' }, 503) : json({ id: 'm' }, 201)) });
    const res = await post(upstream, { userId: NEW_ID });
    expect(res.status).toBe(200);
    expect((await readJson(res)).notified).toEqual([USER_EMAIL]);
    expect(JSON.parse(upstream.to('POST', MARK_FAILED)[0]!.body)).toMatchObject({ p_id: claimed[0]!.id });
  });

  it.each([
    ['a non-UUID user', { userId: 'ben' }],
    ['a missing user', {}],
    ['an extra field', { userId: NEW_ID, contact: 'x' }],
    ['an array', [NEW_ID]],
  ])('answers %s with 400 before calling the database', async (_label, body) => {
    const upstream = stack();
    const res = await post(upstream, body);
    expect(res.status).toBe(400);
    expect((await readJson(res)).error.code).toBe('validation_failed');
    expect(upstream.to('POST', RPC)).toHaveLength(0);
  });

  it('answers a non-UUID account in the path with 400 and no token with 401', async () => {
    const upstream = stack();
    expect((await post(upstream, { userId: NEW_ID }, 'CN-1001')).status).toBe(400);
    const res = await createApp({ fetch: upstream.fetch }).request(
      `/api/accounts/${ACCOUNT_ID}/contact-person`,
      { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ userId: NEW_ID }) },
      testEnv(),
    );
    expect(res.status).toBe(401);
    expect(upstream.to('POST', RPC)).toHaveLength(0);
  });
});
