// The Activity page's read (web/src/routes/activity.data.ts) over REST: kind and date filters, newest first;
// administrators of the account's clusters get an empty list.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { signIn } from '../support/clients.ts';
import { closeAdminPool } from '../support/sql.ts';
import { createWorld, TEST_PASSWORD, type World } from '../support/world.ts';
import { activityBounds } from '../../web/src/lib/activity.ts';

let w: World;
let manager: SupabaseClient;
let admin: SupabaseClient;
beforeAll(async () => {
  w = await createWorld();
  manager = (await signIn(w.manager.email, TEST_PASSWORD)).client;
  admin = (await signIn(w.adminOne.email, TEST_PASSWORD)).client;
});
afterAll(closeAdminPool);

const activity = (db: SupabaseClient, kind: 'administrator_added' | '', from: string, to: string) => {
  const b = activityBounds({ kind, from, to });
  let q = db.from('audit_log').select('id,occurred_at,kind,actor_kind,actor_email,cluster_number,subject_email,details').eq('account_id', w.accountA.id);
  if (b.kind) q = q.eq('kind', b.kind);
  if (b.gte) q = q.gte('occurred_at', b.gte);
  if (b.lt) q = q.lt('occurred_at', b.lt);
  return q.order('occurred_at', { ascending: false }).order('id', { ascending: false }).limit(200);
};
const today = () => new Date().toLocaleDateString('sv-SE');

it('a manager reads the entries of the account, filtered by kind and date, newest first', async () => {
  const all = await activity(manager, '', '', '');
  expect(all.error).toBeNull();
  const kinds = new Set(all.data!.map((r) => r.kind));
  for (const k of ['customer_account_created', 'manager_added', 'contact_person_changed', 'administrator_added']) expect(kinds).toContain(k);
  const ids = all.data!.map((r) => r.id as number);
  expect(ids).toEqual([...ids].sort((a, b) => b - a));

  const admins = await activity(manager, 'administrator_added', today(), today());
  expect(admins.data!.map((r) => [r.kind, r.subject_email]).sort()).toEqual(
    [['administrator_added', w.adminOne.email], ['administrator_added', w.adminTwo.email]].sort(),
  );
  const past = await activity(manager, '', '2020-01-01', '2020-01-31');
  expect(past.data).toEqual([]);
});

it('an administrator of the account’s cluster gets an empty list', async () => {
  const r = await activity(admin, '', '', '');
  expect(r.error).toBeNull();
  expect(r.data).toEqual([]);
});
