// POST (insert), PATCH (update) and DELETE on a table or view, with PostgREST's statuses and Content-Range.
import { buildDelete, buildInsert, buildUpdate } from './build-sql.ts';
import type { Returning } from './build-sql.ts';
import type { CatalogSnapshot, Column, Relation } from './catalog.ts';
import { RestError, invalidBody, notImplemented, parseError } from './errors.ts';
import { filterColumns, parseFilters } from './parse-filters.ts';
import { parseSelect } from './parse-select.ts';
import type { Plan, QueryResult, RestRequest } from './plan.ts';
import { checkMaxAffected, checkSingular, preferenceApplied, renderBody, respond } from './plan.ts';
import { contentRange } from './range.ts';
import { checkBodyColumn, checkColumn, findRelation } from './resolve.ts';
import { splitTopLevel, unquote } from './tokens.ts';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `columns="a","b"`: the payload keys to use, each a column of the relation. */
function parseColumnsParam(raw: string, relation: Relation): Column[] {
  const parts = splitTopLevel(raw);
  if (!parts || parts.some((p) => p === '')) throw parseError('columns', raw, 'expecting a comma separated list of column names');
  return [...new Set(parts.map(unquote))].map((c) => checkBodyColumn(relation, c));
}

/** Payload columns: the `columns` parameter, else the keys of the payload (all objects must have the same keys). */
function payloadColumns(req: RestRequest, relation: Relation, rows: Record<string, unknown>[]): Column[] {
  const param = req.query.get('columns');
  if (param !== null) return parseColumnsParam(param, relation);
  const first = Object.keys(rows[0] ?? {});
  const key = (o: Record<string, unknown>) => Object.keys(o).sort().join('\u0000');
  if (rows.some((r) => key(r) !== key(rows[0]))) throw invalidBody('All object keys must match');
  return first.map((c) => checkBodyColumn(relation, c));
}

function returningFor(req: RestRequest, relation: Relation): Returning {
  if (req.prefer.return === 'representation') {
    const select = parseSelect(req.query.get('select'), { relation: relation.name, schema: req.schema });
    for (const item of select) if (item.type === 'field') checkColumn(relation.columns, relation.name, item.name);
    return { kind: 'select', select };
  }
  if (req.prefer.return === 'headers-only') return { kind: 'pk', columns: relation.primaryKey };
  return { kind: 'none' };
}

function refuseUnsupported(req: RestRequest): void {
  if (req.prefer.resolution || req.query.has('on_conflict')) {
    throw notImplemented('upsert (Prefer: resolution=..., on_conflict) is not supported by the local REST stand-in');
  }
  if (req.prefer.missing === 'default') throw notImplemented('Prefer: missing=default is not supported by the local REST stand-in');
}

function filtersFor(req: RestRequest, relation: Relation) {
  const filters = parseFilters(req.params);
  for (const col of filterColumns(filters)) checkColumn(relation.columns, relation.name, col);
  if (req.query.has('limit') || req.query.has('offset')) {
    throw notImplemented('limit/offset on PATCH and DELETE are not supported by the local REST stand-in');
  }
  return filters;
}

/** Representation body, or nothing; Content-Type only when there is a body. */
function writeResponse(req: RestRequest, status: number, headers: Record<string, string>, result: QueryResult): Response {
  if (req.prefer.return === 'representation') return respond(status === 204 ? 200 : status, headers, renderBody(req.media, result.body), req.media.contentType);
  return respond(status, headers, null);
}

function countedRange(req: RestRequest, lower: number, upper: number, rows: number): string {
  return contentRange(lower, upper, req.prefer.count ? rows : null);
}

export function planInsert(req: RestRequest, snap: CatalogSnapshot): Plan {
  const relation = findRelation(snap, req.schema, req.target);
  refuseUnsupported(req);
  const body = req.body;
  const rows = Array.isArray(body) ? body : [body];
  if (body === undefined || !rows.every(isObject)) throw invalidBody('Empty or invalid json');
  const columns = payloadColumns(req, relation, rows as Record<string, unknown>[]);
  const returning = returningFor(req, relation);
  return {
    readOnly: false,
    statement: buildInsert({ relation, columns, rows, returning }),
    check(result) {
      checkSingular(req.media, result.pageTotal);
    },
    respond(result) {
      const headers: Record<string, string> = {
        'Content-Range': countedRange(req, 1, 0, result.pageTotal),
        ...preferenceApplied(req.prefer, ['return', 'count']),
      };
      if (returning.kind === 'pk' && returning.columns.length > 0) {
        const first = (JSON.parse(result.body) as Record<string, unknown>[])[0];
        if (first) {
          const qs = returning.columns.map((c) => `${encodeURIComponent(c)}=eq.${encodeURIComponent(String(first[c]))}`).join('&');
          headers.Location = `/${relation.name}?${qs}`;
        }
      }
      return writeResponse(req, 201, headers, result);
    },
  };
}

export function planUpdate(req: RestRequest, snap: CatalogSnapshot): Plan {
  const relation = findRelation(snap, req.schema, req.target);
  refuseUnsupported(req);
  if (!isObject(req.body)) throw invalidBody('Empty or invalid json');
  const values = req.body;
  const param = req.query.get('columns');
  const columns = param !== null ? parseColumnsParam(param, relation) : Object.keys(values).map((c) => checkBodyColumn(relation, c));
  const filters = filtersFor(req, relation);
  // Supabase loads pg-safeupdate for the API: an unfiltered UPDATE is refused.
  if (filters.length === 0 && columns.length > 0) throw new RestError(400, '21000', 'UPDATE requires a WHERE clause');
  const returning = returningFor(req, relation);
  return {
    readOnly: false,
    statement: buildUpdate({ relation, columns, values, filters, returning }),
    check(result) {
      checkMaxAffected(req.prefer, result.pageTotal);
      checkSingular(req.media, result.pageTotal);
    },
    respond(result) {
      const headers = {
        'Content-Range': countedRange(req, 0, result.pageTotal - 1, result.pageTotal),
        ...preferenceApplied(req.prefer, ['return', 'count', 'handling']),
      };
      return writeResponse(req, 204, headers, result);
    },
  };
}

export function planDelete(req: RestRequest, snap: CatalogSnapshot): Plan {
  const relation = findRelation(snap, req.schema, req.target);
  const filters = filtersFor(req, relation);
  if (filters.length === 0) throw new RestError(400, '21000', 'DELETE requires a WHERE clause');
  const returning = returningFor(req, relation);
  return {
    readOnly: false,
    statement: buildDelete({ relation, filters, returning }),
    check(result) {
      checkMaxAffected(req.prefer, result.pageTotal);
      checkSingular(req.media, result.pageTotal);
    },
    respond(result) {
      const headers = {
        'Content-Range': countedRange(req, 1, 0, result.pageTotal),
        ...preferenceApplied(req.prefer, ['return', 'count', 'handling']),
      };
      return writeResponse(req, 204, headers, result);
    },
  };
}
