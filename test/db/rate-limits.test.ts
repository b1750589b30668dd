// Invitation rate limits in the database: per inviting manager and per invited address, with the seconds
// to wait. The limits are settings (app_private.settings); each case lowers them inside its own rolled-back
// transaction so the rest of the suite is unaffected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { adminPool, closeAdminPool } from '../support/sql.ts';
import { createWorld, type Person, type World } from '../support/world.ts';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(closeAdminPool);

async function withLimits<T>(limits: { perManager: number; perAddress: number }, fn: (q: pg.PoolClient, as: (p: Person) => Promise<void>) => Promise<T>) {
  const q = await adminPool().connect();
  try {
    await q.query('begin');
    await q.query(`update app_private.settings set value = $1 where key = 'invitations_per_manager_per_hour'`, [String(limits.perManager)]);
    await q.query(`update app_private.settings set value = $1 where key = 'invitations_per_address_per_hour'`, [String(limits.perAddress)]);
    const as = async (p: Person) => {
      await q.query('reset role');
      await q.query("select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)", [JSON.stringify({ sub: p.id, role: 'authenticated' })]);
    };
    return await fn(q, as);
  } finally {
    await q.query('rollback');
    q.release();
  }
}

/** One invitation attempt inside a savepoint, so a refusal does not abort the surrounding transaction. */
async function invite(q: pg.PoolClient, target: string, email: string) {
  await q.query('savepoint attempt');
  try {
    await q.query("select * from public.create_invitation('administrator', $1, $2)", [target, email]);
    await q.query('release savepoint attempt');
    return 'ok';
  } catch (e) {
    await q.query('rollback to savepoint attempt');
    const { code, message, detail, hint } = e as { code: string; message: string; detail: string; hint: string };
    return { code, message, detail, hint };
  }
}

describe('invitation rate limits', () => {
  it('refuses a manager beyond the hourly limit with PT429 (HTTP 429) and the seconds to wait', async () => {
    await withLimits({ perManager: 3, perAddress: 100 }, async (q, as) => {
      await as(w.manager);
      for (let i = 0; i < 3; i++) expect(await invite(q, w.a1.id, `limit-${i}@example.com`)).toBe('ok');
      const refused = (await invite(q, w.a1.id, 'limit-4@example.com')) as { code: string; message: string; detail: string; hint: string };
      expect(refused).toMatchObject({ code: 'PT429', message: 'rate_limited' });
      expect(Number(refused.hint)).toBeGreaterThan(3500);
      expect(refused.detail).toMatch(/Try again in \d+ seconds/);
    });
  });

  it('counts per invited address within the inviter’s accounts, renewals included; other customers are not blocked', async () => {
    await withLimits({ perManager: 100, perAddress: 2 }, async (q, as) => {
      await as(w.manager);
      expect(await invite(q, w.a1.id, 'target@example.com')).toBe('ok');
      expect(await invite(q, w.a1.id, 'TARGET@example.com')).toBe('ok'); // renewal
      await as(w.coManager);
      expect(await invite(q, w.a2.id, 'target@example.com')).toMatchObject({ code: 'PT429', message: 'rate_limited' });
      await as(w.otherManager);
      expect(await invite(q, w.b1.id, 'target@example.com')).toBe('ok');
    });
  });

  it('does not count refused attempts of someone without the right', async () => {
    await withLimits({ perManager: 1, perAddress: 100 }, async (q, as) => {
      await as(w.adminOne);
      expect(await invite(q, w.a1.id, 'x@example.com')).toMatchObject({ code: '42501', message: 'not_allowed' });
      await q.query('reset role');
      const { rows } = await q.query('select count(*)::int as n from app_private.invitation_sends where invited_by = $1', [w.adminOne.id]);
      expect(rows[0].n).toBe(0);
    });
  });
});
