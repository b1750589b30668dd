// Timing: each query is run `iterations` times after a warm-up, on one connection, inside a transaction that
// has the request's role and JWT claims set exactly as PostgREST sets them (set_config(..., true)). What is
// timed is one statement's round trip from Node (parse, plan, execute, rows back): "time in the database"
// plus ~0.05 ms of local socket and driver.
import type pg from 'pg';

export interface Stats {
  p50: number;
  p95: number;
  p99: number;
  rows: number;
}

export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

export function stats(samples: number[], rows: number): Stats {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: percentile(s, 0.5), p95: percentile(s, 0.95), p99: percentile(s, 0.99), rows };
}

export async function timeAsync(fn: () => Promise<number>, iterations: number, warmup: number): Promise<Stats> {
  let rows = 0;
  for (let i = 0; i < warmup; i++) rows = await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    rows = await fn();
    samples.push(performance.now() - t);
  }
  return stats(samples, rows);
}

/** Role and claims for one request, as PostgREST sets them (transaction-local). */
export async function actAs(db: pg.ClientBase, role: 'authenticated' | 'service_role', userId?: string): Promise<void> {
  const claims = role === 'authenticated' ? { sub: userId, role, aud: 'authenticated' } : { role };
  await db.query(`select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)`, [role, JSON.stringify(claims)]);
}

export async function timeStatement(
  db: pg.ClientBase,
  as: { role: 'authenticated' | 'service_role'; userId?: string },
  statement: { text: string; values: unknown[] },
  iterations: number,
  warmup: number,
): Promise<Stats> {
  await db.query('begin read only');
  try {
    await actAs(db, as.role, as.userId);
    // A named (prepared) statement, as PostgREST runs them (db-prepared-statements, its default): planning is
    // paid once per connection, the plan's InitPlans still read auth.uid() on every execution.
    const name = `bench_${as.role}_${hash(statement.text)}`;
    return await timeAsync(async () => (await db.query({ name, text: statement.text, values: statement.values })).rowCount ?? 0, iterations, warmup);
  } finally {
    await db.query('rollback');
  }
}

function hash(text: string): string {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return (h >>> 0).toString(36);
}

/** A table is "large" from this many rows on; a sequential scan over one fails the run. */
export const LARGE_TABLE_ROWS = 20_000;

export interface PlanReport {
  /** plans of the statement and of every statement run inside it (the RLS helper functions) */
  text: string;
  seqScans: { table: string; rows: number }[];
}

/**
 * The plan of a statement as `authenticated`, with the plans of the helper functions the policies call
 * (auto_explain with log_nested_statements, sent to the client as NOTICEs), and the large tables it scans
 * sequentially. Needs a superuser connection (LOAD auto_explain) of its own.
 */
export async function explain(db: pg.Client, userId: string, statement: { text: string; values: unknown[] }): Promise<PlanReport> {
  const notices: string[] = [];
  const onNotice = (n: { message?: string }) => {
    if (n.message) notices.push(n.message);
  };
  db.on('notice', onNotice);
  await db.query('begin read only');
  try {
    await db.query(`load 'auto_explain'`);
    await db.query(`set local auto_explain.log_min_duration = 0; set local auto_explain.log_nested_statements = on;
      set local auto_explain.log_analyze = on; set local auto_explain.log_timing = off; set local auto_explain.log_level = notice;
      set local client_min_messages = notice`);
    await actAs(db, 'authenticated', userId);
    await db.query(statement);
  } finally {
    await db.query('rollback');
    db.off('notice', onNotice);
  }
  // auto_explain prints nested statements first; show the outer one first, each headed by its query text.
  const text = notices
    .filter((n) => n.startsWith('duration:') && !n.includes("set_config('role'"))
    .reverse()
    .map((n, i) => {
      const lines = n.replace(/\s+$/, '').split('\n').slice(1);
      const planStart = lines.findIndex((l) => /actual rows=|never executed/.test(l));
      const query = lines.slice(0, planStart).join(' ').replace(/^Query Text:\s*/, '').replace(/\s+/g, ' ').trim();
      const plan = lines.slice(planStart).map((l) => l.replace(/ \(cost=[^)]*\)/, '').replace(/\s+$/, ''));
      return [`${i === 0 ? 'statement' : 'inside it'}: ${query.length > 150 ? query.slice(0, 147) + '...' : query}`, ...plan].join('\n');
    })
    .join('\n');
  const tables = [...new Set([...text.matchAll(/Seq Scan on (\S+)/g)].map((m) => m[1]!))];
  const seqScans: { table: string; rows: number }[] = [];
  for (const t of tables) {
    const { rows } = await db.query<{ n: number }>(
      `select greatest(c.reltuples, 0)::float8 as n from pg_class c where c.relname = $1 and c.relkind in ('r', 'p') order by c.reltuples desc limit 1`,
      [t],
    );
    const n = rows[0]?.n ?? 0;
    if (n >= LARGE_TABLE_ROWS) seqScans.push({ table: t, rows: n });
  }
  return { text, seqScans };
}
