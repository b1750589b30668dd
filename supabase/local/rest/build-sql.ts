// SQL for reads, writes and function calls, shaped like PostgREST's (a CTE or subquery aggregated with json_agg).
// Identifiers come from the catalog and are always quoted; every value from the request is a bound parameter.
// Every statement returns one row: body (JSON text), page_total (rows in the body/affected), total (count or null).
import type { Column, Relation, Routine } from './catalog.ts';
import type { Condition, Filter } from './parse-filters.ts';
import { SQL_OPERATORS } from './parse-filters.ts';
import type { OrderTerm } from './parse-order.ts';
import type { SelectItem } from './parse-select.ts';
import type { PageRange } from './range.ts';

export interface Statement {
  text: string;
  values: unknown[];
}

export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;
export const qualified = (schema: string, name: string): string => `${ident(schema)}.${ident(name)}`;

const FTS_FUNCTION: Record<string, string> = { fts: 'to_tsquery', plfts: 'plainto_tsquery', phfts: 'phraseto_tsquery', wfts: 'websearch_to_tsquery' };

function conditionSql(c: Condition, ref: string, params: Params): string {
  const col = `${ref}.${ident(c.column)}`;
  let sql: string;
  if (c.op === 'is') {
    sql = c.value === 'not_null' ? `${col} is not null` : `${col} is ${c.value}`;
  } else if (c.op === 'in') {
    sql = `${col} = any(${params.add(c.list ?? [])})`;
  } else if (c.op in FTS_FUNCTION) {
    const fn = FTS_FUNCTION[c.op];
    sql = c.config ? `${col} @@ ${fn}(${params.add(c.config)}::regconfig, ${params.add(c.value)})` : `${col} @@ ${fn}(${params.add(c.value)})`;
  } else {
    const op = SQL_OPERATORS[c.op];
    const likeValue = (v: string) => (c.op === 'like' || c.op === 'ilike' ? v.replace(/\*/g, '%') : v);
    sql = c.quantifier ? `${col} ${op} ${c.quantifier}(${params.add(likeValue(c.value))})` : `${col} ${op} ${params.add(likeValue(c.value))}`;
  }
  return c.negate ? `not (${sql})` : sql;
}

function filterSql(f: Filter, ref: string, params: Params): string {
  if (f.type === 'cond') return conditionSql(f, ref, params);
  const inner = `(${f.children.map((c) => filterSql(c, ref, params)).join(f.type === 'and' ? ' and ' : ' or ')})`;
  return f.negate ? `not ${inner}` : inner;
}

/** `where` clause for the filters (top-level filters are and-ed), columns qualified with `ref`. */
export function whereSql(filters: Filter[], ref: string, params: Params): string {
  if (filters.length === 0) return '';
  return ` where ${filters.map((f) => filterSql(f, ref, params)).join(' and ')}`;
}

export function selectListSql(items: SelectItem[], ref: string): string {
  return items
    .map((i) => {
      if (i.type === 'star') return `${ref}.*`;
      const expr = `${ref}.${ident(i.name)}${i.cast ? `::${i.cast}` : ''}`;
      return i.alias !== undefined || i.cast ? `${expr} as ${ident(i.alias ?? i.name)}` : expr;
    })
    .join(', ');
}

export function orderSql(order: OrderTerm[], ref: string): string {
  if (order.length === 0) return '';
  const terms = order.map((o) => `${ref}.${ident(o.column)}${o.direction ? ` ${o.direction}` : ''}${o.nulls ? ` nulls ${o.nulls}` : ''}`);
  return ` order by ${terms.join(', ')}`;
}

function pageSql(range: PageRange, params: Params): string {
  return `${range.limit !== null ? ` limit ${params.add(range.limit)}` : ''}${range.offset > 0 ? ` offset ${params.add(range.offset)}` : ''}`;
}

const AGGREGATE = `coalesce(json_agg(_pgrst_t), '[]')::text as body, count(_pgrst_t)::int as page_total`;

export interface ReadPlan {
  relation: Relation;
  select: SelectItem[];
  filters: Filter[];
  order: OrderTerm[];
  range: PageRange;
  count: boolean;
}

export function buildRead(plan: ReadPlan): Statement {
  const params = new Params();
  const rel = qualified(plan.relation.schema, plan.relation.name);
  const where = whereSql(plan.filters, rel, params);
  const total = plan.count ? `(select count(*) from ${rel}${where})` : 'null';
  const inner = `select ${selectListSql(plan.select, rel)} from ${rel}${where}${orderSql(plan.order, rel)}${pageSql(plan.range, params)}`;
  return { text: `select ${AGGREGATE}, ${total}::int8 as total from (${inner}) _pgrst_t`, values: params.values };
}

/** What a write gives back: nothing (`returning 1`), the primary key (for Location) or the selected columns. */
export type Returning = { kind: 'none' } | { kind: 'pk'; columns: string[] } | { kind: 'select'; select: SelectItem[] };

function returningSql(returning: Returning, rel: string): string {
  if (returning.kind === 'none' || (returning.kind === 'pk' && returning.columns.length === 0)) return 'returning 1';
  if (returning.kind === 'pk') return `returning ${returning.columns.map((c) => `${rel}.${ident(c)}`).join(', ')}`;
  if (returning.select.some((i) => i.type === 'star')) return `returning ${rel}.*`;
  const names = [...new Set(returning.select.map((i) => (i.type === 'field' ? i.name : '')))];
  return `returning ${names.map((n) => `${rel}.${ident(n)}`).join(', ')}`;
}

function outerWriteSql(returning: Returning): string {
  if (returning.kind === 'select') {
    return `select coalesce(json_agg(_pgrst_t), '[]')::text as body, count(_pgrst_t)::int as page_total, null::int8 as total from (select ${selectListSql(returning.select, '_pgrst_source')} from _pgrst_source) _pgrst_t`;
  }
  if (returning.kind === 'pk' && returning.columns.length > 0) {
    return `select coalesce(json_agg(_pgrst_source), '[]')::text as body, count(*)::int as page_total, null::int8 as total from _pgrst_source`;
  }
  return `select '[]'::text as body, count(*)::int as page_total, null::int8 as total from _pgrst_source`;
}

export interface InsertPlan {
  relation: Relation;
  columns: Column[];
  /** JSON array of objects */
  rows: unknown[];
  returning: Returning;
}

export function buildInsert(plan: InsertPlan): Statement {
  const params = new Params();
  const rel = qualified(plan.relation.schema, plan.relation.name);
  const cols = plan.columns.map((c) => ident(c.name)).join(', ');
  const source = `from json_populate_recordset(null::${rel}, ${params.add(JSON.stringify(plan.rows))}::json) _pgrst_body`;
  const insert = cols === '' ? `insert into ${rel} select ${source}` : `insert into ${rel} (${cols}) select ${cols} ${source}`;
  return { text: `with _pgrst_source as (${insert} ${returningSql(plan.returning, rel)}) ${outerWriteSql(plan.returning)}`, values: params.values };
}

export interface UpdatePlan {
  relation: Relation;
  columns: Column[];
  /** one JSON object */
  values: Record<string, unknown>;
  filters: Filter[];
  returning: Returning;
}

export function buildUpdate(plan: UpdatePlan): Statement {
  const params = new Params();
  const rel = qualified(plan.relation.schema, plan.relation.name);
  let cte: string;
  if (plan.columns.length === 0) {
    // Nothing to set: PostgREST changes nothing and reports no rows.
    cte = `select ${returningSql(plan.returning, rel).replace(/^returning /, '')} from ${rel} where false`;
  } else {
    const body = params.add(JSON.stringify(plan.values));
    const sets = plan.columns.map((c) => `${ident(c.name)} = _pgrst_body.${ident(c.name)}`).join(', ');
    const where = whereSql(plan.filters, rel, params);
    cte = `update ${rel} set ${sets} from (select * from json_populate_record(null::${rel}, ${body}::json)) _pgrst_body${where} ${returningSql(plan.returning, rel)}`;
  }
  return { text: `with _pgrst_source as (${cte}) ${outerWriteSql(plan.returning)}`, values: params.values };
}

export interface DeletePlan {
  relation: Relation;
  filters: Filter[];
  returning: Returning;
}

export function buildDelete(plan: DeletePlan): Statement {
  const params = new Params();
  const rel = qualified(plan.relation.schema, plan.relation.name);
  const cte = `delete from ${rel}${whereSql(plan.filters, rel, params)} ${returningSql(plan.returning, rel)}`;
  return { text: `with _pgrst_source as (${cte}) ${outerWriteSql(plan.returning)}`, values: params.values };
}

export interface CallPlan {
  routine: Routine;
  /** named arguments (values as JSON), or the whole body for a single unnamed json/jsonb parameter */
  args: Record<string, unknown>;
  singleJson: boolean;
  select: SelectItem[];
  filters: Filter[];
  order: OrderTerm[];
  range: PageRange;
  count: boolean;
}

export function buildCall(plan: CallPlan): Statement {
  const params = new Params();
  const r = plan.routine;
  const fn = qualified(r.schema, r.name);
  const from: string[] = [];
  let call: string;
  if (plan.singleJson) {
    call = `${fn}(${params.add(JSON.stringify(plan.args))}::${r.params[0].type})`;
  } else {
    const used = r.params.filter((p) => Object.prototype.hasOwnProperty.call(plan.args, p.name));
    if (used.length > 0) {
      const payload = params.add(JSON.stringify(plan.args));
      from.push(`(select ${payload}::json as j) _pgrst_payload`);
      from.push(`json_to_record(_pgrst_payload.j) as _pgrst_args(${used.map((p) => `${ident(p.name)} ${p.type}`).join(', ')})`);
    }
    call = `${fn}(${used.map((p) => `${ident(p.name)} := _pgrst_args.${ident(p.name)}`).join(', ')})`;
  }
  const fromSql = (last: string) => [...from, last].map((f, i) => (i === 0 ? f : `lateral ${f}`)).join(', ');

  if (r.returns === 'void') {
    return { text: `select ''::text as body, count(*)::int as page_total, null::int8 as total from ${fromSql(`(select ${call}) _pgrst_call`)}`, values: params.values };
  }
  if (r.returns === 'scalar' && !r.returnsSet) {
    const text = `select coalesce(to_json(_pgrst_call.pgrst_scalar)::text, 'null') as body, 1 as page_total, null::int8 as total from ${fromSql(`(select ${call} as pgrst_scalar) _pgrst_call`)}`;
    return { text, values: params.values };
  }
  const ref = '_pgrst_rpc';
  const source = r.returns === 'scalar' ? `${call} as ${ref}(pgrst_scalar)` : `${call} ${ref}`;
  const fromAll = fromSql(source);
  const where = whereSql(plan.filters, ref, params);
  const total = plan.count ? `(select count(*) from ${fromAll}${where})` : 'null';
  if (r.returns === 'scalar') {
    const inner = `select ${ref}.pgrst_scalar from ${fromAll}${where}${pageSql(plan.range, params)}`;
    return { text: `select coalesce(json_agg(_pgrst_t.pgrst_scalar), '[]')::text as body, count(_pgrst_t)::int as page_total, ${total}::int8 as total from (${inner}) _pgrst_t`, values: params.values };
  }
  const inner = `select ${selectListSql(plan.select, ref)} from ${fromAll}${where}${orderSql(plan.order, ref)}${r.returnsSet ? pageSql(plan.range, params) : ''}`;
  const body = r.returnsSet ? `coalesce(json_agg(_pgrst_t), '[]')::text` : `coalesce((json_agg(_pgrst_t) -> 0)::text, 'null')`;
  return { text: `select ${body} as body, count(_pgrst_t)::int as page_total, ${total}::int8 as total from (${inner}) _pgrst_t`, values: params.values };
}
