// The e-mail outbox at the SQL level: written in the transaction of the change, the same idempotency key
// is one row, only service_role delivers, claims never overlap, backoff after a failure, the invitation
// token is scrubbed once sent, and nothing of it is reachable by anon or authenticated.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { adminPool, asActor, closeAdminPool } from '../support/sql.ts';
import { createWorld, type Person, type World } from '../support/world.ts';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(closeAdminPool);

const as = (p: Person) => ({ role: 'authenticated' as const, userId: p.id, email: p.email });
const sqlError = (p: Promise<unknown>) => p.then(() => null, (e: { code?: string; message?: string }) => ({ code: e.code, message: e.message }));
const unique = (label: string) => `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

/** As service_role (what the Worker's service key is), in the caller's transaction. */
async function asService<T>(q: pg.PoolClient, fn: () => Promise<T>): Promise<T> {
  await q.query("select set_config('role', 'service_role', true), set_config('request.jwt.claims', '{\"role\":\"service_role\"}', true)");
  try {
    return await fn();
  } finally {
    await q.query('reset role');
  }
}

/** A superuser transaction, rolled back. */
async function inTx<T>(fn: (q: pg.PoolClient) => Promise<T>): Promise<T> {
  const q = await adminPool().connect();
  try {
    await q.query('begin');
    return await fn(q);
  } finally {
    await q.query('rollback');
    q.release();
  }
}

describe('enqueue_email', () => {
  it('writes a pending row; the same idempotency key again returns the same id and changes nothing', async () => {
    await inTx(async (q) => {
      const key = unique('key');
      const first = (await q.query(`select app_private.enqueue_email('manager_added', '  Ada@Example.COM ', 'en', '{"a":1}', $1) as id`, [key])).rows[0].id;
      const again = (await q.query(`select app_private.enqueue_email('manager_added', 'other@example.com', 'de', '{"a":2}', $1) as id`, [key])).rows[0].id;
      expect(again).toBe(first);
      const { rows } = await q.query('select to_email, language, payload, status, attempts from app_private.email_outbox where idempotency_key = $1', [key]);
      expect(rows).toEqual([{ to_email: 'ada@example.com', language: 'en', payload: { a: 1 }, status: 'pending', attempts: 0 }]);
    });
  });

  it('refuses a language other than de/en and a missing key', async () => {
    await inTx(async (q) => {
      await q.query('savepoint s');
      expect(await sqlError(q.query(`select app_private.enqueue_email('x', 'a@example.com', 'fr', '{}', 'k-fr')`))).toMatchObject({ message: 'validation_failed' });
      await q.query('rollback to savepoint s');
      expect(await sqlError(q.query(`select app_private.enqueue_email('x', 'a@example.com', 'de', '{}', null)`))).toMatchObject({ message: 'validation_failed' });
    });
  });

  it('is not executable by anon or authenticated, and the outbox table is not readable by them', async () => {
    for (const actor of [{ role: 'anon' as const }, as(w.manager)]) {
      const call = await sqlError(asActor(actor, (q) => q.query(`select app_private.enqueue_email('x', 'a@example.com', 'de', '{}', 'k')`)));
      expect(call?.code).toBe('42501');
      const read = await sqlError(asActor(actor, (q) => q.query('select * from app_private.email_outbox')));
      expect(read?.code).toBe('42501');
    }
  });

  it('is written in the transaction of the change: a rolled-back invitation leaves no e-mail', async () => {
    const address = `${unique('rollback')}@example.com`;
    await asActor(as(w.manager), (q) => q.query(`select * from public.create_invitation('manager', $1, $2)`, [w.accountA.id, address]));
    expect((await adminPool().query('select 1 from app_private.email_outbox where to_email = $1', [address])).rowCount).toBe(0);
  });
});

describe('delivery functions (service_role only)', () => {
  it('are refused to anon and authenticated', async () => {
    for (const actor of [{ role: 'anon' as const }, as(w.manager)]) {
      for (const sql of [
        'select * from public.claim_email_batch(10)',
        `select public.mark_email_sent('00000000-0000-4000-8000-000000000000')`,
        `select public.mark_email_failed('00000000-0000-4000-8000-000000000000', 'x')`,
      ]) {
        expect((await sqlError(asActor(actor, (q) => q.query(sql))))?.code).toBe('42501');
      }
    }
  });

  it('claim marks rows sending (one attempt, a lease); a second claim does not take them again', async () => {
    await inTx(async (q) => {
      const key = unique('claim');
      const id = (await q.query(`select app_private.enqueue_email('manager_added', 'claim@example.com', 'de', '{}', $1) as id`, [key])).rows[0].id;
      // only this row is due in this transaction's view of "caused by": tag it with a fresh user id
      const tag = (await q.query('select gen_random_uuid() as u')).rows[0].u;
      await q.query('update app_private.email_outbox set caused_by = $2 where id = $1', [id, tag]);
      const first = await asService(q, () => q.query('select id, attempts, idempotency_key from public.claim_email_batch(10, $1)', [tag]));
      expect(first.rows).toEqual([{ id, attempts: 1, idempotency_key: key }]);
      const second = await asService(q, () => q.query('select id from public.claim_email_batch(10, $1)', [tag]));
      expect(second.rows).toEqual([]);
      const { rows } = await q.query(`select status, next_attempt_at > now() + interval '4 minutes' as leased from app_private.email_outbox where id = $1`, [id]);
      expect(rows[0]).toEqual({ status: 'sending', leased: true });
    });
  });

  it('failure schedules a retry with exponential backoff; after the last attempt it stays failed', async () => {
    await inTx(async (q) => {
      const tag = (await q.query('select gen_random_uuid() as u')).rows[0].u;
      const id = (await q.query(`select app_private.enqueue_email('manager_added', 'fail@example.com', 'de', '{}', $1) as id`, [unique('fail')])).rows[0].id;
      await q.query('update app_private.email_outbox set caused_by = $2 where id = $1', [id, tag]);
      const delays: number[] = [];
      for (let i = 0; i < 3; i++) {
        await q.query('update app_private.email_outbox set next_attempt_at = now() where id = $1', [id]);
        await asService(q, () => q.query('select * from public.claim_email_batch(10, $1)', [tag]));
        await asService(q, () => q.query('select public.mark_email_failed($1, $2)', [id, `down ${i}`]));
        const { rows } = await q.query('select status, last_error, extract(epoch from next_attempt_at - now())::int as delay from app_private.email_outbox where id = $1', [id]);
        expect(rows[0]).toMatchObject({ status: 'failed', last_error: `down ${i}` });
        delays.push(rows[0].delay);
      }
      expect(delays).toEqual([30, 60, 120]);
      await q.query(`update app_private.settings set value = '4' where key = 'email_max_attempts'`);
      await q.query('update app_private.email_outbox set next_attempt_at = now() where id = $1', [id]);
      await asService(q, () => q.query('select * from public.claim_email_batch(10, $1)', [tag]));
      await asService(q, () => q.query('select public.mark_email_failed($1, $2)', [id, 'still down']));
      const { rows } = await q.query('select status, attempts, next_attempt_at from app_private.email_outbox where id = $1', [id]);
      expect(rows[0]).toEqual({ status: 'failed', attempts: 4, next_attempt_at: null });
    });
  });

  it('sent: the invitation token is scrubbed from the payload, the invitation shows sent, and failing later changes nothing', async () => {
    await inTx(async (q) => {
      await q.query("select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)", [JSON.stringify({ role: 'authenticated', sub: w.manager.id })]);
      const inv = (await q.query(`select * from public.create_invitation('administrator', $1, $2)`, [w.a1.id, `${unique('scrub')}@example.com`])).rows[0];
      await q.query('reset role');
      const row = (await q.query('select id, payload from app_private.email_outbox where invitation_id = $1', [inv.invitation_id])).rows[0];
      expect(row.payload.token).toBe(inv.token);
      await asService(q, () => q.query('select * from public.claim_email_batch(10, $1)', [w.manager.id]));
      await asService(q, () => q.query('select public.mark_email_sent($1)', [row.id]));
      await asService(q, () => q.query('select public.mark_email_failed($1, $2)', [row.id, 'late']));
      const after = (await q.query('select status, payload, sent_at is not null as has_sent_at from app_private.email_outbox where id = $1', [row.id])).rows[0];
      expect(after.status).toBe('sent');
      expect(after.has_sent_at).toBe(true);
      expect(after.payload).not.toHaveProperty('token');
      expect(after.payload.target_number).toBe(w.a1.clusterNumber);
      expect((await q.query('select delivery from public.invitations where id = $1', [inv.invitation_id])).rows[0].delivery).toBe('sent');
    });
  });
});
