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

/** The x: granted = the row is gone; refused = 0 rows deleted and the row still there (anon: 401). */
export const removeManager: Probe = async ({ w, db, actor }) => {
  const target = await createPerson('removable-manager');
  await addManager(w.accountA, target);
  const { data, error, status } = await db.from('account_managers').delete().eq('account_id', w.accountA.id).eq('user_id', target.id).select();
  if (actor === 'anon') expect(status).toBe(401);
  else expect(error).toBeNull();
  const gone = !(await isManager(w.accountA, target));
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
