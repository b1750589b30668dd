// GET/HEAD on a table or view.
import { buildRead } from './build-sql.ts';
import type { CatalogSnapshot } from './catalog.ts';
import { RestError } from './errors.ts';
import { filterColumns, parseFilters } from './parse-filters.ts';
import { parseOrder } from './parse-order.ts';
import { parseSelect } from './parse-select.ts';
import type { Plan, RestRequest } from './plan.ts';
import { checkSingular, preferenceApplied, renderBody, respond } from './plan.ts';
import { parseRange, readRangeStatus } from './range.ts';
import { checkColumn, findRelation } from './resolve.ts';

export function planRead(req: RestRequest, snap: CatalogSnapshot): Plan {
  const relation = findRelation(snap, req.schema, req.target);
  const select = parseSelect(req.query.get('select'), { relation: relation.name, schema: req.schema });
  const filters = parseFilters(req.params);
  const order = parseOrder(req.query.get('order'));
  const range = parseRange(req.query.get('limit'), req.query.get('offset'), req.headers.get('range'), req.maxRows);
  for (const item of select) if (item.type === 'field') checkColumn(relation.columns, relation.name, item.name);
  for (const col of filterColumns(filters)) checkColumn(relation.columns, relation.name, col);
  for (const term of order) checkColumn(relation.columns, relation.name, term.column);
  const count = req.prefer.count !== undefined;

  return {
    readOnly: true,
    statement: buildRead({ relation, select, filters, order, range, count }),
    check(result) {
      const { status } = readRangeStatus(range.offset, result.pageTotal, result.total);
      if (status === 416) {
        throw new RestError(416, 'PGRST103', 'Requested range not satisfiable', `An offset of ${range.offset} was requested, but there are only ${result.total ?? 0} rows.`);
      }
      checkSingular(req.media, result.pageTotal);
    },
    respond(result) {
      const { status, contentRange } = readRangeStatus(range.offset, result.pageTotal, result.total);
      const headers = { 'Content-Range': contentRange, ...preferenceApplied(req.prefer, ['count']) };
      const body = req.method === 'HEAD' ? null : renderBody(req.media, result.body);
      return respond(status, headers, body, req.media.contentType);
    },
  };
}
