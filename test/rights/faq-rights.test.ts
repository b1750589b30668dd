// The FAQ's rights table, proven over REST with supabase-js for every kind of user, both ways.
// One table drives every case: each row is one right (FAQ wording where the FAQ has it) with the expected
// answer per actor; "Nein" must mean refused the way PostgREST refuses (no rows, 0 rows changed, or an
// error where PostgREST gives one), never an accident of the test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { anonClient, signIn } from '../support/clients.ts';
import { adminPool, asActorCommitted, closeAdminPool } from '../support/sql.ts';
import { addAdministrator, addManager, createPerson, createWorld, isAdministrator, isManager, TEST_PASSWORD, type World } from '../support/world.ts';

const ACTORS = ['anon', 'nobody', 'adminOne', 'adminTwo', 'manager', 'otherManager'] as const;
type Actor = (typeof ACTORS)[number];
type Answer = 'Ja' | 'Nein';

interface Ctx {
  w: World;
  db: SupabaseClient;
  actor: Actor;
}
/** Runs the right as the actor; resolves to true when it was granted. Refusals are checked for their form. */
type Probe = (ctx: Ctx) => Promise<boolean>;

/** A read: granted = the target row is returned; refused = no error and no row (anon: 401 permission denied). */
const read =
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
const invite =
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

/** The x: granted = the row is gone; refused = 0 rows deleted and the row still there (anon: 401). */
const removeManager: Probe = async ({ w, db, actor }) => {
  const target = await createPerson('removable-manager');
  await addManager(w.accountA, target);
  const { data, error, status } = await db.from('account_managers').delete().eq('account_id', w.accountA.id).eq('user_id', target.id).select();
  if (actor === 'anon') expect(status).toBe(401);
  else expect(error).toBeNull();
  const gone = !(await isManager(w.accountA, target));
  expect(gone).toBe((data ?? []).length === 1);
  return gone;
};

const removeAdministrator: Probe = async ({ w, db, actor }) => {
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
const seeOtherAdministrators: Probe = async ({ w, db, actor }) => {
  const { data, error, status } = await db.from('administrator_list').select('user_id,email').eq('cluster_id', w.a1.id).neq('user_id', w[actor as Exclude<Actor, 'anon'>]?.id ?? '00000000-0000-0000-0000-000000000000');
  if (actor === 'anon') {
    expect(status).toBe(401);
    return false;
  }
  expect(error).toBeNull();
  return (data ?? []).length > 0;
};

/** Accepting an invitation meant for someone else: always refused (403 invitation_wrong_user, anon 401). */
const acceptForeignInvitation: Probe = async ({ w, db, actor }) => {
  const { rows } = await asActorCommitted({ role: 'authenticated', userId: w.manager.id }, (q) =>
    q.query<{ token: string }>(`select token from public.create_invitation('administrator', $1, $2)`, [w.a1.id, `stranger-${Date.now()}-${actor}@example.com`]),
  );
  const { error, status } = await db.rpc('accept_invitation', { p_token: rows[0].token });
  expect(error).not.toBeNull();
  expect(status).toBe(actor === 'anon' ? 401 : 403);
  return false;
};

const ja = (...who: Actor[]): Record<Actor, Answer> => Object.fromEntries(ACTORS.map((a) => [a, who.includes(a) ? 'Ja' : 'Nein'])) as Record<Actor, Answer>;

const RIGHTS: { right: string; covers: string[]; probe: Probe; expected: Record<Actor, Answer> }[] = [
  // FAQ: Configuration in the Managed Center / Monitoring in the Monitoring Center: access to the cluster.
  { right: 'Managed/Monitoring Center: reach cluster a1 of account A', covers: ['clusters'], probe: read('clusters', (w) => ({ id: w.a1.id })), expected: ja('manager', 'adminOne') },
  { right: 'Managed/Monitoring Center: reach cluster a2 of account A', covers: ['clusters'], probe: read('clusters', (w) => ({ id: w.a2.id })), expected: ja('manager', 'adminTwo') },
  { right: 'Managed/Monitoring Center: reach cluster b1 of account B', covers: ['clusters'], probe: read('clusters', (w) => ({ id: w.b1.id })), expected: ja('otherManager', 'adminTwo') },
  { right: 'Overview lists cluster a1 (my_clusters)', covers: ['my_clusters'], probe: read('my_clusters', (w) => ({ id: w.a1.id })), expected: ja('manager', 'adminOne') },
  { right: 'Overview lists cluster b1 (my_clusters)', covers: ['my_clusters'], probe: read('my_clusters', (w) => ({ id: w.b1.id })), expected: ja('otherManager', 'adminTwo') },
  // Commercial data lives on the customer account: managers only.
  { right: 'See customer account A (contracts, invoices, orders belong to it)', covers: ['customer_accounts'], probe: read('customer_accounts', (w) => ({ id: w.accountA.id })), expected: ja('manager') },
  { right: 'See customer account B', covers: ['customer_accounts'], probe: read('customer_accounts', (w) => ({ id: w.accountB.id })), expected: ja('otherManager') },
  // FAQ: Add / remove managers from a client account.
  { right: 'Manage managers: see the managers of A', covers: ['manager_list'], probe: read('manager_list', (w) => ({ account_id: w.accountA.id, user_id: w.coManager.id })), expected: ja('manager') },
  { right: 'Manage managers: see the membership rows of A', covers: ['account_managers'], probe: read('account_managers', (w) => ({ account_id: w.accountA.id, user_id: w.coManager.id })), expected: ja('manager') },
  { right: 'Add manager to A (Invite manager)', covers: ['create_invitation'], probe: invite('manager', (w) => w.accountA.id), expected: ja('manager') },
  { right: 'Remove manager from A (the x)', covers: ['account_managers'], probe: removeManager, expected: ja('manager') },
  { right: 'See the open invitations of A', covers: ['invitations'], probe: read('invitations', (w) => ({ account_id: w.accountA.id }), 'id,email,expires_at'), expected: ja('manager') },
  // FAQ: Add / remove administrator from cluster.
  { right: 'Manage administrators: see the administrators of a1', covers: ['administrator_list', 'cluster_administrators'], probe: seeOtherAdministrators, expected: ja('manager') },
  { right: 'Add administrator to a1 (Invite administrator)', covers: ['create_invitation'], probe: invite('administrator', (w) => w.a1.id), expected: ja('manager') },
  { right: 'Add administrator to b1 (another account’s cluster)', covers: ['create_invitation'], probe: invite('administrator', (w) => w.b1.id), expected: ja('otherManager') },
  { right: 'Remove administrator from a1 (the x)', covers: ['cluster_administrators'], probe: removeAdministrator, expected: ja('manager') },
  // People
  { right: 'See the profile of a co-manager of A', covers: ['profiles'], probe: read('profiles', (w) => ({ id: w.coManager.id }), 'id,email'), expected: ja('manager') },
  { right: 'Accept an invitation bound to another address', covers: ['accept_invitation'], probe: acceptForeignInvitation, expected: ja() },
];

let w: World;
const clients = new Map<Actor, SupabaseClient>();

beforeAll(async () => {
  w = await createWorld();
  clients.set('anon', anonClient());
  for (const actor of ACTORS.filter((a) => a !== 'anon')) {
    clients.set(actor, (await signIn(w[actor as Exclude<Actor, 'anon'>].email, TEST_PASSWORD)).client);
  }
});
afterAll(closeAdminPool);

describe('FAQ rights table over REST', () => {
  const cases = RIGHTS.flatMap((r) => ACTORS.map((actor) => ({ ...r, actor, answer: r.expected[actor] })));
  it.each(cases)('$right — $actor: $answer', async ({ probe, actor, answer }) => {
    const granted = await probe({ w, db: clients.get(actor)!, actor });
    expect(granted ? 'Ja' : 'Nein').toBe(answer);
  });

  it('covers every table, view and function the API exposes', async () => {
    const { rows } = await adminPool().query<{ name: string }>(`
      select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('r', 'v', 'm', 'p')
         and (has_table_privilege('authenticated', c.oid, 'select') or has_table_privilege('anon', c.oid, 'select'))
      union
      select p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname = 'public' and (has_function_privilege('authenticated', p.oid, 'execute') or has_function_privilege('anon', p.oid, 'execute'))`);
    const covered = new Set(RIGHTS.flatMap((r) => r.covers).concat(['get_invitation' /* anon by design: test/db/invitations + test/contract */]));
    expect(rows.map((r) => r.name).filter((n) => !covered.has(n))).toEqual([]);
  });
});
