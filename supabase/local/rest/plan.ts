// What every handler produces: one statement, an in-transaction check, and how to answer with its result.
import { RestError } from './errors.ts';
import type { Statement } from './build-sql.ts';
import type { Media } from './negotiate.ts';
import { stripNulls } from './negotiate.ts';
import type { Preferences } from './prefer.ts';

export interface QueryResult {
  /** JSON text */
  body: string;
  pageTotal: number;
  total: number | null;
}

export interface Plan {
  readOnly: boolean;
  statement: Statement;
  /** runs inside the transaction after the statement; throwing rolls it back */
  check(result: QueryResult): void;
  respond(result: QueryResult): Response;
}

/** The parts of the HTTP request the planners read. */
export interface RestRequest {
  method: string;
  schema: string;
  /** relation or function name from the path */
  target: string;
  query: URLSearchParams;
  params: [string, string][];
  headers: Headers;
  prefer: Preferences;
  media: Media;
  /** parsed JSON body (undefined when there is none) */
  body: unknown;
  maxRows: number;
}

/** 406 PGRST116 when a singular response was asked for and the result is not exactly one row. */
export function checkSingular(media: Media, rows: number): void {
  if (media.singular && rows !== 1) {
    throw new RestError(406, 'PGRST116', 'Cannot coerce the result to a single JSON object', `The result contains ${rows} rows`);
  }
}

/** `max-affected` with `handling=strict` (PostgREST 13): more affected rows → 400 PGRST124, rolled back. */
export function checkMaxAffected(prefer: Preferences, rows: number): void {
  if (prefer.handling === 'strict' && prefer.maxAffected !== undefined && rows > prefer.maxAffected) {
    throw new RestError(400, 'PGRST124', 'Query result exceeds max-affected preference constraint', `The query affects ${rows} rows`);
  }
}

/** Body text for the negotiated media type: the array, or its only element. */
export function renderBody(media: Media, body: string): string {
  let value: unknown = JSON.parse(body);
  if (media.singular && Array.isArray(value)) value = value[0] ?? null;
  if (media.stripNulls) value = stripNulls(value);
  return JSON.stringify(value);
}

export function respond(status: number, headers: Record<string, string>, body: string | null, contentType?: string): Response {
  const h = new Headers(headers);
  if (body !== null && contentType) h.set('Content-Type', contentType);
  return new Response(body, { status, headers: h });
}

export function preferenceApplied(prefer: Preferences, keys: ('return' | 'count' | 'missing' | 'tx' | 'handling')[]): Record<string, string> {
  const applied = keys.filter((k) => prefer[k] !== undefined).map((k) => `${k}=${prefer[k]}`);
  return applied.length > 0 ? { 'Preference-Applied': applied.join(', ') } : {};
}
