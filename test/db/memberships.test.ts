// Removing managers and administrators (the x in the Manage dialogs), at the SQL level, as PostgREST runs it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminPool, asActor, asActorCommitted, closeAdminPool } from '../support/sql.ts';
import { addManager, createAccount, createCluster, createPerson, createWorld, isManager, type World } from '../support/world.ts';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(closeAdminPool);

const as = (p: { id: string; email: string }) => ({ role: 'authenticated' as const, userId: p.id, email: p.email });
const sqlError = (p: Promise<unknown>) => p.then(() => null, (e: { code?: string; message?: string }) => ({ code: e.code, message: e.message }));

describe('removing a manager (remove_manager)', () => {
  const removeSql = 'select * from public.remove_manager($1, $2)';

  it('a manager can remove a co-manager of the same account', async () => {
    const removed = await asActor(as(w.manager), (q) => q.query(removeSql, [w.accountA.id, w.coManager.id]));
    expect(removed.rows).toEqual([{ account_id: w.accountA.id, removed_user_id: w.coManager.id, contact_person_id: w.manager.id }]);
  });

  it.each([
    ['an administrator of the account’s cluster', () => w.adminOne],
    ['a manager of another account', () => w.otherManager],
    ['a user without memberships', () => w.nobody],
  ])('%s is refused (not_allowed) and nothing changes', async (_label, who) => {
    const err = await sqlError(asActor(as(who()), (q) => q.query(removeSql, [w.accountA.id, w.coManager.id])));
    expect(err).toEqual({ code: '42501', message: 'not_allowed' });
    expect(await isManager(w.accountA, w.coManager)).toBe(true);
  });

  it('there is no direct DELETE path, for users or anon: removal goes through the function that locks in order', async () => {
    for (const actor of [as(w.manager), { role: 'anon' as const }]) {
      const err = await sqlError(
        asActor(actor, (q) => q.query('delete from public.account_managers where account_id = $1 and user_id = $2', [w.accountA.id, w.coManager.id])),
      );
      expect(err?.code).toBe('42501');
    }
  });

  it('refuses to remove the contact person without a successor', async () => {
    const err = await sqlError(asActor(as(w.coManager), (q) => q.query(removeSql, [w.accountA.id, w.manager.id])));
    expect(err).toEqual({ code: 'P0001', message: 'contact_person_cannot_be_removed' });
  });

  it('refuses to remove the last manager', async () => {
    const solo = await createPerson('solo');
    const account = await createAccount([solo], 'Solo GmbH', { contact: false });
    const err = await sqlError(asActor(as(solo), (q) => q.query(removeSql, [account.id, solo.id])));
    expect(err).toEqual({ code: 'P0001', message: 'last_manager' });
  });

  it('the guard also holds for a direct delete by support staff in the dashboard (superuser)', async () => {
    const err = await sqlError(adminPool().query('delete from public.account_managers where account_id = $1 and user_id = $2', [w.accountA.id, w.manager.id]));
    expect(err).toEqual({ code: 'P0001', message: 'contact_person_cannot_be_removed' });
  });

  it('nobody can make themselves manager: no insert or update path', async () => {
    const insert = await sqlError(
      asActor(as(w.nobody), (q) => q.query('insert into public.account_managers (account_id, user_id) values ($1, $2)', [w.accountA.id, w.nobody.id])),
    );
    expect(insert?.code).toBe('42501');
    const update = await sqlError(
      asActor(as(w.manager), (q) => q.query('update public.account_managers set user_id = $2 where account_id = $1', [w.accountB.id, w.manager.id])),
    );
    expect(update?.code).toBe('42501');
  });

  it('a removed manager loses access with the very next statement', async () => {
    const leaver = await createPerson('leaver');
    await addManager(w.accountB, leaver);
    const before = await asActor(as(leaver), (q) => q.query('select id from public.customer_accounts'));
    expect(before.rows).toEqual([{ id: w.accountB.id }]);
    await asActorCommitted(as(w.otherManager), (q) => q.query('select * from public.remove_manager($1, $2)', [w.accountB.id, leaver.id]));
    const after = await asActor(as(leaver), (q) => q.query('select id from public.customer_accounts'));
    expect(after.rowCount).toBe(0);
    const clusters = await asActor(as(leaver), (q) => q.query('select id from public.clusters'));
    expect(clusters.rowCount).toBe(0);
  });
});

describe('removing an administrator', () => {
  it('a manager of the owning account can remove an administrator', async () => {
    const deleted = await asActor(as(w.coManager), (q) =>
      q.query('delete from public.cluster_administrators where cluster_id = $1 and user_id = $2 returning user_id', [w.a1.id, w.adminOne.id]),
    );
    expect(deleted.rows).toEqual([{ user_id: w.adminOne.id }]);
  });

  it.each([
    ['the administrator themself', () => w.adminOne],
    ['an administrator of another cluster of the account', () => w.adminTwo],
    ['a manager of another account', () => w.otherManager],
    ['a user without memberships', () => w.nobody],
  ])('%s removes nothing', async (_label, who) => {
    const deleted = await asActor(as(who()), (q) =>
      q.query('delete from public.cluster_administrators where cluster_id = $1 and user_id = $2 returning user_id', [w.a1.id, w.adminOne.id]),
    );
    expect(deleted.rowCount).toBe(0);
  });

  it('a manager of account B cannot remove the administrator of B’s cluster via account A’s cluster id', async () => {
    const deleted = await asActor(as(w.manager), (q) =>
      q.query('delete from public.cluster_administrators where cluster_id = $1 returning user_id', [w.b1.id]),
    );
    expect(deleted.rowCount).toBe(0);
  });

  it('a cluster removed from an administrator disappears from their overview at once', async () => {
    const admin = await createPerson('gone-admin');
    const cluster = await createCluster(w.accountB, 'temp');
    await adminPool().query('insert into public.cluster_administrators (cluster_id, user_id) values ($1, $2)', [cluster.id, admin.id]);
    const before = await asActor(as(admin), (q) => q.query('select cluster_number, my_role from public.my_clusters'));
    expect(before.rows).toEqual([{ cluster_number: cluster.clusterNumber, my_role: 'administrator' }]);
    await asActorCommitted(as(w.otherManager), (q) =>
      q.query('delete from public.cluster_administrators where cluster_id = $1 and user_id = $2', [cluster.id, admin.id]),
    );
    const after = await asActor(as(admin), (q) => q.query('select id from public.my_clusters'));
    expect(after.rowCount).toBe(0);
  });
});
