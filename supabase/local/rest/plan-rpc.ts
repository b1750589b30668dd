// /rpc/<fn>: POST with JSON arguments, GET/HEAD with query-string arguments (always read only).
// Result shapes (SUPABASE-CONTRACT.md B6): void → 204, scalar → bare value, composite → object,
// setof composite/table → array of objects, setof scalar → array of values.
import { buildCall } from './build-sql.ts';
import type { CatalogSnapshot } from './catalog.ts';
import { RestError, invalidBody } from './errors.ts';
import { filterColumns, parseFilters } from './parse-filters.ts';
import { parseOrder } from './parse-order.ts';
import { parseSelect } from './parse-select.ts';
import type { Plan, RestRequest } from './plan.ts';
import { checkSingular, preferenceApplied, renderBody, respond } from './plan.ts';
import { parseRange, readRangeStatus } from './range.ts';
import { checkColumn, findRoutine, routineParamNames } from './resolve.ts';

export function planCall(req: RestRequest, snap: CatalogSnapshot): Plan {
  const read = req.method === 'GET' || req.method === 'HEAD';
  if (!read && req.method !== 'POST') {
    throw new RestError(405, 'PGRST101', `Cannot use the ${req.method} method on RPC`);
  }
  let args: Record<string, unknown>;
  let filterParams = req.params;
  if (read) {
    const names = routineParamNames(snap, req.schema, req.target);
    args = Object.fromEntries(req.params.filter(([k]) => names.has(k)));
    filterParams = req.params.filter(([k]) => !names.has(k));
  } else {
    const body = req.body === undefined ? {} : req.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidBody('Empty or invalid json');
    args = body as Record<string, unknown>;
  }
  const { routine, singleJson } = findRoutine(snap, req.schema, req.target, Object.keys(args), !read);
  const label = routine.name;
  const select = parseSelect(req.query.get('select'), { relation: label, schema: req.schema });
  const filters = parseFilters(filterParams);
  const order = parseOrder(req.query.get('order'));
  const range = parseRange(req.query.get('limit'), req.query.get('offset'), req.headers.get('range'), req.maxRows);
  const composite = routine.returns === 'composite';
  for (const item of select) if (item.type === 'field') checkColumn(routine.columns, label, item.name);
  for (const col of filterColumns(filters)) checkColumn(composite ? routine.columns : new Map(), label, col);
  for (const term of order) checkColumn(composite ? routine.columns : new Map(), label, term.column);
  const count = req.prefer.count !== undefined;
  const media = routine.returnsSet ? req.media : { ...req.media, singular: false };

  return {
    readOnly: read || routine.volatility !== 'volatile',
    statement: buildCall({ routine, args, singleJson, select, filters, order, range, count }),
    check(result) {
      if (routine.returnsSet) {
        const { status } = readRangeStatus(range.offset, result.pageTotal, result.total);
        if (status === 416) {
          throw new RestError(416, 'PGRST103', 'Requested range not satisfiable', `An offset of ${range.offset} was requested, but there are only ${result.total ?? 0} rows.`);
        }
        checkSingular(req.media, result.pageTotal);
      }
    },
    respond(result) {
      const { status, contentRange } = readRangeStatus(range.offset, result.pageTotal, result.total);
      const headers = { 'Content-Range': contentRange, ...preferenceApplied(req.prefer, ['count']) };
      if (routine.returns === 'void') return respond(204, headers, null);
      const body = req.method === 'HEAD' ? null : renderBody(media, result.body);
      return respond(routine.returnsSet ? status : 200, headers, body, req.media.contentType);
    },
  };
}
