// The audit log: an entry for each kind of change (by users and the system), visible to the managers of the
// account only (not to administrators, not to other accounts), and unchangeable: no insert/update/delete
// through the API, no update/delete/truncate even for the dashboard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { adminPool, asActor, asActorCommitted, closeAdminPool } from '../support/sql.ts';
import { createPerson, createWorld, type Person, type World } from '../support/world.ts';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(closeAdminPool);

const as = (p: Person) => ({ role: 'authenticated' as const, userId: p.id, email: p.email });
const refusal = (p: Promise<unknown>) => p.then(() => null, (e: { code?: string; message?: string }) => ({ code: e.code, message: e.message }));
/** Entries written by the running transaction, read as superuser from the table itself. */
const written = async (q: pg.PoolClient) =>
  (await q.query(`select kind, actor_kind, actor_id, actor_label, account_id, cluster_id, subject_email, details
                    from audit.events where occurred_at = now() order by id`)).rows;
const asSuperuser = async <T>(q: pg.PoolClient, fn: () => Promise<T>): Promise<T> => {
  await q.query('reset role');
  try {
    return await fn();
  } finally {
    await q.query("select set_config('role', 'authenticated', true)");
  }
};

describe('an entry for each kind of change', () => {
  it('manager added (accepted invitation) and invitation created and accepted, by users', async () => {
    const invitee = await createPerson('audit-invitee');
    const { rows } = await asActorCommitted(as(w.manager), (q) => q.query('select token, invitation_id from public.create_invitation($1, $2, $3)', ['manager', w.accountA.id, invitee.email]));
    await asActor(as(invitee), async (q) => {
      await q.query('select * from public.accept_invitation($1)', [rows[0].token]);
      const entries = await asSuperuser(q, () => written(q));
      expect(entries.map((e) => [e.kind, e.actor_kind, e.actor_id])).toEqual([
        ['manager_added', 'user', invitee.id],
        ['invitation_accepted', 'user', invitee.id],
      ]);
      expect(entries[0]).toMatchObject({ account_id: w.accountA.id, subject_email: invitee.email, actor_label: invitee.email });
    });
    const created = (await adminPool().query(`select kind, actor_kind, actor_id, subject_email, details from audit.events where details ->> 'invitation_id' = $1 and kind = 'invitation_created'`, [rows[0].invitation_id])).rows;
    expect(created).toEqual([{ kind: 'invitation_created', actor_kind: 'user', actor_id: w.manager.id, subject_email: invitee.email, details: expect.objectContaining({ role: 'manager' }) }]);
  });

  it('invitation renewed (invited again later) and revoked', async () => {
    const email = `audit-renew-${Date.now()}@example.com`;
    const first = await asActorCommitted(as(w.manager), (q) => q.query('select invitation_id from public.create_invitation($1, $2, $3)', ['administrator', w.a1.id, email]));
    await asActor(as(w.coManager), async (q) => {
      await q.query('select * from public.create_invitation($1, $2, $3)', ['administrator', w.a1.id, email]);
      await q.query("reset role; select set_config('request.jwt.claims', '', true)"); // now the dashboard
      await q.query('update public.invitations set revoked_at = now() where id = $1', [first.rows[0].invitation_id]);
      expect((await written(q)).map((e) => [e.kind, e.actor_kind, e.cluster_id, e.account_id])).toEqual([
        ['invitation_renewed', 'user', w.a1.id, w.accountA.id],
        ['invitation_revoked', 'system', w.a1.id, w.accountA.id],
      ]);
    });
  });

  it('manager removed, contact person changed, customer data changed (changed columns only), by users', async () => {
    const extra = await createPerson('audit-extra');
    await adminPool().query('insert into public.account_managers (account_id, user_id) values ($1, $2)', [w.accountA.id, extra.id]);
    await asActor(as(w.manager), async (q) => {
      await q.query('select * from public.remove_manager($1, $2)', [w.accountA.id, extra.id]);
      await q.query('select * from public.set_contact_person($1, $2)', [w.accountA.id, w.coManager.id]);
      await q.query(`update public.customer_accounts set city = 'Audit City', company_name = 'Alpha Audit GmbH' where id = $1`, [w.accountA.id]);
      const entries = await asSuperuser(q, () => written(q));
      expect(entries.map((e) => [e.kind, e.actor_kind, e.actor_id, e.subject_email])).toEqual([
        ['manager_removed', 'user', w.manager.id, extra.email],
        ['contact_person_changed', 'user', w.manager.id, w.coManager.email],
        ['customer_data_changed', 'user', w.manager.id, null],
      ]);
      expect(entries[1].details).toMatchObject({ previous_contact_email: w.manager.email, new_contact_email: w.coManager.email });
      expect(entries[2].details).toEqual({ changes: { city: { old: null, new: 'Audit City' }, company_name: { old: 'Alpha Test GmbH', new: 'Alpha Audit GmbH' } } });
    });
  });

  it('administrator added and removed; account created; by the system (no signed-in user, e.g. the dashboard)', async () => {
    const admin = await createPerson('audit-admin');
    const q = await adminPool().connect();
    try {
      await q.query('begin');
      const { rows } = await q.query(`insert into public.customer_accounts (company_name) values ('Audit System GmbH') returning id`);
      await q.query('insert into public.cluster_administrators (cluster_id, user_id) values ($1, $2)', [w.a2.id, admin.id]);
      await q.query('delete from public.cluster_administrators where cluster_id = $1 and user_id = $2', [w.a2.id, admin.id]);
      expect((await written(q)).map((e) => [e.kind, e.actor_kind, e.actor_label, e.account_id, e.cluster_id])).toEqual([
        ['customer_account_created', 'system', 'postgres', rows[0].id, null],
        ['administrator_added', 'system', 'postgres', w.accountA.id, w.a2.id],
        ['administrator_removed', 'system', 'postgres', w.accountA.id, w.a2.id],
      ]);
    } finally {
      await q.query('rollback');
      q.release();
    }
  });
});

describe('who sees the audit log', () => {
  const visible = (who: Person, filter: string, id: string) =>
    asActor(as(who), async (q) => (await q.query(`select count(*)::int as n from public.audit_log where ${filter} = $1`, [id])).rows[0].n as number);

  it('managers see their account’s entries, including those of its clusters', async () => {
    expect(await visible(w.manager, 'account_id', w.accountA.id)).toBeGreaterThan(0);
    expect(await visible(w.manager, 'cluster_id', w.a1.id)).toBeGreaterThan(0);
    expect(await visible(w.otherManager, 'account_id', w.accountB.id)).toBeGreaterThan(0);
  });

  it('managers of other accounts, administrators (also of the account’s clusters) and users without a role see nothing', async () => {
    for (const who of [w.otherManager, w.adminOne, w.adminTwo, w.nobody]) {
      expect(await visible(who, 'account_id', w.accountA.id)).toBe(0);
      expect(await visible(who, 'cluster_id', w.a1.id)).toBe(0);
    }
    for (const who of [w.adminOne, w.adminTwo, w.nobody]) {
      const n = await asActor(as(who), async (q) => (await q.query('select count(*)::int as n from audit.events')).rows[0].n);
      expect(n).toBe(0);
    }
  });

  it('anon has no access at all', async () => {
    expect(await refusal(asActor({ role: 'anon' }, (q) => q.query('select * from public.audit_log limit 1')))).toMatchObject({ code: '42501' });
  });
});

describe('nobody can change the audit log', () => {
  it.each([
    ['update the view', `update public.audit_log set reason = 'forged' where account_id = $1`],
    ['delete from the view', 'delete from public.audit_log where account_id = $1'],
    ['update the table', `update audit.events set reason = 'forged' where account_id = $1`],
    ['delete from the table', 'delete from audit.events where account_id = $1'],
    ['insert into the table', `insert into audit.events (kind, actor_kind, account_id) values ('manager_added', 'user', $1)`],
  ])('a manager cannot %s (permission denied)', async (_label, sql) => {
    expect(await refusal(asActor(as(w.manager), (q) => q.query(sql, [w.accountA.id])))).toMatchObject({ code: '42501' });
  });

  it('not even the dashboard (postgres) can update, delete or truncate entries', async () => {
    for (const sql of [`update audit.events set reason = 'forged' where account_id = $1`, 'delete from audit.events where account_id = $1']) {
      expect(await refusal(adminPool().query(sql, [w.accountA.id]))).toEqual({ code: '42501', message: 'audit_log_append_only' });
    }
    expect(await refusal(adminPool().query('truncate audit.events'))).toEqual({ code: '42501', message: 'audit_log_append_only' });
  });
});
