// `limit`/`offset` and the `Range` header, capped by max-rows, and the Content-Range/status PostgREST derives
// from them (RangeQuery.hs, Response.hs).
import { RestError, parseError } from './errors.ts';

export interface PageRange {
  offset: number;
  /** null = unlimited */
  limit: number | null;
}

function nonNegativeInt(name: string, raw: string): number {
  if (!/^-?\d+$/.test(raw)) throw parseError(`${name} parameter`, raw, `expecting an integer for ${name}`);
  const n = Number(raw);
  if (n < 0) {
    throw new RestError(416, 'PGRST103', 'Requested range not satisfiable', `${name === 'limit' ? 'Limit' : 'Offset'} should be greater than or equal to zero.`);
  }
  return n;
}

/** The requested page: intersection of the query parameters, the `Range` header and max-rows. */
export function parseRange(limitParam: string | null, offsetParam: string | null, rangeHeader: string | null, maxRows?: number): PageRange {
  let lower = offsetParam != null ? nonNegativeInt('offset', offsetParam) : 0;
  let upper = limitParam != null ? lower + nonNegativeInt('limit', limitParam) - 1 : Infinity;
  const m = rangeHeader ? /^(\d+)-(\d*)$/.exec(rangeHeader.trim()) : null;
  if (m) {
    const hLower = Number(m[1]);
    const hUpper = m[2] === '' ? Infinity : Number(m[2]);
    if (hLower > hUpper) {
      throw new RestError(416, 'PGRST103', 'Requested range not satisfiable', 'The lower boundary must be lower than or equal to the upper boundary in the Range header.');
    }
    lower = Math.max(lower, hLower);
    upper = Math.min(upper, hUpper);
  }
  if (maxRows !== undefined) upper = Math.min(upper, lower + maxRows - 1);
  return { offset: lower, limit: upper === Infinity ? null : Math.max(0, upper - lower + 1) };
}

/** `Content-Range` value: `lower-upper/total`, `*` for an empty page or an unknown total. */
export function contentRange(lower: number, upper: number, total: number | null): string {
  const range = total !== 0 && lower <= upper ? `${lower}-${upper}` : '*';
  return `${range}/${total ?? '*'}`;
}

/** Status and Content-Range of a read of `rows` rows starting at `offset` out of `total` (null = not counted). */
export function readRangeStatus(offset: number, rows: number, total: number | null): { status: number; contentRange: string } {
  const upper = offset + rows - 1;
  let status = 200;
  if (total !== null) {
    if (offset > total) status = 416;
    else if (1 + upper - offset < total) status = 206;
  }
  return { status, contentRange: contentRange(offset, upper, total) };
}
