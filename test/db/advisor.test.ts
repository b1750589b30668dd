// Fails on any advisor finding in our schema; and proves each check by feeding it a deliberately bad object
// (inside a rolled-back transaction).
import { afterAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { adminPool, closeAdminPool } from '../support/sql.ts';
import { CHECKS } from '../../scripts/lib/advisor-checks.ts';

afterAll(closeAdminPool);

async function findings(q: pg.Pool | pg.PoolClient, check: string): Promise<string[]> {
  const { sql, params = [] } = CHECKS[check];
  const { rows } = await q.query(sql, params);
  return rows.map((r) => Object.values(r)[0] as string);
}

describe('advisor: our schema', () => {
  it.each(Object.keys(CHECKS))('no finding: %s', async (check) => {
    expect(await findings(adminPool(), check)).toEqual([]);
  });
});

/** A bad object per check, and the text the finding must contain. */
const BAD: Record<string, { sql: string; finding: string }> = {
  'table without RLS in an exposed schema': { sql: 'create table public.bad_no_rls (id int primary key)', finding: 'bad_no_rls' },
  'policy on a table with RLS off': {
    sql: 'create table public.bad_rls_off (id int primary key); create policy "p" on public.bad_rls_off for select using (true)',
    finding: 'bad_rls_off',
  },
  'RLS on but no policy': { sql: 'create table public.bad_no_policy (id int primary key); alter table public.bad_no_policy enable row level security', finding: 'bad_no_policy' },
  'view without security_invoker in an exposed schema': { sql: 'create view public.bad_definer_view as select 1 as x', finding: 'bad_definer_view' },
  'auth.users reachable through an exposed view': {
    sql: 'create view public.bad_users_view with (security_invoker = true) as select id, email from auth.users',
    finding: 'bad_users_view',
  },
  'security definer function without a fixed search_path': {
    sql: 'create function public.bad_definer() returns int language sql security definer as $$ select 1 $$',
    finding: 'bad_definer',
  },
  'security definer function executable by anon/authenticated, not on the allow-list': {
    sql: "create function public.bad_open_definer() returns int language sql security definer set search_path = '' as $$ select 1 $$; grant execute on function public.bad_open_definer() to authenticated",
    finding: 'bad_open_definer',
  },
  'auth.*() or current_setting() in a policy not wrapped in (select ...)': {
    sql: "create table public.bad_unwrapped (id uuid primary key); alter table public.bad_unwrapped enable row level security; create policy \"p\" on public.bad_unwrapped for select to authenticated using (id = auth.uid() or current_setting('x', true) = 'y')",
    finding: 'bad_unwrapped',
  },
  'more than one permissive policy for the same role and action': {
    sql: 'create table public.bad_two (id int primary key); alter table public.bad_two enable row level security; create policy "a" on public.bad_two for select to authenticated using (id > 0); create policy "b" on public.bad_two for select to authenticated using (id < 0)',
    finding: 'bad_two',
  },
  'write policy that is using (true) or with check (true)': {
    sql: 'create table public.bad_open_write (id int primary key); alter table public.bad_open_write enable row level security; create policy "w" on public.bad_open_write for delete to authenticated using (true)',
    finding: 'bad_open_write',
  },
  'policy reading user_metadata': {
    sql: "create table public.bad_meta (id int primary key); alter table public.bad_meta enable row level security; create policy \"m\" on public.bad_meta for select to authenticated using ((select auth.jwt()) -> 'user_metadata' ->> 'role' = 'manager')",
    finding: 'bad_meta',
  },
  'foreign key without a covering index': {
    sql: 'create table public.bad_fk (id int primary key, account_id uuid references public.customer_accounts (id))',
    finding: 'bad_fk',
  },
  'table without a primary key': { sql: 'create table public.bad_no_pk (x int)', finding: 'bad_no_pk' },
};

describe('advisor: each check catches a bad object', () => {
  it('has a bad object for every check', () => {
    expect(Object.keys(BAD).sort()).toEqual(Object.keys(CHECKS).sort());
  });

  it.each(Object.keys(BAD))('%s', async (check) => {
    const client = await adminPool().connect();
    try {
      await client.query('begin');
      await client.query(BAD[check].sql);
      expect((await findings(client, check)).join('\n')).toContain(BAD[check].finding);
    } finally {
      await client.query('rollback');
      client.release();
    }
  });
});
