// Local PostgREST stand-in: the subset of PostgREST v13 that postgrest-js sends for this app, served by Hono.
// Routes are relative to the mount point (server.ts mounts it at /rest/v1 behind the apikey check and CORS).
// Each request: negotiate → identify the role from the JWT → plan against the schema cache → one transaction
// (SET LOCAL ROLE + request.* settings, the statement, an in-transaction check) → PostgREST's response.
import { Hono } from 'hono';
import type { Context } from 'hono';
import type pg from 'pg';
import { identify } from './auth.ts';
import type { Identity } from './auth.ts';
import { Catalog } from './catalog.ts';
import type { CatalogSnapshot } from './catalog.ts';
import { RestError, errorResponse, invalidBody, toRestError } from './errors.ts';
import { negotiateMedia, negotiateSchema } from './negotiate.ts';
import type { Plan, QueryResult, RestRequest } from './plan.ts';
import { planRead } from './plan-read.ts';
import { planCall } from './plan-rpc.ts';
import { planDelete, planInsert, planUpdate } from './plan-write.ts';
import { parsePrefer } from './prefer.ts';
import { CatalogMiss } from './resolve.ts';
import { inTransaction } from './transaction.ts';

export interface RestAppOptions {
  /** connects as `authenticator` */
  pool: pg.Pool;
  /** returns the claims of a valid token, throws otherwise */
  verifyJwt: (token: string) => Promise<Record<string, unknown>>;
  /** exposed schemas, the first is the default (default ['public']) */
  schemas?: string[];
  /** role for requests without a token (default 'anon') */
  anonRole?: string;
  /** cap on rows per read (default 1000, as Supabase) */
  maxRows?: number;
  /** schemas appended to search_path (default public, extensions, as Supabase's db-extra-search-path) */
  extraSearchPath?: string[];
}

/** Bodies above this size are refused before parsing. */
export const MAX_BODY_BYTES = 1024 * 1024;

type Planner = (req: RestRequest, snap: CatalogSnapshot) => Plan;

async function readBody(c: Context): Promise<unknown> {
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw invalidBody(`Request body larger than ${MAX_BODY_BYTES} bytes`);
  const text = await c.req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw invalidBody(`Request body larger than ${MAX_BODY_BYTES} bytes`);
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw invalidBody('Empty or invalid json');
  }
}

function headerObject(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, key) => {
    out[key.toLowerCase()] = value;
  });
  return out;
}

function cookieObject(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}

export function createRestApp(opts: RestAppOptions): Hono {
  const schemas = opts.schemas ?? ['public'];
  const anonRole = opts.anonRole ?? 'anon';
  const maxRows = opts.maxRows ?? 1000;
  const extraSearchPath = opts.extraSearchPath ?? ['public', 'extensions'];
  const catalog = new Catalog(opts.pool, schemas);
  const app = new Hono();

  async function serve(c: Context, target: string, path: string, planner: Planner): Promise<Response> {
    let identity: Identity | null = null;
    try {
      const method = c.req.method;
      const headers = c.req.raw.headers;
      const url = new URL(c.req.url);
      const schema = negotiateSchema(method, headers, schemas);
      const media = negotiateMedia(headers.get('accept'));
      const prefer = parsePrefer(headers.get('prefer'));
      const body = method === 'GET' || method === 'HEAD' || method === 'DELETE' ? undefined : await readBody(c);
      identity = await identify(headers.get('authorization'), opts.verifyJwt, anonRole);
      const req: RestRequest = { method, schema, target, query: url.searchParams, params: [...url.searchParams.entries()], headers, prefer, media, body, maxRows };

      let snap = await catalog.get();
      let plan: Plan;
      try {
        plan = planner(req, snap);
      } catch (err) {
        if (!(err instanceof CatalogMiss)) throw err;
        snap = await catalog.reload(); // a migration may have added it: look again, once
        plan = planner(req, snap);
      }
      const id = identity;
      const result = await inTransaction(
        opts.pool,
        {
          readOnly: plan.readOnly,
          role: id.role,
          claims: id.claims,
          searchPath: [schema, ...extraSearchPath],
          method,
          path,
          headers: headerObject(headers),
          cookies: cookieObject(headers.get('cookie') ?? undefined),
        },
        async (client): Promise<QueryResult> => {
          const { rows } = await client.query(plan.statement.text, plan.statement.values);
          const row = rows[0] ?? { body: '[]', page_total: 0, total: null };
          const result = { body: row.body as string, pageTotal: Number(row.page_total), total: row.total == null ? null : Number(row.total) };
          plan.check(result);
          return result;
        },
      );
      return plan.respond(result);
    } catch (err) {
      const rest = toRestError(err, identity?.authenticated ?? false);
      if (rest.code === 'PGRSTX00') console.error('[rest] unexpected error', err);
      return errorResponse(rest);
    }
  }

  const unsupported = (method: string) =>
    errorResponse(new RestError(405, 'PGRST117', `Unsupported HTTP method: ${method}`));

  app.all('/rpc/:fn', (c) => {
    const fn = c.req.param('fn');
    return serve(c, fn, `/rpc/${fn}`, planCall);
  });

  app.all('/:relation', (c) => {
    const relation = c.req.param('relation');
    const planner: Planner | undefined = {
      GET: planRead,
      HEAD: planRead,
      POST: planInsert,
      PATCH: planUpdate,
      DELETE: planDelete,
    }[c.req.method];
    if (!planner) return unsupported(c.req.method);
    return serve(c, relation, `/${relation}`, planner);
  });

  app.notFound(() => errorResponse(new RestError(404, 'PGRST125', 'Invalid path specified in request URL')));
  app.onError((err) => errorResponse(toRestError(err, false)));
  return app;
}
