// The outbox against the real local stack: a mail provider that fails twice and then recovers loses
// nothing and sends every e-mail exactly once; at each step the manager sees the invitation's state over
// REST (not delivered → pending); a link opened three times (scanners, previews) still accepts; the other
// managers are told about the new manager.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { createApp } from '../../worker/src/app.ts';
import { createMailDriver, MailError, type MailDriver } from '../../worker/src/services/mail/index.ts';
import { anonClient, signIn } from '../support/clients.ts';
import { adminPool, closeAdminPool } from '../support/sql.ts';
import { stack } from '../support/stack-info.ts';
import { createPerson, createWorld, TEST_PASSWORD, type Person, type World } from '../support/world.ts';
import { workerEnv } from '../support/worker-env.ts';

const env = () => workerEnv();

/** The real mailbox behind a switch: fails the next `failures` sends, then delivers. */
function outage() {
  const real = createMailDriver({ driver: 'mailbox', from: 'x', mailboxUrl: stack().mailboxUrl }, (i, init) => fetch(i, init));
  let failures = 0;
  let attempts = 0;
  const driver: MailDriver = {
    async send(msg, options) {
      attempts++;
      if (failures > 0) {
        failures--;
        throw new MailError('mailbox: HTTP 503: provider outage');
      }
      await real.send(msg, options);
    },
  };
  return { driver, failNext: (n: number) => (failures = n), attempts: () => attempts };
}

let w: World;
let invitee: Person;
let managerDb: SupabaseClient;
let managerToken: string;
const mail = outage();
const app = createApp({ mailDriver: mail.driver });

beforeAll(async () => {
  w = await createWorld();
  invitee = await createPerson('outbox-invitee');
  const m = await signIn(w.manager.email, TEST_PASSWORD);
  managerDb = m.client;
  managerToken = m.accessToken;
});
afterAll(closeAdminPool);

const call = (path: string, token: string, body?: unknown) =>
  app.request(path, { method: 'POST', headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) }, env());
const mailsTo = async (address: string) =>
  (await (await fetch(`${stack().mailboxUrl}/api/messages?to=${encodeURIComponent(address)}`)).json()) as { subject: string; text: string }[];
/** What the Manage dialog shows, read as the manager over REST. */
const seenByManager = async (id: string) => {
  const { data, error } = await managerDb.from('open_invitations').select('state,delivery').eq('id', id).maybeSingle();
  expect(error).toBeNull();
  return data;
};
/** The backoff has passed (instead of waiting 30 s). */
const timePasses = (id: string) => adminPool().query('update app_private.email_outbox set next_attempt_at = now() where invitation_id = $1 and status = $2', [id, 'failed']);
const outboxRows = async (id: string) =>
  (await adminPool().query(`select status, attempts, payload ? 'token' as has_token from app_private.email_outbox where invitation_id = $1`, [id])).rows;

describe('a provider outage loses nothing', () => {
  let invitationId: string;

  it('step 1: invite while the provider is down: 201, stored, the manager sees "not delivered", nothing in the mailbox', async () => {
    mail.failNext(2);
    const res = await call('/api/invitations', managerToken, { role: 'manager', targetId: w.accountA.id, email: invitee.email });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { invitation: { id: string }; delivery: string };
    expect(body.delivery).toBe('failed');
    invitationId = body.invitation.id;
    expect(await seenByManager(invitationId)).toEqual({ state: 'not_delivered', delivery: 'failed' });
    expect(await mailsTo(invitee.email)).toEqual([]);
    expect(await outboxRows(invitationId)).toEqual([{ status: 'failed', attempts: 1, has_token: true }]);
  });

  it('step 2: the retry before the backoff has passed does nothing; after it, it fails again (still down)', async () => {
    const early = await call('/api/outbox/deliver', managerToken);
    expect(early.status).toBe(202);
    expect(await outboxRows(invitationId)).toEqual([{ status: 'failed', attempts: 1, has_token: true }]);
    await timePasses(invitationId);
    await call('/api/outbox/deliver', managerToken);
    expect(await outboxRows(invitationId)).toEqual([{ status: 'failed', attempts: 2, has_token: true }]);
    expect(await seenByManager(invitationId)).toEqual({ state: 'not_delivered', delivery: 'failed' });
    expect(await mailsTo(invitee.email)).toEqual([]);
  });

  it('step 3: the provider is back: the next run delivers it once, the manager sees "pending", the token is gone from the outbox', async () => {
    await timePasses(invitationId);
    await call('/api/outbox/deliver', managerToken);
    expect(await seenByManager(invitationId)).toEqual({ state: 'pending', delivery: 'sent' });
    expect(await outboxRows(invitationId)).toEqual([{ status: 'sent', attempts: 3, has_token: false }]);
    const mails = await mailsTo(invitee.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain('type=magiclink'); // an existing user gets a sign-in link
  });

  it('step 4: more runs, and a run that died after sending (lease ran out), never send it twice', async () => {
    await call('/api/outbox/deliver', managerToken);
    await call('/api/outbox/deliver', managerToken);
    // as if the Worker had sent it but died before mark_email_sent: the row is claimed again, same key
    await adminPool().query(
      `update app_private.email_outbox set status = 'sending', next_attempt_at = now() - interval '1 second', payload = payload || '{"token":"t"}' where invitation_id = $1`,
      [invitationId],
    );
    await call('/api/outbox/deliver', managerToken);
    expect(await mailsTo(invitee.email)).toHaveLength(1);
    expect((await outboxRows(invitationId))[0].status).toBe('sent');
  });
});

describe('scanner safety, acceptance and the other managers\' notice', () => {
  it('the link opened three times (anon, as scanners do) changes nothing; then Accept works and co-managers are told', async () => {
    const person = await createPerson('outbox-scanned');
    const res = await call('/api/invitations', managerToken, { role: 'manager', targetId: w.accountA.id, email: person.email });
    expect(res.status).toBe(201);
    const [invitationMail] = await mailsTo(person.email);
    const link = new URL(/http:\/\/app\.test\/invitations\/accept\?[^\s"<]+/.exec(invitationMail.text)![0]);
    const token = link.searchParams.get('token')!;
    for (let i = 0; i < 3; i++) {
      const { data, error } = await anonClient().rpc('get_invitation', { p_token: token });
      expect(error).toBeNull();
      expect(data[0]).toMatchObject({ state: 'pending', role: 'manager', customer_number: w.accountA.customerNumber, inviter_email: w.manager.email });
      expect(data[0].email_masked).toMatch(/^o\*\*\*@test\.example$/);
    }
    const signedIn = await signIn(person.email, TEST_PASSWORD);
    const accepted = await signedIn.client.rpc('accept_invitation', { p_token: token });
    expect(accepted.error).toBeNull();
    expect((await call('/api/outbox/deliver', signedIn.accessToken)).status).toBe(202);
    const notices = (await mailsTo(w.coManager.email)).filter((m) => m.subject.startsWith('Neuer Manager'));
    expect(notices).toHaveLength(1);
    expect(notices[0].text).toContain(`${person.email} als Manager des Kundenkontos ${w.accountA.customerNumber}`);
    // the manager who invited is a manager too and is told; the new manager is not
    expect((await mailsTo(w.manager.email)).filter((m) => m.subject.startsWith('Neuer Manager'))).toHaveLength(1);
    expect((await mailsTo(person.email)).filter((m) => m.subject.startsWith('Neuer Manager'))).toHaveLength(0);
  });

  it('POST /api/internal/deliver needs the service key', async () => {
    expect((await call('/api/internal/deliver', managerToken)).status).toBe(401);
    expect((await app.request('/api/internal/deliver', { method: 'POST' }, env())).status).toBe(401);
  });
});
