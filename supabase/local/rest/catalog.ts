// Schema cache: tables, views and functions of the exposed schemas, read from pg_catalog. Every identifier in
// a request is looked up here and the catalog's own spelling is what ends up (quoted) in SQL. A miss reloads
// the cache once per request (see app.ts), so a migration applied while the server runs is picked up.
import type pg from 'pg';

export interface Column {
  name: string;
  /** format_type() of the column: catalog text, safe to put in SQL */
  type: string;
  hasDefault: boolean;
  generated: boolean;
}

export interface Relation {
  schema: string;
  name: string;
  kind: 'table' | 'view' | 'materialized view' | 'foreign table';
  columns: Map<string, Column>;
  primaryKey: string[];
}

export interface RoutineParam {
  name: string;
  type: string;
  hasDefault: boolean;
}

export interface Routine {
  schema: string;
  name: string;
  /** input parameters (IN, INOUT, VARIADIC) in declaration order */
  params: RoutineParam[];
  volatility: 'volatile' | 'stable' | 'immutable';
  returnsSet: boolean;
  /** what one result row is: nothing, a single value or a record with `columns` */
  returns: 'void' | 'scalar' | 'composite';
  returnType: string;
  columns: Map<string, Column>;
}

export interface CatalogSnapshot {
  relations: Map<string, Map<string, Relation>>;
  routines: Map<string, Map<string, Routine[]>>;
}

const RELATIONS_SQL = `
select n.nspname as schema, c.relname as name, c.relkind as kind,
  coalesce((select json_agg(json_build_object(
      'name', a.attname, 'type', format_type(a.atttypid, a.atttypmod),
      'hasDefault', a.atthasdef or a.attidentity <> '', 'generated', a.attgenerated <> '') order by a.attnum)
    from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped), '[]') as columns,
  coalesce((select json_agg(a.attname order by k.ord)
    from pg_index i cross join unnest(i.indkey) with ordinality k(attnum, ord)
    join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
    where i.indrelid = c.oid and i.indisprimary), '[]') as primary_key
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where n.nspname = any($1::text[]) and c.relkind in ('r', 'p', 'v', 'm', 'f')`;

const ROUTINES_SQL = `
select n.nspname as schema, p.proname as name, p.provolatile as volatility, p.proretset as returns_set,
  p.pronargdefaults as n_defaults, format_type(p.prorettype, null) as return_type, t.typtype as return_typtype,
  coalesce((select json_agg(json_build_object(
      'name', coalesce(p.proargnames[k.i], ''), 'type', format_type(k.t, null), 'mode', coalesce(p.proargmodes[k.i], 'i'))
      order by k.i)
    from unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) with ordinality k(t, i)), '[]') as args,
  coalesce((select json_agg(json_build_object(
      'name', a.attname, 'type', format_type(a.atttypid, a.atttypmod), 'hasDefault', false, 'generated', false) order by a.attnum)
    from pg_attribute a where t.typtype = 'c' and a.attrelid = t.typrelid and a.attnum > 0 and not a.attisdropped), '[]') as return_columns
from pg_proc p join pg_namespace n on n.oid = p.pronamespace join pg_type t on t.oid = p.prorettype
where n.nspname = any($1::text[]) and p.prokind = 'f'`;

const RELKIND: Record<string, Relation['kind']> = { r: 'table', p: 'table', v: 'view', m: 'materialized view', f: 'foreign table' };
const VOLATILITY: Record<string, Routine['volatility']> = { v: 'volatile', s: 'stable', i: 'immutable' };

interface RawArg {
  name: string;
  type: string;
  mode: string;
}

function byName<T extends { name: string }>(items: T[]): Map<string, T> {
  return new Map(items.map((i) => [i.name, i]));
}

function insert<T>(map: Map<string, Map<string, T>>, schema: string, name: string, value: T): void {
  let inner = map.get(schema);
  if (!inner) map.set(schema, (inner = new Map()));
  inner.set(name, value);
}

/** Builds a routine from a pg_proc row (exported for unit tests). */
export function toRoutine(row: {
  schema: string;
  name: string;
  volatility: string;
  returns_set: boolean;
  n_defaults: number;
  return_type: string;
  return_typtype: string;
  args: RawArg[];
  return_columns: Column[];
}): Routine {
  const inputs = row.args.filter((a) => a.mode === 'i' || a.mode === 'b' || a.mode === 'v');
  const outputs = row.args.filter((a) => a.mode === 'o' || a.mode === 'b' || a.mode === 't');
  const firstDefault = inputs.length - row.n_defaults;
  const params = inputs.map((a, i) => ({ name: a.name, type: a.type, hasDefault: i >= firstDefault }));
  let returns: Routine['returns'] = 'scalar';
  let columns: Column[] = [];
  if (row.return_type === 'void') returns = 'void';
  else if (row.args.some((a) => a.mode === 't') || outputs.length > 1) {
    returns = 'composite';
    columns = outputs.map((a) => ({ name: a.name, type: a.type, hasDefault: false, generated: false }));
  } else if (row.return_typtype === 'c') {
    returns = 'composite';
    columns = row.return_columns;
  }
  return {
    schema: row.schema,
    name: row.name,
    params,
    volatility: VOLATILITY[row.volatility] ?? 'volatile',
    returnsSet: row.returns_set,
    returns,
    returnType: row.return_type,
    columns: byName(columns),
  };
}

export async function loadCatalog(pool: pg.Pool, schemas: string[]): Promise<CatalogSnapshot> {
  const [rels, procs] = await Promise.all([pool.query(RELATIONS_SQL, [schemas]), pool.query(ROUTINES_SQL, [schemas])]);
  const snapshot: CatalogSnapshot = { relations: new Map(), routines: new Map() };
  for (const r of rels.rows) {
    insert(snapshot.relations, r.schema, r.name, {
      schema: r.schema,
      name: r.name,
      kind: RELKIND[r.kind] ?? 'table',
      columns: byName(r.columns as Column[]),
      primaryKey: r.primary_key as string[],
    });
  }
  for (const row of procs.rows) {
    const routine = toRoutine(row);
    const list = snapshot.routines.get(routine.schema)?.get(routine.name) ?? [];
    list.push(routine);
    insert(snapshot.routines, routine.schema, routine.name, list);
  }
  return snapshot;
}

/** Loads lazily, shares one load between concurrent requests, reloads on demand. */
export class Catalog {
  private current: Promise<CatalogSnapshot> | null = null;

  constructor(
    private readonly pool: pg.Pool,
    private readonly schemas: string[],
  ) {}

  get(): Promise<CatalogSnapshot> {
    if (!this.current) this.current = this.load();
    return this.current;
  }

  reload(): Promise<CatalogSnapshot> {
    this.current = this.load();
    return this.current;
  }

  private load(): Promise<CatalogSnapshot> {
    const p = loadCatalog(this.pool, this.schemas);
    p.catch(() => {
      if (this.current === p) this.current = null;
    });
    return p;
  }
}

/** Closest name with a similarity of at least 0.75 (PostgREST's fuzzy hints use the same threshold). */
export function closestName(name: string, candidates: Iterable<string>): string | null {
  let best: string | null = null;
  let bestScore = 0.75;
  for (const c of candidates) {
    const score = similarity(name, c);
    if (score >= bestScore && c !== name) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

function similarity(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const d: number[] = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= y.length; j++) {
      const tmp = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (x[i - 1] === y[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return 1 - d[y.length] / Math.max(x.length, y.length, 1);
}
