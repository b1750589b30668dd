// The FAQ's rights table, proven over REST with supabase-js for every kind of user, both ways.
// The tables in ./tables drive every case: each row is one right (FAQ wording where the FAQ has it) with the
// expected answer per actor; "Nein" must mean refused the way PostgREST refuses (no rows, 0 rows changed,
// or an error where PostgREST gives one), never an accident of the test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { anonClient, signIn } from '../support/clients.ts';
import { adminPool, closeAdminPool } from '../support/sql.ts';
import { createWorld, TEST_PASSWORD, type World } from '../support/world.ts';
import { ACTORS, type Actor, type RightRow } from './probes.ts';

const tables = import.meta.glob<{ RIGHTS: RightRow[] }>('./tables/*.ts', { eager: true });
const RIGHTS = Object.values(tables).flatMap((t) => t.RIGHTS);

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
