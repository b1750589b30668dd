// The invitation lifecycle at the SQL level: invite (with its e-mail in the outbox), resend, revoke, expire,
// accept, re-invite, existing user, promotion of an administrator, wrong account, the configurable expiry,
// the open-invitations list the Manage dialogs show, and the notifications the memberships trigger.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminPool, asActor, asActorCommitted, closeAdminPool } from '../support/sql.ts';
import { addAdministrator, addManager, createAccount, createCluster, createPerson, createWorld, isManager, type Person, type World } from '../support/world.ts';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(closeAdminPool);

const as = (p: Person) => ({ role: 'authenticated' as const, userId: p.id, email: p.email });
const sqlError = (p: Promise<unknown>) => p.then(() => null, (e: { code?: string; message?: string }) => ({ code: e.code, message: e.message }));
const address = (label: string) => `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;

const invite = async (by: Person, role: 'manager' | 'administrator', targetId: string, email: string) =>
  (await asActorCommitted(as(by), (q) => q.query('select * from public.create_invitation($1, $2, $3)', [role, targetId, email]))).rows[0] as {
    invitation_id: string;
    token: string;
    expires_at: Date;
  };
const resend = async (by: Person, id: string) => (await asActorCommitted(as(by), (q) => q.query('select * from public.resend_invitation($1)', [id]))).rows[0];
const revoke = async (by: Person, id: string) => (await asActorCommitted(as(by), (q) => q.query('select * from public.revoke_invitation($1)', [id]))).rows[0];
const accept = (who: Person, token: string) => asActorCommitted(as(who), (q) => q.query('select * from public.accept_invitation($1)', [token]));
const open = async (by: Person, id: string) =>
  (await asActor(as(by), (q) => q.query('select state, delivery, email from public.open_invitations where id = $1', [id]))).rows[0];
const mails = async (id: string) =>
  (await adminPool().query(`select status, payload ? 'token' as has_token, payload ->> 'token' as token from app_private.email_outbox where invitation_id = $1 order by created_at, attempts`, [id])).rows;
const outboxTo = async (email: string, template?: string) =>
  (
    await adminPool().query(`select template, language, payload from app_private.email_outbox where to_email = $1 and ($2::text is null or template = $2) order by created_at`, [
      email.toLowerCase(),
      template ?? null,
    ])
  ).rows as { template: string; language: string; payload: Record<string, string> }[];

describe('invite, resend, revoke', () => {
  it('invite: the invitation e-mail is in the outbox with the token, pending, bound to the trimmed lower-case address', async () => {
    const email = address('life-invite');
    const inv = await invite(w.manager, 'manager', w.accountA.id, `  ${email.toUpperCase()} `);
    expect(await mails(inv.invitation_id)).toEqual([{ status: 'pending', has_token: true, token: inv.token }]);
    expect(await open(w.manager, inv.invitation_id)).toEqual({ state: 'pending', delivery: 'queued', email });
    expect(await open(w.coManager, inv.invitation_id)).toMatchObject({ state: 'pending' });
    // not visible to an administrator or another account's manager
    expect(await open(w.adminOne, inv.invitation_id)).toBeUndefined();
    expect(await open(w.otherManager, inv.invitation_id)).toBeUndefined();
  });

  it('resend: new token and expiry, the old link stops working, the unsent old e-mail is retired and its token scrubbed', async () => {
    const email = address('life-resend');
    const first = await invite(w.manager, 'administrator', w.a1.id, email);
    const again = await resend(w.coManager, first.invitation_id);
    expect(again.invitation_id).toBe(first.invitation_id);
    expect(new Date(again.expires_at).getTime()).toBeGreaterThanOrEqual(new Date(first.expires_at).getTime());
    const rows = await mails(first.invitation_id);
    expect(rows.map((r) => [r.status, r.has_token])).toEqual([
      ['failed', false],
      ['pending', true],
    ]);
    expect(rows[1].token).not.toBe(first.token);
    expect(await sqlError(accept(await createPersonWith(email), first.token))).toMatchObject({ message: 'invitation_not_found' });
  });

  it('resend and revoke are refused to everyone who does not manage the target', async () => {
    const inv = await invite(w.manager, 'administrator', w.a1.id, address('life-refused'));
    for (const who of [w.adminOne, w.otherManager, w.nobody]) {
      expect(await sqlError(asActor(as(who), (q) => q.query('select * from public.resend_invitation($1)', [inv.invitation_id])))).toEqual({ code: '42501', message: 'not_allowed' });
      expect(await sqlError(asActor(as(who), (q) => q.query('select * from public.revoke_invitation($1)', [inv.invitation_id])))).toEqual({ code: '42501', message: 'not_allowed' });
    }
    expect((await sqlError(asActor({ role: 'anon' }, (q) => q.query('select * from public.revoke_invitation($1)', [inv.invitation_id]))))?.code).toBe('42501');
  });

  it('revoke: the link stops working, the unsent e-mail is not sent, it leaves the list, resending it is refused', async () => {
    const email = address('life-revoke');
    const inv = await invite(w.manager, 'manager', w.accountA.id, email);
    await revoke(w.manager, inv.invitation_id);
    expect(await open(w.manager, inv.invitation_id)).toBeUndefined();
    expect(await mails(inv.invitation_id)).toEqual([{ status: 'failed', has_token: false, token: null }]);
    expect((await adminPool().query('select next_attempt_at from app_private.email_outbox where invitation_id = $1', [inv.invitation_id])).rows[0].next_attempt_at).toBeNull();
    expect(await sqlError(accept(await createPersonWith(email), inv.token))).toMatchObject({ message: 'invitation_revoked' });
    expect(await sqlError(asActor(as(w.manager), (q) => q.query('select * from public.resend_invitation($1)', [inv.invitation_id])))).toMatchObject({ message: 'invitation_revoked' });
  });

  it('resend keeps the rate limit per address', async () => {
    const inv = await invite(w.manager, 'administrator', w.a2.id, address('life-limit'));
    for (let i = 0; i < 4; i++) await resend(w.manager, inv.invitation_id);
    expect(await sqlError(asActor(as(w.manager), (q) => q.query('select * from public.resend_invitation($1)', [inv.invitation_id])))).toMatchObject({ code: 'PT429', message: 'rate_limited' });
  });
});

async function createPersonWith(email: string): Promise<Person> {
  const p = await createPerson('tmp');
  await adminPool().query('update auth.users set email = $2 where id = $1', [p.id, email]);
  return { id: p.id, email };
}

describe('expiry', () => {
  it('lasts invitation_expiry_days (default 7, configurable)', async () => {
    const week = await invite(w.manager, 'manager', w.accountA.id, address('life-week'));
    const days = (new Date(week.expires_at).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThan(7.01);
    await asActor(as(w.manager), async (q) => {
      await q.query('reset role');
      await q.query(`update app_private.settings set value = '2' where key = 'invitation_expiry_days'`);
      await q.query("select set_config('role', 'authenticated', true)");
      const { rows } = await q.query(`select extract(epoch from expires_at - now()) / 86400 as days from public.create_invitation('manager', $1, $2)`, [w.accountA.id, address('life-two')]);
      expect(Number(rows[0].days)).toBeCloseTo(2, 2);
    });
  });

  it('an expired invitation shows expired, cannot be accepted, and Resend renews it', async () => {
    const invitee = await createPerson('life-expired');
    const inv = await invite(w.manager, 'administrator', w.a1.id, invitee.email);
    await adminPool().query(`update public.invitations set expires_at = now() - interval '1 minute' where id = $1`, [inv.invitation_id]);
    expect(await open(w.manager, inv.invitation_id)).toMatchObject({ state: 'expired' });
    expect(await sqlError(accept(invitee, inv.token))).toMatchObject({ message: 'invitation_expired' });
    await resend(w.manager, inv.invitation_id);
    expect(await open(w.manager, inv.invitation_id)).toMatchObject({ state: 'pending' });
    const token = (await mails(inv.invitation_id)).at(-1)!.token;
    await accept(invitee, token);
    expect((await adminPool().query('select 1 from public.cluster_administrators where cluster_id = $1 and user_id = $2', [w.a1.id, invitee.id])).rowCount).toBe(1);
  });

  it('an invitation whose e-mail failed shows not_delivered until it is sent', async () => {
    const inv = await invite(w.manager, 'manager', w.accountA.id, address('life-undelivered'));
    await adminPool().query(`update public.invitations set delivery = 'failed' where id = $1`, [inv.invitation_id]);
    expect(await open(w.manager, inv.invitation_id)).toMatchObject({ state: 'not_delivered', delivery: 'failed' });
  });
});

describe('accept, re-invite, existing user, promotion, wrong account', () => {
  it('accept: single use; the list no longer shows it; re-inviting the same address afterwards is a new invitation', async () => {
    const invitee = await createPerson('life-accept');
    const cluster = await createCluster(w.accountA, 'life');
    const inv = await invite(w.manager, 'administrator', cluster.id, invitee.email);
    await accept(invitee, inv.token);
    expect(await open(w.manager, inv.invitation_id)).toBeUndefined();
    expect(await sqlError(accept(invitee, inv.token))).toMatchObject({ message: 'invitation_used' });
    await adminPool().query('delete from public.cluster_administrators where cluster_id = $1 and user_id = $2', [cluster.id, invitee.id]);
    const again = await invite(w.manager, 'administrator', cluster.id, invitee.email);
    expect(again.invitation_id).not.toBe(inv.invitation_id);
  });

  it('re-inviting a pending address renews it (same invitation, new token) instead of failing', async () => {
    const email = address('life-reinvite');
    const first = await invite(w.manager, 'manager', w.accountA.id, email);
    const second = await invite(w.coManager, 'manager', w.accountA.id, email.toUpperCase());
    expect(second.invitation_id).toBe(first.invitation_id);
    expect(second.token).not.toBe(first.token);
    expect((await adminPool().query('select count(*)::int as n from public.invitations where email = $1', [email])).rows[0].n).toBe(1);
  });

  it('an existing user is invited like anyone (no "already registered"); the e-mail goes out in their language', async () => {
    const existing = await createPerson('life-existing');
    await adminPool().query(`update public.profiles set language = 'en' where id = $1`, [existing.id]);
    const inv = await invite(w.manager, 'manager', w.accountA.id, existing.email);
    const [mail] = await outboxTo(existing.email, 'invitation');
    expect(mail).toMatchObject({ language: 'en', payload: expect.objectContaining({ invitation_id: inv.invitation_id, role: 'manager', target_number: w.accountA.customerNumber }) });
  });

  it('an administrator invited as manager of the same account becomes manager on acceptance', async () => {
    const admin = await createPerson('life-promote');
    await addAdministrator(w.a1, admin);
    const inv = await invite(w.manager, 'manager', w.accountA.id, admin.email);
    await accept(admin, inv.token);
    expect(await isManager(w.accountA, admin)).toBe(true);
  });

  it('accepting while signed in with another address is refused and the invitation stays pending', async () => {
    const inv = await invite(w.manager, 'manager', w.accountA.id, address('life-wrong'));
    expect(await sqlError(accept(w.nobody, inv.token))).toEqual({ code: '42501', message: 'invitation_wrong_user' });
    expect(await open(w.manager, inv.invitation_id)).toMatchObject({ state: 'pending' });
  });
});

describe('notifications written with the change', () => {
  it('manager added (by accepting): the other managers are told, not the new one', async () => {
    const [m1, m2, joiner] = [await createPerson('n-m1'), await createPerson('n-m2'), await createPerson('n-join')];
    const account = await createAccount([m1, m2], '<script>alert(1)</script> GmbH');
    const inv = await invite(m1, 'manager', account.id, joiner.email);
    await accept(joiner, inv.token);
    for (const m of [m1, m2]) {
      const mail = (await outboxTo(m.email, 'manager_added')).find((x) => x.payload.person_email === joiner.email);
      expect(mail?.payload).toMatchObject({ recipient: 'manager', account_number: account.customerNumber, company_name: '<script>alert(1)</script> GmbH', person_email: joiner.email, actor_email: joiner.email });
    }
    expect(await outboxTo(joiner.email, 'manager_added')).toEqual([]);
  });

  it('manager removed: the remaining managers and the removed person are told', async () => {
    const [m1, m2, m3] = [await createPerson('r-m1'), await createPerson('r-m2'), await createPerson('r-m3')];
    const account = await createAccount([m1, m2, m3]);
    await asActorCommitted(as(m1), (q) => q.query('select * from public.remove_manager($1, $2)', [account.id, m3.id]));
    expect((await outboxTo(m2.email, 'manager_removed')).map((m) => m.payload.recipient)).toEqual(['manager']);
    expect((await outboxTo(m1.email, 'manager_removed')).map((m) => m.payload.recipient)).toEqual(['manager']);
    expect((await outboxTo(m3.email, 'manager_removed')).map((m) => m.payload.recipient)).toEqual(['self']);
  });

  it('contact person changed: every manager is told, the new and the previous one in their own words', async () => {
    const [m1, m2, m3] = [await createPerson('c-m1'), await createPerson('c-m2'), await createPerson('c-m3')];
    const account = await createAccount([m1, m2, m3]);
    await asActorCommitted(as(m3), (q) => q.query('select * from public.set_contact_person($1, $2)', [account.id, m2.id]));
    expect((await outboxTo(m1.email, 'contact_person_changed')).map((m) => m.payload.recipient)).toEqual(['previous']);
    expect((await outboxTo(m2.email, 'contact_person_changed')).map((m) => m.payload.recipient)).toEqual(['new']);
    expect((await outboxTo(m3.email, 'contact_person_changed')).map((m) => m.payload.recipient)).toEqual(['manager']);
  });

  it('administrator added and removed: the administrator is told', async () => {
    const admin = await createPerson('a-admin');
    await addAdministrator(w.a2, admin);
    await asActorCommitted(as(w.manager), (q) => q.query('delete from public.cluster_administrators where cluster_id = $1 and user_id = $2', [w.a2.id, admin.id]));
    expect((await outboxTo(admin.email)).map((m) => m.template)).toEqual(['administrator_added', 'administrator_removed']);
    expect((await outboxTo(admin.email, 'administrator_removed'))[0].payload).toMatchObject({ cluster_number: w.a2.clusterNumber, actor_email: w.manager.email });
  });

  it('opt-outs: own rows only; added-notices can be turned off, security-relevant ones cannot', async () => {
    const [m1, m2] = [await createPerson('o-m1'), await createPerson('o-m2')];
    const account = await createAccount([m1]);
    await asActorCommitted(as(m1), (q) => q.query(`insert into public.notification_opt_outs (kind) values ('manager_added')`));
    for (const kind of ['manager_removed', 'contact_person_changed', 'administrator_removed']) {
      expect((await sqlError(asActor(as(m1), (q) => q.query('insert into public.notification_opt_outs (kind) values ($1)', [kind]))))?.code).toBe('23514');
    }
    // someone else's row: refused by RLS
    expect((await sqlError(asActor(as(m2), (q) => q.query(`insert into public.notification_opt_outs (user_id, kind) values ($1, 'administrator_added')`, [m1.id]))))?.code).toBe('42501');
    expect((await asActor(as(m2), (q) => q.query('select * from public.notification_opt_outs where user_id = $1', [m1.id]))).rows).toEqual([]);
    const settings = (await asActor(as(m1), (q) => q.query('select kind, receives, can_turn_off from public.my_notification_settings order by kind'))).rows;
    expect(settings).toEqual([
      { kind: 'manager_added', receives: false, can_turn_off: true },
      { kind: 'manager_removed', receives: true, can_turn_off: false },
      { kind: 'contact_person_changed', receives: true, can_turn_off: false },
      { kind: 'administrator_added', receives: true, can_turn_off: true },
      { kind: 'administrator_removed', receives: true, can_turn_off: false },
    ]);
    await addManager(account, m2);
    expect(await outboxTo(m1.email, 'manager_added')).toEqual([]);
    await asActorCommitted(as(m1), (q) => q.query('select * from public.remove_manager($1, $2)', [account.id, m2.id]));
    expect(await outboxTo(m1.email, 'manager_removed')).toHaveLength(1);
  });
});
