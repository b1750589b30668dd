// Invitations at the SQL level: who may invite, renewal, what the link shows, single use, bound address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminPool, asActor, asActorCommitted, closeAdminPool } from '../support/sql.ts';
import { createPerson, createWorld, isAdministrator, isManager, type Person, type World } from '../support/world.ts';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(closeAdminPool);

const as = (p: Person) => ({ role: 'authenticated' as const, userId: p.id, email: p.email });
const sqlError = (p: Promise<unknown>) => p.then(() => null, (e: { code?: string; message?: string }) => ({ code: e.code, message: e.message }));

async function invite(by: Person, role: 'manager' | 'administrator', targetId: string, email: string) {
  const { rows } = await asActorCommitted(as(by), (q) =>
    q.query('select * from public.create_invitation($1, $2, $3)', [role, targetId, email]),
  );
  return rows[0] as { invitation_id: string; token: string; email: string; expires_at: Date; target_number: string };
}
const accept = (who: Person, token: string) =>
  asActorCommitted(as(who), (q) => q.query('select * from public.accept_invitation($1)', [token]));

describe('create_invitation', () => {
  it('a manager invites a manager to their account and an administrator to its cluster', async () => {
    const m = await invite(w.manager, 'manager', w.accountA.id, '  New.Manager@Example.COM ');
    expect(m.email).toBe('new.manager@example.com');
    expect(m.target_number).toBe(w.accountA.customerNumber);
    expect(m.token).toMatch(/^[0-9a-f]{64}$/);
    const a = await invite(w.coManager, 'administrator', w.a2.id, 'new.admin@example.com');
    expect(a.target_number).toBe(w.a2.clusterNumber);
  });

  it('stores only the hash of the token, and no API role can read the hash', async () => {
    const inv = await invite(w.manager, 'manager', w.accountA.id, 'hash-check@example.com');
    const { rows } = await adminPool().query('select token_hash from public.invitations where id = $1', [inv.invitation_id]);
    expect(rows[0].token_hash).not.toContain(inv.token);
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    const err = await sqlError(asActor(as(w.manager), (q) => q.query('select token_hash from public.invitations')));
    expect(err?.code).toBe('42501');
  });

  it.each([
    ['an administrator of the cluster', () => w.adminOne, 'administrator', () => w.a1.id],
    ['an administrator (as manager invite)', () => w.adminOne, 'manager', () => w.accountA.id],
    ['a manager of another account (manager invite)', () => w.otherManager, 'manager', () => w.accountA.id],
    ['a manager of another account (administrator invite)', () => w.otherManager, 'administrator', () => w.a1.id],
    ['a user without memberships', () => w.nobody, 'administrator', () => w.a1.id],
    ['anyone, for an id that does not exist', () => w.manager, 'manager', () => '00000000-0000-4000-8000-0000000fffff'],
  ])('is refused for %s', async (_label, who, role, target) => {
    const err = await sqlError(
      asActor(as(who()), (q) => q.query('select * from public.create_invitation($1, $2, $3)', [role, target(), 'x@example.com'])),
    );
    expect(err).toEqual({ code: '42501', message: 'not_allowed' });
  });

  it('is not callable by anon', async () => {
    const err = await sqlError(
      asActor({ role: 'anon' }, (q) => q.query('select * from public.create_invitation($1, $2, $3)', ['manager', w.accountA.id, 'x@example.com'])),
    );
    expect(err?.code).toBe('42501');
  });

  it.each(['', 'no-at-sign', 'a@b', 'two@@example.com', 'space in@example.com', `${'x'.repeat(250)}@example.com`])(
    'refuses the address %j',
    async (email) => {
      const err = await sqlError(
        asActor(as(w.manager), (q) => q.query('select * from public.create_invitation($1, $2, $3)', ['manager', w.accountA.id, email])),
      );
      expect(err).toEqual({ code: 'P0001', message: 'invalid_email' });
    },
  );

  it('refuses to invite someone who already is a manager there', async () => {
    const err = await sqlError(
      asActor(as(w.manager), (q) => q.query('select * from public.create_invitation($1, $2, $3)', ['manager', w.accountA.id, w.coManager.email.toUpperCase()])),
    );
    expect(err).toEqual({ code: 'PT409', message: 'already_member' });
  });

  it('inviting the same address again renews the invitation and retires the old link', async () => {
    const first = await invite(w.manager, 'administrator', w.a1.id, 'renew@example.com');
    const second = await invite(w.coManager, 'administrator', w.a1.id, 'RENEW@example.com');
    expect(second.invitation_id).toBe(first.invitation_id);
    expect(second.token).not.toBe(first.token);
    const old = await sqlError(asActor({ role: 'anon' }, (q) => q.query('select * from public.get_invitation($1)', [first.token])));
    expect(old).toEqual({ code: 'PT404', message: 'invitation_not_found' });
  });
});

describe('get_invitation (what the link shows)', () => {
  it('shows inviter, target, role, masked address and state to anyone with the link, and changes nothing', async () => {
    const invitee = await createPerson('shown');
    const inv = await invite(w.manager, 'administrator', w.a1.id, invitee.email);
    for (let i = 0; i < 3; i++) {
      const { rows } = await asActor({ role: 'anon' }, (q) => q.query('select * from public.get_invitation($1)', [inv.token]));
      expect(rows[0]).toMatchObject({
        role: 'administrator',
        cluster_number: w.a1.clusterNumber,
        customer_number: w.accountA.customerNumber,
        inviter_email: w.manager.email,
        email_masked: `${invitee.email[0]}***@test.example`,
        state: 'pending',
      });
    }
    const { rows } = await adminPool().query('select accepted_at from public.invitations where id = $1', [inv.invitation_id]);
    expect(rows[0].accepted_at).toBeNull();
  });

  it('answers invitation_not_found for an unknown token', async () => {
    const err = await sqlError(asActor({ role: 'anon' }, (q) => q.query('select * from public.get_invitation($1)', ['f'.repeat(64)])));
    expect(err).toEqual({ code: 'PT404', message: 'invitation_not_found' });
  });
});

describe('accept_invitation', () => {
  it('makes the invited user administrator of the cluster, once', async () => {
    const invitee = await createPerson('accept-admin');
    const inv = await invite(w.manager, 'administrator', w.a2.id, invitee.email);
    const { rows } = await accept(invitee, inv.token);
    expect(rows[0]).toMatchObject({ role: 'administrator', cluster_id: w.a2.id });
    expect(await isAdministrator(w.a2, invitee)).toBe(true);
    const again = await sqlError(accept(invitee, inv.token));
    expect(again).toEqual({ code: 'P0001', message: 'invitation_used' });
  });

  it('makes an administrator of the account manager on acceptance, without a new signup', async () => {
    const inv = await invite(w.manager, 'manager', w.accountA.id, w.adminOne.email);
    await accept(w.adminOne, inv.token);
    expect(await isManager(w.accountA, w.adminOne)).toBe(true);
  });

  it('refuses a user signed in with another address and leaves the invitation pending', async () => {
    const invitee = await createPerson('right-person');
    const inv = await invite(w.manager, 'manager', w.accountA.id, invitee.email);
    const err = await sqlError(accept(w.nobody, inv.token));
    expect(err).toEqual({ code: '42501', message: 'invitation_wrong_user' });
    expect(await isManager(w.accountA, w.nobody)).toBe(false);
    const { rows } = await asActor({ role: 'anon' }, (q) => q.query('select state from public.get_invitation($1)', [inv.token]));
    expect(rows[0].state).toBe('pending');
  });

  it('refuses an expired invitation', async () => {
    const invitee = await createPerson('too-late');
    const inv = await invite(w.manager, 'administrator', w.a1.id, invitee.email);
    await adminPool().query("update public.invitations set expires_at = now() - interval '1 second' where id = $1", [inv.invitation_id]);
    expect(await sqlError(accept(invitee, inv.token))).toEqual({ code: 'P0001', message: 'invitation_expired' });
    expect(await isAdministrator(w.a1, invitee)).toBe(false);
  });

  it('refuses an unknown token and anon', async () => {
    const invitee = await createPerson('unknown-token');
    expect(await sqlError(accept(invitee, '0'.repeat(64)))).toEqual({ code: 'PT404', message: 'invitation_not_found' });
    const anon = await sqlError(asActor({ role: 'anon' }, (q) => q.query('select * from public.accept_invitation($1)', ['0'.repeat(64)])));
    expect(anon?.code).toBe('42501');
  });
});
