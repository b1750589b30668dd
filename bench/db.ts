// A throw-away embedded Postgres of its own (port 17322, data under the system temp folder), brought to the
// schema of supabase/migrations by the stand-in's migrate.ts. Never the dev (5432x) or test (153xx/163xx) ports.
import pg from 'pg';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../supabase/local/migrate.ts';
import { startPostgres, type PostgresHandle } from '../supabase/local/postgres.ts';

export const BENCH_DB_PORT = Number(process.env.BENCH_DB_PORT ?? 17322);

export interface BenchDb {
  postgres: PostgresHandle;
  /** superuser connection string */
  url: string;
  /** connection string of PostgREST's login role (the REST stand-in's pool) */
  authenticatorUrl: string;
  migrations: string[];
  stop(): Promise<void>;
}

export async function startBenchDb(log: (line: string) => void): Promise<BenchDb> {
  const dataDir = join(tmpdir(), `application-center-bench-${BENCH_DB_PORT}`);
  rmSync(dataDir, { recursive: true, force: true }); // a previous run that was killed
  const postgres = await startPostgres({ dataDir, port: BENCH_DB_PORT, ephemeral: true }).catch((e: unknown) => {
    throw e instanceof Error ? e : new Error(`Postgres did not start on port ${BENCH_DB_PORT} (in use? set BENCH_DB_PORT)`);
  });
  const { applied } = await migrate({ connectionString: postgres.connectionString });
  log(`database on port ${BENCH_DB_PORT}: ${applied.length} migrations applied`);
  return {
    postgres,
    url: postgres.connectionString,
    authenticatorUrl: `postgresql://authenticator:authenticator-local-dev-only@127.0.0.1:${BENCH_DB_PORT}/postgres`,
    migrations: applied,
    stop: async () => {
      await postgres.stop();
      rmSync(postgres.dataDir, { recursive: true, force: true });
    },
  };
}

export async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}
