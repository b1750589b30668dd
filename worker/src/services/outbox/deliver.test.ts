import { beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../env';
import { testEnv, SERVICE_KEY } from '../../testing/env';
import { fakeFetch, json, type RecordedRequest } from '../../testing/fake-fetch';
import { SUPABASE_URL } from '../../testing/keys';
import { MailError, type MailDriver, type MailMessage } from '../mail';
import { deliverOutbox } from './deliver';
import type { OutboxRow } from './render';

const RPC = `${SUPABASE_URL}/rest/v1/rpc`;

beforeEach(() => {
  vi.restoreAllMocks();
  vi.spyOn(console, 'error').mockImplementation(() => {});
});

const row = (id: string, extra: Partial<OutboxRow> = {}): OutboxRow => ({
  id,
  template: 'manager_removed',
  to_email: `${id}@example.com`,
  language: 'en',
  payload: { recipient: 'self', account_number: 'CN-1001', actor_email: 'anna@example.com' },
  idempotency_key: `manager_removed:${id}`,
  attempts: 1,
  ...extra,
});

/**
 * A tiny stand-in for the outbox in the database: claim hands out due rows (not sent, not leased), mark_*
 * record the outcome; a failed row is due again at once (the backoff itself is tested in test/db/outbox).
 */
function fakeOutbox(rows: OutboxRow[]) {
  const state = new Map(rows.map((r) => [r.id, { row: r, status: 'pending' as 'pending' | 'sending' | 'sent' | 'failed', attempts: 0 }]));
  const body = (r: RecordedRequest) => JSON.parse(r.body) as Record<string, unknown>;
  const upstream = fakeFetch({
    [`POST ${RPC}/claim_email_batch`]: (r) => {
      const due = [...state.values()].filter((s) => s.status === 'pending' || s.status === 'failed').slice(0, Number(body(r).p_limit));
      for (const s of due) {
        s.status = 'sending';
        s.attempts++;
      }
      return json(due.map((s) => ({ ...s.row, attempts: s.attempts })));
    },
    [`POST ${RPC}/mark_email_sent`]: (r) => {
      state.get(String(body(r).p_id))!.status = 'sent';
      return json(null);
    },
    [`POST ${RPC}/mark_email_failed`]: (r) => {
      state.get(String(body(r).p_id))!.status = 'failed';
      return json(null);
    },
  });
  return { upstream, state };
}

/** A mail driver that fails the first `n` sends, then delivers; it keeps what it delivered per idempotency key. */
function flakyDriver(n: number) {
  let calls = 0;
  const delivered = new Map<string, MailMessage[]>();
  const driver: MailDriver = {
    async send(msg, options) {
      calls++;
      if (calls <= n) throw new MailError(`provider down (${calls})`);
      const key = options?.idempotencyKey ?? '';
      if (!delivered.has(key)) delivered.set(key, []);
      delivered.get(key)!.push(msg);
    },
  };
  return { driver, delivered, calls: () => calls };
}

const config = loadConfig(testEnv());

describe('deliverOutbox', () => {
  it('a driver failing twice, then recovering: every e-mail goes out exactly once over three runs', async () => {
    const { upstream, state } = fakeOutbox([row('a'), row('b'), row('c')]);
    const flaky = flakyDriver(2);
    const first = await deliverOutbox({ config, fetch: upstream.fetch, driver: flaky.driver });
    expect(first.failed.map((f) => f.id)).toEqual(['a', 'b']);
    expect(first.sent.map((s) => s.id)).toEqual(['c']);
    expect([...state.values()].map((s) => s.status)).toEqual(['failed', 'failed', 'sent']);
    const second = await deliverOutbox({ config, fetch: upstream.fetch, driver: flaky.driver });
    expect(second.sent.map((s) => s.id).sort()).toEqual(['a', 'b']);
    const third = await deliverOutbox({ config, fetch: upstream.fetch, driver: flaky.driver });
    expect(third).toEqual({ sent: [], failed: [] });
    expect([...flaky.delivered.keys()].sort()).toEqual(['manager_removed:a', 'manager_removed:b', 'manager_removed:c']);
    expect([...flaky.delivered.values()].every((m) => m.length === 1)).toBe(true);
  });

  it('claims with the service key, limited to the rows of the user whose change wrote them', async () => {
    const { upstream } = fakeOutbox([row('a')]);
    await deliverOutbox({ config, fetch: upstream.fetch, driver: flakyDriver(0).driver }, { causedBy: 'u-1' });
    const [claim] = upstream.to('POST', `${RPC}/claim_email_batch`);
    expect(claim?.headers.get('Authorization')).toBe(`Bearer ${SERVICE_KEY}`);
    expect(JSON.parse(claim!.body)).toEqual({ p_limit: 20, p_caused_by: 'u-1' });
  });

  it('sends the idempotency key with every attempt, so a provider that has it drops a repeat (crash after send)', async () => {
    const keys: string[] = [];
    const driver: MailDriver = { send: async (_m, o) => void keys.push(o?.idempotencyKey ?? '') };
    const { upstream, state } = fakeOutbox([row('a')]);
    // the first run sends, but marking it sent fails (the Worker died): the lease runs out, it is claimed again
    const broken = fakeFetch({
      [`POST ${RPC}/claim_email_batch`]: (r) => upstream.fetch(r.url.href, { method: 'POST', body: r.body }),
      [`POST ${RPC}/mark_email_sent`]: () => json({ message: 'connection lost' }, 500),
    });
    await deliverOutbox({ config, fetch: broken.fetch, driver });
    state.get('a')!.status = 'pending';
    await deliverOutbox({ config, fetch: upstream.fetch, driver });
    expect(keys).toEqual(['manager_removed:a', 'manager_removed:a']);
    expect(state.get('a')!.status).toBe('sent');
  });

  it('marks an unknown template failed (retried, never dropped) and renders the rest', async () => {
    const { upstream, state } = fakeOutbox([row('x', { template: 'no_such_template' }), row('b')]);
    const result = await deliverOutbox({ config, fetch: upstream.fetch, driver: flakyDriver(0).driver });
    expect(result.failed).toEqual([{ id: 'x', template: 'no_such_template', to: 'x@example.com', error: 'unknown e-mail template "no_such_template"' }]);
    expect(state.get('b')!.status).toBe('sent');
  });

  it('uses the configured driver and brand when none is given', async () => {
    const { upstream } = fakeOutbox([row('a')]);
    const mailbox = fakeFetch({ 'POST http://mailbox.test/api/messages': () => json({ id: 'm' }, 201) });
    const both: typeof fetch = (input, init) => (String(input instanceof Request ? input.url : input).startsWith('http://mailbox.test') ? mailbox.fetch(input, init) : upstream.fetch(input, init));
    await deliverOutbox({ config, fetch: both });
    const [sent] = mailbox.calls;
    expect(sent?.headers.get('Idempotency-Key')).toBe('manager_removed:a');
    expect((JSON.parse(sent!.body) as { subject: string }).subject).toMatch(/– Example Hosting$/);
  });
});
