import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../app';
import type { Bindings } from '../env';
import { ANON_KEY, MAILBOX_URL, SERVICE_KEY, SITE_URL, testEnv } from '../testing/env';
import { fakeFetch, json, readJson, type Handler, type RecordedRequest } from '../testing/fake-fetch';
import { createTestKey, signAccessToken, SUPABASE_URL, USER_EMAIL, USER_ID, type TestKey } from '../testing/keys';

const ACCOUNT_ID = '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed';
const CLUSTER_ID = '9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f';
const INVITATION_ID = '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f';
const INVITATION_TOKEN = 'inv_tok_ABC123';
const HASHED_TOKEN = 'hashed-0123456789abcdef';
const EXPIRES_AT = '2026-12-10T11:00:00+00:00';

const RPC = `${SUPABASE_URL}/rest/v1/rpc/create_invitation`;
const ACCOUNTS = `${SUPABASE_URL}/rest/v1/customer_accounts`;
const CLUSTERS = `${SUPABASE_URL}/rest/v1/clusters`;
const GENERATE_LINK = `${SUPABASE_URL}/auth/v1/admin/generate_link`;
const JWKS = `${SUPABASE_URL}/auth/v1/.well-known/jwks.json`;
const MAILBOX = `${MAILBOX_URL}/api/messages`;
const RESEND = 'https://api.resend.com/emails';
const RESEND_RPC = `${SUPABASE_URL}/rest/v1/rpc/resend_invitation`;
const CLAIM = `${SUPABASE_URL}/rest/v1/rpc/claim_email_batch`;
const MARK_SENT = `${SUPABASE_URL}/rest/v1/rpc/mark_email_sent`;
const MARK_FAILED = `${SUPABASE_URL}/rest/v1/rpc/mark_email_failed`;
const OUTBOX_ID = '7e6d5c4b-3a29-4817-8655-443322110000';

/** The invitation e-mail as create_invitation wrote it into the outbox and claim_email_batch hands it out. */
const claimed = [
  {
    id: OUTBOX_ID,
    template: 'invitation',
    to_email: 'new.person@example.com',
    language: 'de',
    payload: {
      invitation_id: INVITATION_ID,
      token: INVITATION_TOKEN,
      role: 'manager',
      target_kind: 'account',
      target_number: 'CN-1001',
      target_name: 'Alpha <Shop> GmbH',
      inviter_email: USER_EMAIL,
      inviter_name: null,
      expires_at: EXPIRES_AT,
    },
    idempotency_key: `invitation:${INVITATION_ID}:abc`,
    attempts: 1,
  },
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

const created = (email = 'new.person@example.com', extra: Record<string, unknown> = {}) => ({
  invitation_id: INVITATION_ID,
  token: INVITATION_TOKEN,
  email,
  expires_at: EXPIRES_AT,
  ...extra,
});

const linkResponse = (req: RecordedRequest) => {
  const body = JSON.parse(req.body) as { type: string; email: string };
  return json({
    id: 'c0ffee00-0000-4000-8000-000000000000',
    email: body.email,
    action_link: `${SUPABASE_URL}/auth/v1/verify?token=x&type=${body.type}`,
    email_otp: '123456',
    hashed_token: HASHED_TOKEN,
    redirect_to: SITE_URL,
    verification_type: body.type,
  });
};

/** Supabase (JWKS, REST, Auth admin) and the mailbox, faked; override single routes per test. */
function stack(routes: Record<string, Handler> = {}) {
  return fakeFetch({
    [`GET ${JWKS}`]: () => json({ keys: [key.jwk] }),
    [`POST ${RPC}`]: (req) => json(created((JSON.parse(req.body) as { p_email: string }).p_email)),
    [`POST ${RESEND_RPC}`]: () => json([{ invitation_id: INVITATION_ID, email: 'new.person@example.com', expires_at: EXPIRES_AT }]),
    [`POST ${CLAIM}`]: () => json(claimed),
    [`POST ${MARK_SENT}`]: () => json(null),
    [`POST ${MARK_FAILED}`]: () => json(null),
    [`GET ${ACCOUNTS}`]: () => json([{ customer_number: 'CN-1001' }]),
    [`GET ${CLUSTERS}`]: () => json([{ cluster_number: 'C-2001' }]),
    [`POST ${GENERATE_LINK}`]: linkResponse,
    [`POST ${MAILBOX}`]: () => json({ id: 'm1' }, 201),
    [`POST ${RESEND}`]: () => json({ id: 'r1' }),
    ...routes,
  });
}

type Upstream = ReturnType<typeof stack>;

function post(upstream: Upstream, body: unknown, init: { headers?: Record<string, string>; env?: Bindings; raw?: BodyInit } = {}) {
  return createApp({ fetch: upstream.fetch }).request(
    '/api/invitations',
    {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...init.headers },
      body: init.raw ?? JSON.stringify(body),
    },
    init.env ?? testEnv(),
  );
}

const mails = (upstream: Upstream) =>
  upstream.to('POST', MAILBOX).map((r) => JSON.parse(r.body) as { from: string; to: string; subject: string; text: string; html: string });

function expectNothingDownstream(upstream: Upstream) {
  expect(upstream.to('POST', RPC)).toHaveLength(0);
  expect(upstream.to('POST', GENERATE_LINK)).toHaveLength(0);
  expect(upstream.to('POST', MAILBOX)).toHaveLength(0);
  expect(upstream.calls.filter((c) => !c.url.href.startsWith(JWKS))).toHaveLength(0);
}

const good = { role: 'manager', targetId: ACCOUNT_ID, email: '  New.Person@Example.COM ' };
const expectedLink = (type: 'invite' | 'magiclink') =>
  `${SITE_URL}/invitations/accept?token=${INVITATION_TOKEN}&token_hash=${HASHED_TOKEN}&type=${type}`;

describe('POST /api/invitations: the good path', () => {
  it('creates the invitation as the caller, then delivers the caller\'s outbox rows with the service key: invite link, Idempotency-Key, marked sent', async () => {
    const upstream = stack();
    const res = await post(upstream, good);
    expect(res.status).toBe(201);
    expect(await readJson(res)).toEqual({
      invitation: { id: INVITATION_ID, email: 'new.person@example.com', role: 'manager', expiresAt: EXPIRES_AT },
      delivery: 'sent',
    });
    const [rpc] = upstream.to('POST', RPC);
    expect(rpc?.headers.get('Authorization')).toBe(`Bearer ${token}`);
    expect(JSON.parse(rpc!.body)).toEqual({ p_role: 'manager', p_target_id: ACCOUNT_ID, p_email: 'new.person@example.com' });
    const [claim] = upstream.to('POST', CLAIM);
    expect(claim?.headers.get('Authorization')).toBe(`Bearer ${SERVICE_KEY}`);
    expect(JSON.parse(claim!.body)).toEqual({ p_limit: 20, p_caused_by: USER_ID });
    const [link] = upstream.to('POST', GENERATE_LINK);
    expect(link?.headers.get('Authorization')).toBe(`Bearer ${SERVICE_KEY}`);
    expect(JSON.parse(link!.body)).toMatchObject({ type: 'invite', email: 'new.person@example.com' });
    const [mail] = upstream.to('POST', MAILBOX);
    expect(mail?.headers.get('Idempotency-Key')).toBe(`invitation:${INVITATION_ID}:abc`);
    const body = JSON.parse(mail!.body) as { to: string; text: string; html: string };
    expect(body.to).toBe('new.person@example.com');
    expect(body.text).toContain(expectedLink('invite'));
    expect(body.html).toContain('Alpha &lt;Shop&gt; GmbH');
    expect(JSON.parse(upstream.to('POST', MARK_SENT)[0]!.body)).toEqual({ p_id: OUTBOX_ID });
    expect(upstream.to('POST', MARK_FAILED)).toHaveLength(0);
  });

  it('falls back to a magic link when the address already has an account', async () => {
    const upstream = stack({
      [`POST ${GENERATE_LINK}`]: (req) =>
        (JSON.parse(req.body) as { type: string }).type === 'invite'
          ? json({ code: 'email_exists', msg: 'A user with this email address has already been registered' }, 422)
          : linkResponse(req),
    });
    expect((await post(upstream, good)).status).toBe(201);
    expect(upstream.to('POST', GENERATE_LINK).map((r) => (JSON.parse(r.body) as { type: string }).type)).toEqual(['invite', 'magiclink']);
    expect(mails(upstream)[0]?.text).toContain(expectedLink('magiclink'));
  });

  it('sends through Resend with the API key and the Idempotency-Key when MAIL_DRIVER is resend', async () => {
    const upstream = stack();
    const res = await post(upstream, good, { env: testEnv({ MAIL_DRIVER: 'resend', RESEND_API_KEY: 're_test', MAILBOX_URL: undefined }) });
    expect(res.status).toBe(201);
    const [sent] = upstream.to('POST', RESEND);
    expect(sent?.headers.get('Authorization')).toBe('Bearer re_test');
    expect(sent?.headers.get('Idempotency-Key')).toBe(`invitation:${INVITATION_ID}:abc`);
  });

  it('POST /api/invitations/:id/resend renews as the caller (resend_invitation) and delivers', async () => {
    const upstream = stack();
    const res = await createApp({ fetch: upstream.fetch }).request(`/api/invitations/${INVITATION_ID}/resend`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } }, testEnv());
    expect(res.status).toBe(200);
    expect(await readJson(res)).toEqual({ invitation: { id: INVITATION_ID, email: 'new.person@example.com', expiresAt: EXPIRES_AT }, delivery: 'sent' });
    const [rpc] = upstream.to('POST', RESEND_RPC);
    expect(rpc?.headers.get('Authorization')).toBe(`Bearer ${token}`);
    expect(JSON.parse(rpc!.body)).toEqual({ p_invitation_id: INVITATION_ID });
    expect(mails(upstream)).toHaveLength(1);
  });

  it('resend: passes not_allowed on and sends nothing; a malformed id is 400 before the database', async () => {
    const refused = stack({ [`POST ${RESEND_RPC}`]: () => json({ code: '42501', message: 'not_allowed', details: 'x', hint: null }, 403) });
    const res = await createApp({ fetch: refused.fetch }).request(`/api/invitations/${INVITATION_ID}/resend`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } }, testEnv());
    expect(res.status).toBe(403);
    expect(refused.to('POST', CLAIM)).toHaveLength(0);
    const bad = stack();
    const res2 = await createApp({ fetch: bad.fetch }).request('/api/invitations/nope/resend', { method: 'POST', headers: { Authorization: `Bearer ${token}` } }, testEnv());
    expect(res2.status).toBe(400);
    expect(bad.to('POST', RESEND_RPC)).toHaveLength(0);
  });
});

describe('POST /api/invitations: the database decides', () => {
  it('answers 403 not_allowed for a target the caller does not manage, and does nothing else', async () => {
    const upstream = stack({
      [`POST ${RPC}`]: () => json({ code: '42501', message: 'not_allowed', details: 'Caller does not manage this target', hint: null }, 403),
    });
    const res = await post(upstream, good);
    expect(res.status).toBe(403);
    expect((await readJson(res)).error.code).toBe('not_allowed');
    expect(upstream.to('POST', RPC)).toHaveLength(1);
    expect(upstream.to('POST', GENERATE_LINK)).toHaveLength(0);
    expect(upstream.to('POST', MAILBOX)).toHaveLength(0);
  });

  it.each([
    [400, { code: 'P0001', message: 'invalid_email', details: 'The e-mail address is not valid' }, 400, 'invalid_email'],
    [400, { code: 'P0001', message: 'target_not_found', details: 'No such customer account' }, 404, 'target_not_found'],
    [409, { code: 'PT409', message: 'already_manager', details: 'Already a manager' }, 409, 'already_manager'],
    [409, { code: '23505', message: 'duplicate key value violates unique constraint', details: 'Key exists' }, 409, 'conflict'],
    [404, { code: 'PGRST202', message: 'Could not find the function', details: null }, 502, 'upstream_failed'],
    [500, { code: 'XX000', message: 'internal error', details: null }, 502, 'upstream_failed'],
    [503, { message: 'upstream down' }, 502, 'upstream_failed'],
  ] as const)('maps PostgREST %i %j to %i %s and sends nothing', async (status, error, expectedStatus, code) => {
    const upstream = stack({ [`POST ${RPC}`]: () => json(error, status) });
    const res = await post(upstream, good);
    expect(res.status).toBe(expectedStatus);
    expect((await readJson(res)).error.code).toBe(code);
    expect(upstream.to('POST', GENERATE_LINK)).toHaveLength(0);
    expect(upstream.to('POST', MAILBOX)).toHaveLength(0);
  });

  it('answers 502 upstream_failed when create_invitation returns an unexpected shape', async () => {
    const upstream = stack({ [`POST ${RPC}`]: () => json([]) });
    const res = await post(upstream, good);
    expect(res.status).toBe(502);
    expect((await readJson(res)).error.code).toBe('upstream_failed');
    expect(upstream.to('POST', MAILBOX)).toHaveLength(0);
  });

  it('stays 201 when Auth cannot make the link: nothing mailed, the outbox row is marked failed for a retry', async () => {
    const upstream = stack({ [`POST ${GENERATE_LINK}`]: () => json({ code: 'unexpected_failure', message: 'boom' }, 500) });
    const res = await post(upstream, good);
    expect(res.status).toBe(201);
    expect((await readJson(res)).delivery).toBe('failed');
    expect(upstream.to('POST', MAILBOX)).toHaveLength(0);
    expect(JSON.parse(upstream.to('POST', MARK_FAILED)[0]!.body)).toMatchObject({ p_id: OUTBOX_ID });
  });

  it('answers 401 without a token and calls nothing downstream', async () => {
    const upstream = stack();
    const res = await post(upstream, good, { headers: { Authorization: '' } });
    expect(res.status).toBe(401);
    expect((await readJson(res)).error.code).toBe('unauthorized');
    expectNothingDownstream(upstream);
  });
});

describe('POST /api/invitations: mail failures lose nothing', () => {
  it.each([
    ['mailbox answers 500', testEnv(), { [`POST ${MAILBOX}`]: () => new Response('broken', { status: 500 }) }],
    ['mailbox is unreachable', testEnv(), { [`POST ${MAILBOX}`]: () => Promise.reject(new TypeError('fetch failed')) }],
    [
      'Resend rejects the key',
      testEnv({ MAIL_DRIVER: 'resend', RESEND_API_KEY: 're_bad' }),
      { [`POST ${RESEND}`]: () => json({ name: 'validation_error', message: 'API key is invalid' }, 401) },
    ],
  ] as const)('answers 201 with delivery "failed" when the %s: the invitation stays, the e-mail is marked failed for a retry', async (_name, env, routes) => {
    const upstream = stack(routes as Record<string, Handler>);
    const res = await post(upstream, good, { env });
    expect(res.status).toBe(201);
    expect((await readJson(res)).delivery).toBe('failed');
    expect(upstream.to('POST', RPC)).toHaveLength(1);
    expect(upstream.to('POST', MARK_SENT)).toHaveLength(0);
    const [failed] = upstream.to('POST', MARK_FAILED);
    expect(JSON.parse(failed!.body)).toMatchObject({ p_id: OUTBOX_ID, p_error: expect.stringMatching(/mailbox|resend/) });
  });
});

const long = (n: number) => 'a'.repeat(n);
const ok = { role: 'manager', targetId: ACCOUNT_ID, email: 'new@example.com' };

type Case = {
  name: string;
  body?: unknown;
  raw?: BodyInit;
  headers?: Record<string, string>;
  status: number;
  code: string;
  message: RegExp;
};

const malformed: Case[] = [
  { name: 'text/plain content type', raw: JSON.stringify(ok), headers: { 'Content-Type': 'text/plain' }, status: 415, code: 'unsupported_media_type', message: /Content-Type/ },
  { name: 'no content type', raw: new TextEncoder().encode(JSON.stringify(ok)), headers: { 'Content-Type': '' }, status: 415, code: 'unsupported_media_type', message: /Content-Type/ },
  { name: 'form content type', raw: 'role=manager', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, status: 415, code: 'unsupported_media_type', message: /Content-Type/ },
  { name: 'application/jsonp', raw: JSON.stringify(ok), headers: { 'Content-Type': 'application/jsonp' }, status: 415, code: 'unsupported_media_type', message: /Content-Type/ },
  { name: 'truncated JSON', raw: '{"role":', status: 400, code: 'invalid_json', message: /not valid JSON/ },
  { name: 'empty body', raw: '', status: 400, code: 'invalid_json', message: /not valid JSON/ },
  { name: 'JSON with trailing garbage', raw: `${JSON.stringify(ok)}x`, status: 400, code: 'invalid_json', message: /not valid JSON/ },
  { name: 'null body', body: null, status: 400, code: 'validation_failed', message: /JSON object/ },
  { name: 'array body', body: [ok], status: 400, code: 'validation_failed', message: /JSON object/ },
  { name: 'string body', body: 'manager', status: 400, code: 'validation_failed', message: /JSON object/ },
  { name: 'number body', body: 42, status: 400, code: 'validation_failed', message: /JSON object/ },
  { name: 'empty object', body: {}, status: 400, code: 'validation_failed', message: /"role" is required/ },
  { name: 'missing role', body: { targetId: ACCOUNT_ID, email: 'a@example.com' }, status: 400, code: 'validation_failed', message: /"role" is required/ },
  { name: 'missing targetId', body: { role: 'manager', email: 'a@example.com' }, status: 400, code: 'validation_failed', message: /"targetId" is required/ },
  { name: 'missing email', body: { role: 'manager', targetId: ACCOUNT_ID }, status: 400, code: 'validation_failed', message: /"email" is required/ },
  { name: 'null role', body: { ...ok, role: null }, status: 400, code: 'validation_failed', message: /"role" is required/ },
  { name: 'unknown role', body: { ...ok, role: 'owner' }, status: 400, code: 'validation_failed', message: /"role" must be/ },
  { name: 'role in capitals', body: { ...ok, role: 'Manager' }, status: 400, code: 'validation_failed', message: /"role" must be/ },
  { name: 'role as number', body: { ...ok, role: 1 }, status: 400, code: 'validation_failed', message: /"role" must be/ },
  { name: 'role as array', body: { ...ok, role: ['manager'] }, status: 400, code: 'validation_failed', message: /"role" must be/ },
  { name: 'targetId not a uuid', body: { ...ok, targetId: 'CN-1001' }, status: 400, code: 'validation_failed', message: /"targetId" must be a UUID/ },
  { name: 'targetId as number', body: { ...ok, targetId: 1001 }, status: 400, code: 'validation_failed', message: /"targetId" must be a UUID/ },
  { name: 'targetId without dashes', body: { ...ok, targetId: ACCOUNT_ID.replaceAll('-', '') }, status: 400, code: 'validation_failed', message: /"targetId"/ },
  { name: 'targetId in braces', body: { ...ok, targetId: `{${ACCOUNT_ID}}` }, status: 400, code: 'validation_failed', message: /"targetId"/ },
  { name: 'targetId empty', body: { ...ok, targetId: '' }, status: 400, code: 'validation_failed', message: /"targetId"/ },
  { name: 'targetId with SQL', body: { ...ok, targetId: `${ACCOUNT_ID}' or '1'='1` }, status: 400, code: 'validation_failed', message: /"targetId"/ },
  { name: 'email as number', body: { ...ok, email: 42 }, status: 400, code: 'validation_failed', message: /"email" must be a string/ },
  { name: 'email as array', body: { ...ok, email: ['a@example.com'] }, status: 400, code: 'validation_failed', message: /"email" must be a string/ },
  { name: 'email as object', body: { ...ok, email: { address: 'a@example.com' } }, status: 400, code: 'validation_failed', message: /"email" must be a string/ },
  { name: 'email empty', body: { ...ok, email: '' }, status: 400, code: 'validation_failed', message: /"email" must not be empty/ },
  { name: 'email blank', body: { ...ok, email: '   ' }, status: 400, code: 'validation_failed', message: /"email" must not be empty/ },
  { name: 'email without @', body: { ...ok, email: 'new.example.com' }, status: 400, code: 'validation_failed', message: /"email" must be a valid/ },
  { name: 'email without TLD', body: { ...ok, email: 'a@localhost' }, status: 400, code: 'validation_failed', message: /"email" must be a valid/ },
  { name: 'email with two @', body: { ...ok, email: 'a@@example.com' }, status: 400, code: 'validation_failed', message: /"email" must be a valid/ },
  { name: 'email with a space', body: { ...ok, email: 'a b@example.com' }, status: 400, code: 'validation_failed', message: /"email" must be a valid/ },
  { name: 'email with header injection', body: { ...ok, email: 'a@example.com\nBcc: x@evil.test' }, status: 400, code: 'validation_failed', message: /"email" must be a valid/ },
  { name: 'email with double dot in domain', body: { ...ok, email: 'a@example..com' }, status: 400, code: 'validation_failed', message: /"email" must be a valid/ },
  { name: 'email with leading dot', body: { ...ok, email: '.a@example.com' }, status: 400, code: 'validation_failed', message: /"email" must be a valid/ },
  { name: 'email with trailing dot in local part', body: { ...ok, email: 'a.@example.com' }, status: 400, code: 'validation_failed', message: /"email" must be a valid/ },
  { name: 'email domain starting with hyphen', body: { ...ok, email: 'a@-example.com' }, status: 400, code: 'validation_failed', message: /"email" must be a valid/ },
  { name: 'email with display name', body: { ...ok, email: 'Anna <a@example.com>' }, status: 400, code: 'validation_failed', message: /"email" must be a valid/ },
  { name: 'email longer than 254', body: { ...ok, email: `${long(64)}@${long(60)}.${long(60)}.${long(60)}.${long(10)}.com` }, status: 400, code: 'validation_failed', message: /"email" must be at most 254/ },
  { name: 'email local part longer than 64', body: { ...ok, email: `${long(65)}@example.com` }, status: 400, code: 'validation_failed', message: /"email" must be a valid/ },
  { name: 'extra field', body: { ...ok, admin: true }, status: 400, code: 'validation_failed', message: /Unknown field: "admin"/ },
  { name: 'extra fields', body: { ...ok, accountId: ACCOUNT_ID, invitedBy: 'x' }, status: 400, code: 'validation_failed', message: /Unknown fields: "accountId", "invitedBy"/ },
  { name: '__proto__ field', raw: `{"role":"manager","targetId":"${ACCOUNT_ID}","email":"a@example.com","__proto__":{"x":1}}`, status: 400, code: 'validation_failed', message: /Unknown field: "__proto__"/ },
  { name: 'unknown lang', body: { ...ok, lang: 'fr' }, status: 400, code: 'validation_failed', message: /"lang" must be/ },
  { name: 'lang as number', body: { ...ok, lang: 1 }, status: 400, code: 'validation_failed', message: /"lang" must be/ },
  { name: 'body over 16 kB', body: { ...ok, padding: long(17_000) }, status: 413, code: 'payload_too_large', message: /at most 16384 bytes/ },
  { name: 'declared length over 16 kB', raw: JSON.stringify({ ...ok, padding: long(17_000) }), headers: { 'Content-Length': '17100' }, status: 413, code: 'payload_too_large', message: /at most 16384 bytes/ },
];

describe('POST /api/invitations: malformed requests never reach the database', () => {
  it('has a substantial table', () => expect(malformed.length).toBeGreaterThanOrEqual(30));

  it.each(malformed)('$name → $status $code', async ({ body, raw, headers, status, code, message }) => {
    const upstream = stack();
    const res = await post(upstream, body, { ...(raw !== undefined ? { raw } : {}), ...(headers ? { headers } : {}) });
    expect(res.status).toBe(status);
    expect(res.headers.get('Content-Type')).toMatch(/application\/json/);
    const payload = (await readJson(res)) as { error: { code: string; message: string } };
    expect(payload.error.code).toBe(code);
    expect(payload.error.message).toMatch(message);
    expectNothingDownstream(upstream);
  });
});
