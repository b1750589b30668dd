// PostgREST's error shape `{code, details, hint, message}` and its SQLSTATE → HTTP status mapping
// (PostgREST v13 Error.hs; SUPABASE-CONTRACT.md B5). Nothing here ever puts a stack trace in a response.
import pg from 'pg';

export interface ErrorBody {
  code: string;
  details: string | null;
  hint: string | null;
  message: string;
}

/** An error with a known HTTP answer. Everything the stand-in refuses on purpose is one of these. */
export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: string | null = null,
    readonly hint: string | null = null,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'RestError';
  }

  body(): ErrorBody {
    return { code: this.code, details: this.details, hint: this.hint, message: this.message };
  }
}

/** Status for a SQLSTATE, as PostgREST's mapSQLtoHTTP. `authenticated` = the request ran with a JWT role other than anon. */
export function statusForSqlState(code: string, message: string, authenticated: boolean): number {
  const two = code.slice(0, 2);
  if (two === '08') return 503;
  if (two === '09') return 500;
  if (two === '0L' || two === '0P') return 403;
  if (code === '23503' || code === '23505') return 409;
  if (code === '25006') return 405;
  if (code === '21000') return message.endsWith('requires a WHERE clause') ? 400 : 500;
  if (code === '22023') return /^role .* does not exist$/.test(message) ? 401 : 400;
  if (two === '25') return 500;
  if (two === '28') return 403;
  if (['2D', '38', '39', '3B', '40'].includes(two)) return 500;
  if (code === '53400') return 500;
  if (two === '53') return 503;
  if (two === '54' || two === '55') return 500;
  if (code === '57P01') return 503;
  if (['57', '58', 'F0', 'HV'].includes(two)) return 500;
  if (code === 'P0001') return 400;
  if (two === 'P0' || two === 'XX') return 500;
  if (code === '42883' || code === '42P01') return 404;
  if (code === '42P17') return 500;
  if (code === '42501') return authenticated ? 403 : 401;
  if (two === 'PT') {
    const n = Number(code.slice(2));
    return Number.isInteger(n) && n >= 200 && n <= 599 ? n : 500;
  }
  return 400;
}

/** `RAISE sqlstate 'PGRST' USING message = '{"code":..,"message":..}', detail = '{"status":..,"headers":{..}}'`. */
function fromRaisePgrst(err: pg.DatabaseError): RestError {
  try {
    const m = JSON.parse(err.message) as Record<string, unknown>;
    const d = JSON.parse(err.detail ?? '') as Record<string, unknown>;
    if (typeof m.code !== 'string' || typeof m.message !== 'string') throw new Error('bad message');
    if (typeof d.status !== 'number' || typeof d.headers !== 'object' || d.headers === null) throw new Error('bad detail');
    const status = Number.isInteger(d.status) && d.status >= 200 && d.status <= 599 ? d.status : 500;
    const headers = Object.fromEntries(Object.entries(d.headers).map(([k, v]) => [k, String(v)]));
    const str = (v: unknown) => (typeof v === 'string' ? v : null);
    return new RestError(status, m.code, m.message, str(m.details), str(m.hint), headers);
  } catch {
    return new RestError(500, 'PGRST121', 'Could not parse JSON in the "RAISE SQLSTATE \'PGRST\'" error', 'Invalid JSON value for MESSAGE or DETAIL', null);
  }
}

function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|EPIPE|57P0[1-3])$/.test(code);
}

/** Turns anything thrown while serving a request into the error PostgREST would answer with. */
export function toRestError(err: unknown, authenticated: boolean): RestError {
  if (err instanceof RestError) return err;
  if (err instanceof pg.DatabaseError && typeof err.code === 'string') {
    if (err.code === 'PGRST') return fromRaisePgrst(err);
    const status = statusForSqlState(err.code, err.message, authenticated);
    const headers: Record<string, string> = status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {};
    return new RestError(status, err.code, err.message, err.detail ?? null, err.hint ?? null, headers);
  }
  if (isConnectionError(err)) return new RestError(503, 'PGRST000', 'Database connection error. Retrying the connection.');
  return new RestError(500, 'PGRSTX00', 'Internal server error');
}

export function errorResponse(err: RestError): Response {
  const headers = new Headers(err.headers);
  headers.set('Content-Type', 'application/json; charset=utf-8');
  headers.set('Proxy-Status', `PostgREST; error=${err.code}`);
  return new Response(JSON.stringify(err.body()), { status: err.status, headers });
}

// Constructors for the PGRST errors the stand-in raises itself ----------------------------------------------

export const parseError = (what: string, input: string, details: string, column = 1) =>
  new RestError(400, 'PGRST100', `"failed to parse ${what} (${input})" (line 1, column ${column})`, details);

export const invalidBody = (message: string) => new RestError(400, 'PGRST102', message);

export const notImplemented = (details: string) => new RestError(400, 'PGRST127', 'Feature not implemented', details);
