// Probes for the rights tables: each runs one right as one actor over REST and says whether it was granted,
// checking that a refusal has the form PostgREST gives it.
import { expect } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { adminPool, asActorCommitted } from '../support/sql.ts';
import { addAdministrator, addManager, createPerson, isAdministrator, isManager, type World } from '../support/world.ts';

export const ACTORS = ['anon', 'nobody', 'adminOne', 'adminTwo', 'manager', 'otherManager'] as const;
export type Actor = (typeof ACTORS)[number];
export type Answer = 'Ja' | 'Nein';

export interface Ctx {
  w: World;
  db: SupabaseClient;
  actor: Actor;
}
/** Runs the right as the actor; resolves to true when it was granted. Refusals are checked for their form. */
export type Probe = (ctx: Ctx) => Promise<boolean>;

/** A read: granted = the target row is returned; refused = no error and no row (anon: 401 permission denied). */
export const read =
  (relation: string, filter: (w: World) => Record<string, string>, columns = '*'): Probe =>
  async ({ w, db, actor }) => {
    let query = db.from(relation).select(columns);
    for (const [k, v] of Object.entries(filter(w))) query = query.eq(k, v);
    const { data, error, status } = await query;
    if (actor === 'anon') {
      expect(status).toBe(401);
      expect(error?.code).toBe('42501');
      return false;
    }
    expect(error).toBeNull();
    return (data ?? []).length > 0;
  };

/** Invite over RPC: granted = a token comes back; refused = 403 not_allowed (anon: 401). */
export const invite =
  (role: 'manager' | 'administrator', target: (w: World) => string): Probe =>
  async ({ w, db, actor }) => {
    const { data, error, status } = await db.rpc('create_invitation', { p_role: role, p_target_id: target(w), p_email: `invitee-${actor}-${Date.now()}@example.com` });
    if (error) {
      expect(status).toBe(actor === 'anon' ? 401 : 403);
      if (actor !== 'anon') expect(error.message).toBe('not_allowed');
      return false;
    }
    expect(data[0].token).toMatch(/^[0-9a-f]{64}$/);
    return true;
  };

/** A direct DELETE on account_managers: nobody has it (removal only through remove_manager, which locks in order). */
export const removeManagerDirectly: Probe = async ({ w, db, actor }) => {
  const target = await createPerson('removable-manager');
  await addManager(w.accountA, target);
  const { data, error, status } = await db.from('account_managers').delete().eq('account_id', w.accountA.id).eq('user_id', target.id).select();
  const gone = !(await isManager(w.accountA, target));
  if (!gone) {
    expect(status).toBe(actor === 'anon' ? 401 : 403);
    expect(error?.code).toBe('42501');
  }
  expect(gone).toBe((data ?? []).length === 1);
  return gone;
};

export const removeAdministrator: Probe = async ({ w, db, actor }) => {
  const target = await createPerson('removable-admin');
  await addAdministrator(w.a1, target);
  const { data, error, status } = await db.from('cluster_administrators').delete().eq('cluster_id', w.a1.id).eq('user_id', target.id).select();
  if (actor === 'anon') expect(status).toBe(401);
  else expect(error).toBeNull();
  const gone = !(await isAdministrator(w.a1, target));
  expect(gone).toBe((data ?? []).length === 1);
  return gone;
};

/** Seeing the administrators of a cluster other than oneself (an administrator only sees their own assignment). */
export const seeOtherAdministrators: Probe = async ({ w, db, actor }) => {
  const { data, error, status } = await db.from('administrator_list').select('user_id,email').eq('cluster_id', w.a1.id).neq('user_id', w[actor as Exclude<Actor, 'anon'>]?.id ?? '00000000-0000-0000-0000-000000000000');
  if (actor === 'anon') {
    expect(status).toBe(401);
    return false;
  }
  expect(error).toBeNull();
  return (data ?? []).length > 0;
};

/** Accepting an invitation meant for someone else: always refused (403 invitation_wrong_user, anon 401). */
export const acceptForeignInvitation: Probe = async ({ w, db, actor }) => {
  const { rows } = await asActorCommitted({ role: 'authenticated', userId: w.manager.id }, (q) =>
    q.query<{ token: string }>(`select token from public.create_invitation('administrator', $1, $2)`, [w.a1.id, `stranger-${Date.now()}-${actor}@example.com`]),
  );
  const { error, status } = await db.rpc('accept_invitation', { p_token: rows[0].token });
  expect(error).not.toBeNull();
  expect(status).toBe(actor === 'anon' ? 401 : 403);
  return false;
};

/** A refused RPC: 403 not_allowed for a signed-in user, 401 for anon. */
function expectRpcRefused(actor: Actor, error: { message: string } | null, status: number) {
  expect(error).not.toBeNull();
  expect(status).toBe(actor === 'anon' ? 401 : 403);
  if (actor !== 'anon') expect(error!.message).toBe('not_allowed');
}

/** remove_manager over RPC (the x with handover support): granted = the manager is gone. */
export const removeManagerRpc: Probe = async ({ w, db, actor }) => {
  const target = await createPerson('rpc-removable-manager');
  await addManager(w.accountA, target);
  const { error, status } = await db.rpc('remove_manager', { p_account_id: w.accountA.id, p_user_id: target.id });
  const gone = !(await isManager(w.accountA, target));
  if (!gone) expectRpcRefused(actor, error, status);
  return gone;
};

/** set_contact_person ("Edit data"): granted = the contact person changed (restored afterwards). */
export const changeContactPerson: Probe = async ({ w, db, actor }) => {
  const { error, status } = await db.rpc('set_contact_person', { p_account_id: w.accountA.id, p_user_id: w.coManager.id });
  const { rows } = await adminPool().query('select contact_person_id from public.customer_accounts where id = $1', [w.accountA.id]);
  const changed = rows[0].contact_person_id === w.coManager.id;
  if (changed) await adminPool().query('update public.customer_accounts set contact_person_id = $2 where id = $1', [w.accountA.id, w.manager.id]);
  else expectRpcRefused(actor, error, status);
  return changed;
};

/** The expected answers: Ja for the actors named, Nein for everyone else. */
export const ja = (...who: Actor[]): Record<Actor, Answer> => Object.fromEntries(ACTORS.map((a) => [a, who.includes(a) ? 'Ja' : 'Nein'])) as Record<Actor, Answer>;


export interface RightRow {
  right: string;
  /** the exposed tables, views and functions this row exercises */
  covers: string[];
  probe: Probe;
  expected: Record<Actor, Answer>;
}

// Commercial area (issue: commercial area) -----------------------------------------------------------------

export interface CommercialFixtures {
  contractA: string;
  contractB: string;
  invoiceA: string;
  invoiceB: string;
  orderA: string;
  contactChangeA: string;
}
const commercial = new WeakMap<World, Promise<CommercialFixtures>>();

/** Contracts, invoices (issued by the back-office function), an order and a contact change for accounts A and B, once per world. */
export function commercialFixtures(w: World): Promise<CommercialFixtures> {
  let f = commercial.get(w);
  if (!f) {
    f = (async () => {
      const db = adminPool();
      const contract = async (accountId: string, clusterId: string) =>
        (await db.query<{ id: string }>(
          `insert into public.contracts (account_id, cluster_id, plan_code, product_name, starts_on, term_months, monthly_price_cents)
           values ($1, $2, 'managed-m', 'Managed Cluster M', date '2026-01-01', 12, 29900) returning id`,
          [accountId, clusterId],
        )).rows[0].id;
      const invoice = async (accountId: string) =>
        (await db.query<{ id: string }>(`select id from public.issue_invoice($1, date '2026-11-01', date '2026-11-30', date '2026-12-01')`, [accountId])).rows[0].id;
      const contractA = await contract(w.accountA.id, w.a1.id);
      const contractB = await contract(w.accountB.id, w.b1.id);
      const invoiceA = await invoice(w.accountA.id);
      const invoiceB = await invoice(w.accountB.id);
      const orderA = (await db.query<{ id: string }>(`insert into public.orders (account_id, kind, domain_name, ordered_by) values ($1, 'domain', 'probe-a.example', $2) returning id`, [w.accountA.id, w.manager.id])).rows[0].id;
      const contactChangeA = (await db.query<{ id: string }>(
        `insert into public.contact_person_changes (account_id, previous_contact_id, new_contact_id, changed_by) values ($1, $2, $2, $2) returning id`,
        [w.accountA.id, w.manager.id],
      )).rows[0].id;
      return { contractA, contractB, invoiceA, invoiceB, orderA, contactChangeA };
    })();
    commercial.set(w, f);
  }
  return f;
}

/** A read of a commercial row: like read(), with the filter taken from the fixtures. */
export const readCommercial =
  (relation: string, filter: (f: CommercialFixtures, w: World) => Record<string, string>, columns = '*'): Probe =>
  async (ctx) => {
    const f = await commercialFixtures(ctx.w);
    return read(relation, (w) => filter(f, w), columns)(ctx);
  };

/** Edit data: PATCH customer_accounts (billing city). Granted = the row changed (restored afterwards); refused = 0 rows. */
export const editAccountData =
  (account: (w: World) => { id: string }): Probe =>
  async ({ w, db, actor }) => {
    const id = account(w).id;
    const before = (await adminPool().query('select city from public.customer_accounts where id = $1', [id])).rows[0].city;
    const city = `Probe ${actor} ${Date.now()}`;
    const { data, error, status } = await db.from('customer_accounts').update({ city }).eq('id', id).select('id');
    if (actor === 'anon') expect(status).toBe(401);
    else expect(error).toBeNull();
    const after = (await adminPool().query('select city from public.customer_accounts where id = $1', [id])).rows[0].city;
    const changed = after === city;
    expect(changed).toBe((data ?? []).length === 1);
    if (changed) await adminPool().query('update public.customer_accounts set city = $2 where id = $1', [id, before]);
    return changed;
  };

/** Order form: place_order (a domain) for account A. Granted = a pending order exists (removed afterwards). */
export const placeOrderForA: Probe = async ({ w, db, actor }) => {
  const domain = `probe-${actor.toLowerCase()}-${Date.now()}.example`;
  const { data, error, status } = await db.rpc('place_order', { p_account_id: w.accountA.id, p_kind: 'domain', p_domain_name: domain });
  const { rows } = await adminPool().query('select id, status from public.orders where account_id = $1 and domain_name = $2', [w.accountA.id, domain]);
  if (rows.length === 0) {
    expectRpcRefused(actor, error, status);
    return false;
  }
  expect(rows[0].status).toBe('pending');
  expect(data.id).toBe(rows[0].id);
  await adminPool().query('delete from public.orders where id = $1', [rows[0].id]);
  return true;
};

/** First order: place_first_order. Granted = a new account with the caller as manager and contact person and a pending order (removed afterwards). */
export const placeFirstOrder: Probe = async ({ w, db, actor }) => {
  const { data, error, status } = await db.rpc('place_first_order', { p_company_name: `First ${actor} GmbH`, p_plan_code: 'managed-s', p_cluster_name: 'web' });
  if (error) {
    expect(status).toBe(actor === 'anon' ? 401 : 409);
    if (actor !== 'anon') expect(error.message).toBe('already_customer');
    return false;
  }
  const accountId = data[0].account_id as string;
  const me = w[actor as Exclude<Actor, 'anon'>].id;
  const { rows } = await adminPool().query(
    `select a.contact_person_id, (select count(*)::int from public.account_managers m where m.account_id = a.id and m.user_id = $2) as managers,
            (select status from public.orders o where o.account_id = a.id) as order_status
       from public.customer_accounts a where a.id = $1`,
    [accountId, me],
  );
  expect(rows[0]).toEqual({ contact_person_id: me, managers: 1, order_status: 'pending' });
  await adminPool().query('delete from public.orders where account_id = $1', [accountId]);
  await adminPool().query('delete from public.customer_accounts where id = $1', [accountId]);
  return true;
};
