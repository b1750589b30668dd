// One transaction per request, set up exactly like PostgREST's (Query.hs setPgLocals): transaction-local
// search_path, role (= SET LOCAL ROLE, so row-level security alone decides), JWT claims and request details.
import type pg from 'pg';

export interface RequestContext {
  readOnly: boolean;
  role: string;
  claims: Record<string, unknown>;
  /** schemas for search_path, first = the request's schema */
  searchPath: string[];
  method: string;
  /** path as PostgREST sees it, e.g. `/profiles` or `/rpc/get_invitation` */
  path: string;
  /** lowercase header names */
  headers: Record<string, string>;
  cookies: Record<string, string>;
}

const SET_LOCALS = `select set_config('search_path', $1, true), set_config('role', $2, true),
  set_config('request.jwt.claims', $3, true), set_config('request.method', $4, true),
  set_config('request.path', $5, true), set_config('request.headers', $6, true), set_config('request.cookies', $7, true)`;

/** search_path value: each schema as a quoted identifier, duplicates dropped. */
export function searchPathValue(schemas: string[]): string {
  return [...new Set(schemas)].map((s) => `"${s.replace(/"/g, '""')}"`).join(', ');
}

/** Runs `work` inside BEGIN … COMMIT as the request's role; rolls back when `work` throws. */
export async function inTransaction<T>(pool: pg.Pool, ctx: RequestContext, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query(`begin isolation level read committed ${ctx.readOnly ? 'read only' : 'read write'}`);
    try {
      await client.query(SET_LOCALS, [
        searchPathValue(ctx.searchPath),
        ctx.role,
        JSON.stringify(ctx.claims),
        ctx.method,
        ctx.path,
        JSON.stringify(ctx.headers),
        JSON.stringify(ctx.cookies),
      ]);
      const result = await work(client);
      await client.query('commit');
      return result;
    } catch (err) {
      await client.query('rollback').catch(() => {
        broken = true;
      });
      throw err;
    }
  } catch (err) {
    if (!(err as { code?: unknown })?.code) broken = true;
    throw err;
  } finally {
    client.release(broken);
  }
}
