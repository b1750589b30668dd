// Direct database access for tests: as superuser for fixtures, or as a named user exactly as PostgREST
// would run a request (role + request.jwt.claims, one transaction), always rolled back.
import pg from 'pg';
import { stack } from './stack-info.ts';

let pool: pg.Pool | undefined;
export function adminPool(): pg.Pool {
  pool ??= new pg.Pool({ connectionString: stack().databaseUrl, max: 10 });
  return pool;
}

export async function closeAdminPool() {
  await pool?.end();
  pool = undefined;
}

export type Actor = { role: 'anon' } | { role: 'authenticated'; userId: string; email?: string };

/** Runs fn in a transaction as the actor and rolls back: each case leaves the database as it found it. */
export async function asActor<T>(actor: Actor, fn: (q: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await adminPool().connect();
  try {
    await client.query('begin');
    const claims = actor.role === 'anon' ? { role: 'anon' } : { role: 'authenticated', sub: actor.userId, email: actor.email ?? '', aud: 'authenticated' };
    await client.query("select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)", [actor.role, JSON.stringify(claims)]);
    return await fn(client);
  } finally {
    await client.query('rollback').catch(() => {});
    client.release();
  }
}

/** Runs fn as the actor and commits (for tests whose effect other connections must see). */
export async function asActorCommitted<T>(actor: Actor, fn: (q: pg.PoolClient) => Promise<T>, client?: pg.PoolClient): Promise<T> {
  const c = client ?? (await adminPool().connect());
  try {
    await c.query('begin');
    const claims = actor.role === 'anon' ? { role: 'anon' } : { role: 'authenticated', sub: actor.userId, email: actor.email ?? '', aud: 'authenticated' };
    await c.query("select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)", [actor.role, JSON.stringify(claims)]);
    const result = await fn(c);
    await c.query('commit');
    return result;
  } catch (e) {
    await c.query('rollback').catch(() => {});
    throw e;
  } finally {
    if (!client) c.release();
  }
}
