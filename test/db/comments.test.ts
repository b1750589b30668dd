// Legible in the Supabase dashboard: every schema, table, view, column, function and enum of the product
// carries a `comment on` (the table editor and the SQL editor show them to support staff).
import { afterAll, expect, it } from 'vitest';
import { adminPool, closeAdminPool } from '../support/sql.ts';

afterAll(closeAdminPool);

const SCHEMAS = ['public', 'app_private', 'audit', 'support'];

it('every schema, table, view, column, function and enum has a comment', async () => {
  const { rows } = await adminPool().query<{ missing: string }>(
    `with s as (select unnest($1::text[]) as nspname)
     select 'schema ' || n.nspname as missing from pg_namespace n join s using (nspname) where obj_description(n.oid, 'pg_namespace') is null
     union all
     select 'relation ' || n.nspname || '.' || c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace join s using (nspname)
      where c.relkind in ('r', 'v', 'm', 'p') and obj_description(c.oid, 'pg_class') is null
     union all
     select 'column ' || n.nspname || '.' || c.relname || '.' || a.attname from pg_class c join pg_namespace n on n.oid = c.relnamespace join s using (nspname)
       join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      where c.relkind in ('r', 'v', 'm', 'p') and col_description(c.oid, a.attnum) is null
     union all
     select 'function ' || p.oid::regprocedure::text from pg_proc p join pg_namespace n on n.oid = p.pronamespace join s using (nspname)
      where obj_description(p.oid, 'pg_proc') is null
     union all
     select 'type ' || n.nspname || '.' || t.typname from pg_type t join pg_namespace n on n.oid = t.typnamespace join s using (nspname)
      where t.typtype in ('e', 'd') and obj_description(t.oid, 'pg_type') is null
     order by 1`,
    [SCHEMAS],
  );
  expect(rows.map((r) => r.missing)).toEqual([]);
});
