// The database types of the API (schema public) in the shape `supabase gen types typescript` writes
// (Tables Row/Insert/Update/Relationships, Views, Functions Args/Returns, Enums), read from the catalog of a
// database built from the migrations. The Supabase CLI runs its generator (postgres-meta) inside Docker, which
// our machines do not have; this reads the same catalog facts with plain SQL.
import type pg from 'pg';

export const TYPES_FILES = ['web/src/data/database.types.ts', 'worker/src/database.types.ts'];
const SCHEMA = 'public';

interface Column {
  relname: string;
  relkind: string;
  attname: string;
  attnum: number;
  notnull: boolean;
  hasdefault: boolean;
  identity: string;
  generated: string;
  typoid: number;
}
interface TypeInfo {
  oid: number;
  typname: string;
  nspname: string;
  typtype: string;
  typcategory: string;
  typelem: number;
  typbasetype: number;
  typrelid: number;
  relname: string | null;
  relkind: string | null;
  labels: string[] | null;
}
interface Fn {
  proname: string;
  argnames: string[] | null;
  argmodes: string[] | null;
  argtypes: number[];
  nargdefaults: number;
  nargs: number;
  rettype: number;
  retset: boolean;
  identity_args: string;
}
interface Fk {
  conname: string;
  relname: string;
  columns: string[];
  refrelname: string;
  refcolumns: string[];
  one_to_one: boolean;
}

const q = (s: string) => JSON.stringify(s);
const key = (s: string) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(s) ? s : q(s));

export async function generateTypes(client: pg.Client | pg.PoolClient | pg.Pool): Promise<string> {
  const columns = (await client.query<Column>(
    `select c.relname, c.relkind::text as relkind, a.attname, a.attnum, a.attnotnull as notnull, a.atthasdef as hasdefault,
            a.attidentity::text as identity, a.attgenerated::text as generated, a.atttypid::int as typoid
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
       join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      where n.nspname = $1 and c.relkind in ('r', 'p', 'v', 'm')
      order by c.relname, a.attnum`,
    [SCHEMA],
  )).rows;
  const types = new Map<number, TypeInfo>(
    (await client.query<TypeInfo>(
      `select t.oid::int as oid, t.typname, n.nspname, t.typtype::text as typtype, t.typcategory::text as typcategory,
              t.typelem::int as typelem, t.typbasetype::int as typbasetype, t.typrelid::int as typrelid, c.relname, c.relkind::text as relkind,
              (select array_agg(e.enumlabel::text order by e.enumsortorder) from pg_enum e where e.enumtypid = t.oid) as labels
         from pg_type t join pg_namespace n on n.oid = t.typnamespace left join pg_class c on c.oid = t.typrelid`,
    )).rows.map((t) => [t.oid, t]),
  );
  const fns = (await client.query<Fn>(
    `select p.proname, p.proargnames as argnames, p.proargmodes::text[] as argmodes,
            coalesce(p.proallargtypes::int[], p.proargtypes::int[]) as argtypes, p.pronargdefaults as nargdefaults, p.pronargs as nargs,
            p.prorettype::int as rettype, p.proretset as retset, pg_get_function_identity_arguments(p.oid) as identity_args
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = $1 and p.prokind = 'f' and p.prorettype <> 'trigger'::regtype
      order by p.proname, pg_get_function_identity_arguments(p.oid)`,
    [SCHEMA],
  )).rows;
  const fks = (await client.query<Fk>(
    `select con.conname, c.relname,
            array(select a.attname::text from unnest(con.conkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.n order by k.i) as columns,
            rc.relname as refrelname,
            array(select a.attname::text from unnest(con.confkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.n order by k.i) as refcolumns,
            exists (select 1 from pg_index i where i.indrelid = con.conrelid and i.indisunique
                     and (select array_agg(x order by x) from unnest(i.indkey::int2[]) x) = (select array_agg(x order by x) from unnest(con.conkey) x)) as one_to_one
       from pg_constraint con join pg_class c on c.oid = con.conrelid join pg_namespace n on n.oid = c.relnamespace
       join pg_class rc on rc.oid = con.confrelid join pg_namespace rn on rn.oid = rc.relnamespace
      where con.contype = 'f' and n.nspname = $1 and rn.nspname = $1
      order by c.relname, con.conname`,
    [SCHEMA],
  )).rows;

  const tsType = (oid: number): string => {
    const t = types.get(oid);
    if (!t) return 'unknown';
    if (t.typcategory === 'A' && t.typelem) return `${wrap(tsType(t.typelem))}[]`;
    if (t.typtype === 'e') {
      return t.nspname === SCHEMA ? `Database[${q(SCHEMA)}]["Enums"][${q(t.typname)}]` : (t.labels ?? []).map(q).join(' | ') || 'string';
    }
    if (t.typtype === 'd') return tsType(t.typbasetype);
    if (t.typrelid && t.relname && t.nspname === SCHEMA) {
      return `Database[${q(SCHEMA)}][${q(t.relkind === 'v' || t.relkind === 'm' ? 'Views' : 'Tables')}][${q(t.relname)}]["Row"]`;
    }
    switch (t.typname) {
      case 'bool':
        return 'boolean';
      case 'int2': case 'int4': case 'int8': case 'float4': case 'float8': case 'numeric': case 'oid':
        return 'number';
      case 'json': case 'jsonb':
        return 'Json';
      case 'void':
        return 'undefined';
      case 'record':
        return 'Record<string, unknown>';
      case 'text': case 'varchar': case 'bpchar': case 'char': case 'name': case 'citext': case 'uuid': case 'date': case 'time': case 'timetz':
      case 'timestamp': case 'timestamptz': case 'interval': case 'inet': case 'cidr': case 'macaddr': case 'bytea': case 'tsvector':
        return 'string';
      default:
        return 'unknown';
    }
  };
  const wrap = (t: string) => (t.includes(' ') ? `(${t})` : t);

  const out: string[] = [];
  const line = (indent: number, s: string) => out.push('  '.repeat(indent) + s);
  const byRel = new Map<string, Column[]>();
  for (const c of columns) byRel.set(c.relname, [...(byRel.get(c.relname) ?? []), c]);
  const rels = (kinds: string[]) => [...byRel.entries()].filter(([, cols]) => kinds.includes(cols[0].relkind)).sort(([a], [b]) => a.localeCompare(b));
  const relationships = (rel: string, indent: number) => {
    const list = fks.filter((f) => f.relname === rel);
    if (list.length === 0) return line(indent, 'Relationships: []');
    line(indent, 'Relationships: [');
    for (const f of list) {
      line(indent + 1, '{');
      line(indent + 2, `foreignKeyName: ${q(f.conname)}`);
      line(indent + 2, `columns: [${f.columns.map(q).join(', ')}]`);
      line(indent + 2, `isOneToOne: ${f.one_to_one}`);
      line(indent + 2, `referencedRelation: ${q(f.refrelname)}`);
      line(indent + 2, `referencedColumns: [${f.refcolumns.map(q).join(', ')}]`);
      line(indent + 1, '},');
    }
    line(indent, ']');
  };

  out.push('// Generated by `npm run gen:types` (scripts/gen-types.ts) from the catalog of a database built from');
  out.push('// supabase/migrations. Do not edit: change a migration and run `npm run gen:types` (test/db/types.test.ts');
  out.push('// fails while this file is stale). Same shape as `supabase gen types typescript`.');
  out.push('export type Json = string | number | boolean | null | { [key: string]: Json | undefined } | Json[];');
  out.push('');
  out.push('export type Database = {');
  line(1, `${SCHEMA}: {`);

  line(2, 'Tables: {');
  for (const [rel, cols] of rels(['r', 'p'])) {
    line(3, `${key(rel)}: {`);
    line(4, 'Row: {');
    for (const c of cols) line(5, `${key(c.attname)}: ${tsType(c.typoid)}${c.notnull ? '' : ' | null'};`);
    line(4, '};');
    line(4, 'Insert: {');
    for (const c of cols) {
      if (c.generated === 's' || c.identity === 'a') line(5, `${key(c.attname)}?: never;`);
      else line(5, `${key(c.attname)}${c.notnull && !c.hasdefault && !c.identity ? '' : '?'}: ${tsType(c.typoid)}${c.notnull ? '' : ' | null'};`);
    }
    line(4, '};');
    line(4, 'Update: {');
    for (const c of cols) {
      if (c.generated === 's' || c.identity === 'a') line(5, `${key(c.attname)}?: never;`);
      else line(5, `${key(c.attname)}?: ${tsType(c.typoid)}${c.notnull ? '' : ' | null'};`);
    }
    line(4, '};');
    relationships(rel, 4);
    line(3, '};');
  }
  line(2, '};');

  line(2, 'Views: {');
  for (const [rel, cols] of rels(['v', 'm'])) {
    line(3, `${key(rel)}: {`);
    line(4, 'Row: {');
    for (const c of cols) line(5, `${key(c.attname)}: ${tsType(c.typoid)} | null;`);
    line(4, '};');
    line(4, 'Relationships: [];');
    line(3, '};');
  }
  line(2, '};');

  line(2, 'Functions: {');
  const byName = new Map<string, Fn[]>();
  for (const f of fns) byName.set(f.proname, [...(byName.get(f.proname) ?? []), f]);
  for (const [name, overloads] of [...byName.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const variants = overloads.map((f) => {
      const modes = f.argmodes ?? f.argtypes.map(() => 'i');
      const names = f.argnames ?? [];
      const inputs: string[] = [];
      const outputs: string[] = [];
      let inIndex = 0;
      f.argtypes.forEach((oid, i) => {
        const mode = modes[i];
        const n = names[i] || `arg${i}`;
        if (mode === 'i' || mode === 'b' || mode === 'v') {
          const optional = inIndex >= f.nargs - f.nargdefaults;
          inputs.push(`${key(n)}${optional ? '?' : ''}: ${tsType(oid)}`);
          inIndex++;
        }
        if (mode === 'o' || mode === 'b' || mode === 't') outputs.push(`${key(n)}: ${tsType(oid)}`);
      });
      let ret: string;
      if (outputs.length > 0) ret = `{ ${outputs.join('; ')} }${f.retset ? '[]' : ''}`;
      else ret = f.retset ? `${wrap(tsType(f.rettype))}[]` : tsType(f.rettype);
      const args = inputs.length ? `{ ${inputs.join('; ')} }` : 'Record<PropertyKey, never>';
      return `{ Args: ${args}; Returns: ${ret} }`;
    });
    line(3, `${key(name)}: ${variants.join(' | ')};`);
  }
  line(2, '};');

  line(2, 'Enums: {');
  const enums = [...types.values()].filter((t) => t.typtype === 'e' && t.nspname === SCHEMA).sort((a, b) => a.typname.localeCompare(b.typname));
  for (const e of enums) line(3, `${key(e.typname)}: ${(e.labels ?? []).map(q).join(' | ')};`);
  line(2, '};');
  line(2, 'CompositeTypes: { [_ in never]: never };');
  line(1, '};');
  out.push('};');
  out.push('');
  out.push(`type PublicSchema = Database[${q(SCHEMA)}];`);
  out.push('export type Tables<T extends keyof PublicSchema["Tables"]> = PublicSchema["Tables"][T]["Row"];');
  out.push('export type TablesInsert<T extends keyof PublicSchema["Tables"]> = PublicSchema["Tables"][T]["Insert"];');
  out.push('export type TablesUpdate<T extends keyof PublicSchema["Tables"]> = PublicSchema["Tables"][T]["Update"];');
  out.push('export type Views<T extends keyof PublicSchema["Views"]> = PublicSchema["Views"][T]["Row"];');
  out.push('export type Enums<T extends keyof PublicSchema["Enums"]> = PublicSchema["Enums"][T];');
  out.push('');
  return out.join('\n');
}
