// The contact person is always a current manager: changing it, and removing a manager with a handover.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { adminPool, asActor, closeAdminPool } from '../support/sql.ts';
import { createAccount, createPerson, createWorld, type Person, type World } from '../support/world.ts';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(closeAdminPool);

const as = (p: Person) => ({ role: 'authenticated' as const, userId: p.id, email: p.email });
const sqlError = (p: Promise<unknown>) => p.then(() => null, (e: { code?: string; message?: string }) => ({ code: e.code, message: e.message }));
const contactOf = async (q: pg.PoolClient, accountId: string): Promise<string | null> =>
  (await q.query('select contact_person_id from public.customer_accounts where id = $1', [accountId])).rows[0]?.contact_person_id ?? null;

describe('set_contact_person', () => {
  it('a manager makes another manager the contact person', async () => {
    await asActor(as(w.coManager), async (q) => {
      const { rows } = await q.query('select * from public.set_contact_person($1, $2)', [w.accountA.id, w.coManager.id]);
      expect(rows[0]).toEqual({ account_id: w.accountA.id, previous_contact_id: w.manager.id, contact_person_id: w.coManager.id });
      expect(await contactOf(q, w.accountA.id)).toBe(w.coManager.id);
    });
  });

  it('refuses someone who is not a manager of that account (administrator, other account’s manager)', async () => {
    for (const candidate of [w.adminOne, w.otherManager, w.nobody]) {
      const err = await sqlError(asActor(as(w.manager), (q) => q.query('select * from public.set_contact_person($1, $2)', [w.accountA.id, candidate.id])));
      expect(err).toEqual({ code: 'P0001', message: 'contact_not_manager' });
    }
  });

  it.each([
    ['an administrator', () => w.adminOne],
    ['a manager of another account', () => w.otherManager],
    ['a user without memberships', () => w.nobody],
  ])('refuses %s as caller', async (_label, who) => {
    const err = await sqlError(asActor(as(who()), (q) => q.query('select * from public.set_contact_person($1, $2)', [w.accountA.id, w.coManager.id])));
    expect(err).toEqual({ code: '42501', message: 'not_allowed' });
  });

  it('a direct write of a non-manager contact is refused by the foreign key, also for the superuser', async () => {
    const err = await sqlError(adminPool().query('update public.customer_accounts set contact_person_id = $2 where id = $1', [w.accountA.id, w.adminOne.id]));
    expect(err?.code).toBe('23503');
  });
});

describe('remove_manager (the x, with handover)', () => {
  it('refuses to remove the contact person without naming a successor', async () => {
    const err = await sqlError(asActor(as(w.coManager), (q) => q.query('select * from public.remove_manager($1, $2)', [w.accountA.id, w.manager.id])));
    expect(err).toEqual({ code: 'P0001', message: 'contact_person_cannot_be_removed' });
  });

  it('removes the contact person and hands over to the named manager in one call', async () => {
    await asActor(as(w.coManager), async (q) => {
      const { rows } = await q.query('select * from public.remove_manager($1, $2, $3)', [w.accountA.id, w.manager.id, w.coManager.id]);
      expect(rows[0]).toEqual({ account_id: w.accountA.id, removed_user_id: w.manager.id, contact_person_id: w.coManager.id });
      const left = await q.query('select user_id from public.account_managers where account_id = $1', [w.accountA.id]);
      expect(left.rows).toEqual([{ user_id: w.coManager.id }]);
    });
  });

  it('refuses a successor who is not another manager of the account', async () => {
    for (const successor of [w.manager, w.adminOne, w.otherManager]) {
      const err = await sqlError(
        asActor(as(w.coManager), (q) => q.query('select * from public.remove_manager($1, $2, $3)', [w.accountA.id, w.manager.id, successor.id])),
      );
      expect(err).toEqual({ code: 'P0001', message: 'contact_not_manager' });
    }
  });

  it('lets a manager leave (remove themself) while another remains', async () => {
    await asActor(as(w.coManager), async (q) => {
      await q.query('select * from public.remove_manager($1, $2)', [w.accountA.id, w.coManager.id]);
      const left = await q.query('select 1 from public.account_managers where account_id = $1 and user_id = $2', [w.accountA.id, w.coManager.id]);
      expect(left.rowCount).toBe(0);
    });
  });

  it('refuses the last manager, and callers who do not manage the account', async () => {
    const solo = await createPerson('solo-rpc');
    const account = await createAccount([solo]);
    const last = await sqlError(asActor(as(solo), (q) => q.query('select * from public.remove_manager($1, $2, $3)', [account.id, solo.id, solo.id])));
    expect(last).toEqual({ code: 'P0001', message: 'contact_not_manager' });
    await adminPool().query('update public.customer_accounts set contact_person_id = null where id = $1', [account.id]);
    const lastNoContact = await sqlError(asActor(as(solo), (q) => q.query('select * from public.remove_manager($1, $2)', [account.id, solo.id])));
    expect(lastNoContact).toEqual({ code: 'P0001', message: 'last_manager' });
    const stranger = await sqlError(asActor(as(w.otherManager), (q) => q.query('select * from public.remove_manager($1, $2)', [w.accountA.id, w.coManager.id])));
    expect(stranger).toEqual({ code: '42501', message: 'not_allowed' });
  });

  it('answers member_not_found for someone who is no manager there', async () => {
    const err = await sqlError(asActor(as(w.manager), (q) => q.query('select * from public.remove_manager($1, $2)', [w.accountA.id, w.adminOne.id])));
    expect(err).toEqual({ code: 'PT404', message: 'member_not_found' });
  });
});
