// Found by review: a removed manager's open invitations go with them; managers are not invited as
// administrators of their own account's clusters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminPool, asActorCommitted, closeAdminPool } from '../support/sql.ts';
import { addManager, createPerson, createWorld, isManager, type Person, type World } from '../support/world.ts';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(closeAdminPool);

const as = (p: Person) => ({ role: 'authenticated' as const, userId: p.id, email: p.email });
const invite = (by: Person, role: string, target: string, email: string) =>
  asActorCommitted(as(by), (q) => q.query<{ token: string; invitation_id: string }>('select * from public.create_invitation($1, $2, $3)', [role, target, email])).then(
    (r) => r.rows[0],
  );

describe('invitation hardening', () => {
  it('removing a manager revokes the open invitations they sent for that account and its clusters', async () => {
    const leaver = await createPerson('leaver-inviter');
    await addManager(w.accountA, leaver);
    const toAccount = await invite(leaver, 'manager', w.accountA.id, 'leaver-private@example.com');
    const toCluster = await invite(leaver, 'administrator', w.a1.id, 'leaver-friend@example.com');
    const elsewhere = await invite(w.otherManager, 'manager', w.accountB.id, 'unrelated@example.com');

    await asActorCommitted(as(w.manager), (q) => q.query('select * from public.remove_manager($1, $2)', [w.accountA.id, leaver.id]));

    const { rows } = await adminPool().query('select id, revoked_at is not null as revoked from public.invitations where id = any($1::uuid[]) order by id', [
      [toAccount.invitation_id, toCluster.invitation_id, elsewhere.invitation_id],
    ]);
    const revoked = Object.fromEntries(rows.map((r) => [r.id, r.revoked]));
    expect(revoked).toEqual({ [toAccount.invitation_id]: true, [toCluster.invitation_id]: true, [elsewhere.invitation_id]: false });

    // and the link no longer works
    const privateAddress = await createPerson('leaver-private-account');
    await adminPool().query('update auth.users set email = $2 where id = $1', [privateAddress.id, 'leaver-private@example.com']);
    const accepted = await asActorCommitted(as({ id: privateAddress.id, email: 'leaver-private@example.com' }), (q) =>
      q.query('select * from public.accept_invitation($1)', [toAccount.token]),
    ).then(
      () => 'accepted',
      (e: { message: string }) => e.message,
    );
    expect(accepted).toBe('invitation_revoked');
    expect(await isManager(w.accountA, privateAddress)).toBe(false);
  });

  it('refuses to invite a manager of the account as administrator of its cluster', async () => {
    const err = await invite(w.manager, 'administrator', w.a2.id, w.coManager.email.toUpperCase()).then(
      () => null,
      (e: { code: string; message: string }) => ({ code: e.code, message: e.message }),
    );
    expect(err).toEqual({ code: 'PT409', message: 'already_member' });
  });
});
