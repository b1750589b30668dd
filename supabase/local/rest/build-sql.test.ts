import { describe, expect, it } from 'vitest';
import { buildCall, buildDelete, buildInsert, buildRead, buildUpdate, ident } from './build-sql.ts';
import type { Relation } from './catalog.ts';
import { toRoutine } from './catalog.ts';
import { parseFilters } from './parse-filters.ts';
import { parseOrder } from './parse-order.ts';
import { parseSelect } from './parse-select.ts';

const col = (name: string, type = 'text') => ({ name, type, hasDefault: false, generated: false });
const rel: Relation = {
  schema: 'public',
  name: 'notes',
  kind: 'table',
  columns: new Map(['id', 'body', 'owner'].map((n) => [n, col(n)])),
  primaryKey: ['id'],
};
const ctx = { relation: 'notes', schema: 'public' };
const all = { offset: 0, limit: null };

describe('ident', () => {
  it('quotes and doubles embedded quotes', () => {
    expect(ident('a"b')).toBe('"a""b"');
  });
});

describe('buildRead', () => {
  it('binds every filter value and the page, never inlining them', () => {
    const filters = parseFilters([
      ['body', "eq.x'; drop table notes; --"],
      ['owner', 'in.(a,"b,c")'],
      ['or', '(body.like.*x*,id.is.null)'],
    ]);
    const s = buildRead({ relation: rel, select: parseSelect('id,b:body', ctx), filters, order: parseOrder('id.desc.nullslast'), range: { offset: 5, limit: 10 }, count: true });
    expect(s.values).toEqual(["x'; drop table notes; --", ['a', 'b,c'], '%x%', 10, 5]);
    expect(s.text).not.toContain('drop table');
    expect(s.text).toBe(
      `select coalesce(json_agg(_pgrst_t), '[]')::text as body, count(_pgrst_t)::int as page_total, ` +
        `(select count(*) from "public"."notes" where "public"."notes"."body" = $1 and "public"."notes"."owner" = any($2) and ("public"."notes"."body" like $3 or "public"."notes"."id" is null))::int8 as total ` +
        `from (select "public"."notes"."id", "public"."notes"."body" as "b" from "public"."notes" where "public"."notes"."body" = $1 and "public"."notes"."owner" = any($2) and ("public"."notes"."body" like $3 or "public"."notes"."id" is null) ` +
        `order by "public"."notes"."id" desc nulls last limit $4 offset $5) _pgrst_t`,
    );
  });

  it('negates conditions and logic trees', () => {
    const s = buildRead({ relation: rel, select: [{ type: 'star' }], filters: parseFilters([['id', 'not.eq.1'], ['not.or', '(id.eq.2,id.eq.3)']]), order: [], range: all, count: false });
    expect(s.text).toContain(`where not ("public"."notes"."id" = $1) and not ("public"."notes"."id" = $2 or "public"."notes"."id" = $3)`);
    expect(s.text).toContain('null::int8 as total');
  });
});

describe('writes', () => {
  it('inserts through json_populate_recordset with the payload as one parameter', () => {
    const s = buildInsert({ relation: rel, columns: [col('body')], rows: [{ body: 'x' }], returning: { kind: 'none' } });
    expect(s.text).toBe(
      `with _pgrst_source as (insert into "public"."notes" ("body") select "body" from json_populate_recordset(null::"public"."notes", $1::json) _pgrst_body returning 1) ` +
        `select '[]'::text as body, count(*)::int as page_total, null::int8 as total from _pgrst_source`,
    );
    expect(s.values).toEqual(['[{"body":"x"}]']);
  });

  it('returns only the selected columns with representation', () => {
    const s = buildInsert({ relation: rel, columns: [col('body')], rows: [{ body: 'x' }], returning: { kind: 'select', select: parseSelect('id,t:body', ctx) } });
    expect(s.text).toContain('returning "public"."notes"."id", "public"."notes"."body")');
    expect(s.text).toContain('select _pgrst_source."id", _pgrst_source."body" as "t" from _pgrst_source');
  });

  it('updates and deletes with qualified filter columns', () => {
    const u = buildUpdate({ relation: rel, columns: [col('body')], values: { body: 'y' }, filters: parseFilters([['id', 'eq.1']]), returning: { kind: 'none' } });
    expect(u.text).toContain(`update "public"."notes" set "body" = _pgrst_body."body" from (select * from json_populate_record(null::"public"."notes", $1::json)) _pgrst_body where "public"."notes"."id" = $2 returning 1`);
    expect(u.values).toEqual(['{"body":"y"}', '1']);
    const d = buildDelete({ relation: rel, filters: parseFilters([['id', 'eq.1']]), returning: { kind: 'pk', columns: ['id'] } });
    expect(d.text).toContain(`delete from "public"."notes" where "public"."notes"."id" = $1 returning "public"."notes"."id"`);
  });
});

describe('buildCall', () => {
  const routine = (over: Partial<Parameters<typeof toRoutine>[0]>) =>
    toRoutine({ schema: 'public', name: 'f', volatility: 'v', returns_set: false, n_defaults: 0, return_type: 'integer', return_typtype: 'b', args: [], return_columns: [], ...over });

  it('passes named arguments through json_to_record with catalog types', () => {
    const r = routine({ args: [{ name: 'a', type: 'integer', mode: 'i' }, { name: 'b', type: 'text', mode: 'i' }] });
    const s = buildCall({ routine: r, args: { a: 1, b: "'; select 1; --" }, singleJson: false, select: [{ type: 'star' }], filters: [], order: [], range: all, count: false });
    expect(s.text).toBe(
      `select coalesce(to_json(_pgrst_call.pgrst_scalar)::text, 'null') as body, 1 as page_total, null::int8 as total from (select $1::json as j) _pgrst_payload, ` +
        `lateral json_to_record(_pgrst_payload.j) as _pgrst_args("a" integer, "b" text), lateral (select "public"."f"("a" := _pgrst_args."a", "b" := _pgrst_args."b") as pgrst_scalar) _pgrst_call`,
    );
    expect(s.values).toEqual([JSON.stringify({ a: 1, b: "'; select 1; --" })]);
  });

  it('selects from set-returning functions with filters and page', () => {
    const r = routine({ returns_set: true, return_type: 'record', return_typtype: 'p', args: [{ name: 'id', type: 'uuid', mode: 't' }, { name: 'name', type: 'text', mode: 't' }] });
    expect(r.returns).toBe('composite');
    const s = buildCall({ routine: r, args: {}, singleJson: false, select: [{ type: 'star' }], filters: parseFilters([['name', 'eq.x']]), order: parseOrder('name'), range: { offset: 0, limit: 2 }, count: false });
    expect(s.text).toContain(`from (select _pgrst_rpc.* from "public"."f"() _pgrst_rpc where _pgrst_rpc."name" = $1 order by _pgrst_rpc."name" limit $2) _pgrst_t`);
  });
});

describe('toRoutine', () => {
  it('tells void, scalar and composite results apart and marks defaults', () => {
    const base = { schema: 'public', name: 'f', volatility: 's', returns_set: false, n_defaults: 1, return_typtype: 'b', return_columns: [] };
    const r = toRoutine({ ...base, return_type: 'void', args: [{ name: 'a', type: 'text', mode: 'i' }, { name: 'b', type: 'int', mode: 'i' }] });
    expect(r).toMatchObject({ returns: 'void', volatility: 'stable' });
    expect(r.params.map((p) => p.hasDefault)).toEqual([false, true]);
    expect(toRoutine({ ...base, n_defaults: 0, return_type: 'text', args: [] }).returns).toBe('scalar');
    const c = toRoutine({ ...base, n_defaults: 0, return_type: 'record', return_typtype: 'p', args: [{ name: 'x', type: 'text', mode: 'i' }, { name: 'o1', type: 'int', mode: 'o' }, { name: 'o2', type: 'int', mode: 'o' }] });
    expect(c.returns).toBe('composite');
    expect([...c.columns.keys()]).toEqual(['o1', 'o2']);
    expect(c.params.map((p) => p.name)).toEqual(['x']);
  });
});
