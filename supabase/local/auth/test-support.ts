// Shared set-up for the Auth stand-in's tests: a throw-away Postgres with only the platform bootstrap (the app
// migrations are not needed and may be in flux), the auth app behind createSupabaseApp, and supabase-js
// clients whose fetch goes straight into the app (no port for the API).
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { Hono } from 'hono';
import pg from 'pg';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { loadOrCreateKeys, type LocalKeys } from '../keys.ts';
import { startPostgres } from '../postgres.ts';
import { createSupabaseApp } from '../server.ts';
import { pickFreePorts } from '../test-ports.ts';
import { createAuthApp, type AuthAppOptions, type OutgoingMail } from './app.ts';
import { hashPassword } from './passwords.ts';

export const SUPABASE_URL = 'http://127.0.0.1:54999';
export const SITE_URL = 'http://127.0.0.1:5173';
const bootstrapSql = fileURLToPath(new URL('../bootstrap.sql', import.meta.url));

export interface AuthTestBed {
  keys: LocalKeys;
  /** superuser pool, for arranging and inspecting rows */
  db: pg.Pool;
  mails: OutgoingMail[];
  api: Hono;
  /** a fresh supabase-js client (own session storage) with the anon key, or the service key */
  client(key?: 'anon' | 'service_role'): SupabaseClient;
  /** raw request to the composed API with the anon key, for shapes supabase-js hides */
  request(path: string, init?: RequestInit & { headers?: Record<string, string> }): Promise<Response>;
  /** a confirmed e-mail user with a password, inserted directly */
  createUser(email: string, password: string, opts?: { confirmed?: boolean }): Promise<string>;
  stop(): Promise<void>;
}

/** `preferredPort` is the file's own; +10 and +20 are its fallbacks (see test-ports.ts). */
export async function startAuthTestBed(preferredPort: number, overrides: Partial<AuthAppOptions> = {}): Promise<AuthTestBed> {
  const port = await pickFreePorts([preferredPort, preferredPort + 10, preferredPort + 20]);
  const dir = mkdtempSync(join(tmpdir(), 'ac-auth-test-'));
  const postgres = await startPostgres({ dataDir: join(dir, 'pg'), port, ephemeral: true });
  const setup = new pg.Client({ connectionString: postgres.connectionString });
  await setup.connect();
  await setup.query(readFileSync(bootstrapSql, 'utf8'));
  await setup.end();

  const db = new pg.Pool({ connectionString: postgres.connectionString, max: 4 });
  const authPool = new pg.Pool({ connectionString: `postgresql://supabase_auth_admin:auth-admin-local-dev-only@127.0.0.1:${port}/postgres`, max: 8 });
  // Stopping Postgres terminates idle pooled connections; without a listener that error would be uncaught.
  for (const pool of [db, authPool]) pool.on('error', () => {});
  const keys = await loadOrCreateKeys(join(dir, 'keys'), `${SUPABASE_URL}/auth/v1`);
  const mails: OutgoingMail[] = [];
  const auth = createAuthApp({
    pool: authPool,
    keys,
    siteUrl: SITE_URL,
    issuer: `${SUPABASE_URL}/auth/v1`,
    sendMail: async (m) => void mails.push(m),
    mailFrom: 'Application Center <noreply@example.test>',
    ...overrides,
  });
  const rest = new Hono().get('/ping', (c) => c.json({ rest: true }));
  const api = createSupabaseApp({ auth, rest, apiKeys: [keys.anonKey, keys.serviceRoleKey] });
  const appFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => api.fetch(new Request(input, init));

  return {
    keys,
    db,
    mails,
    api,
    client: (key = 'anon') =>
      createClient(SUPABASE_URL, key === 'anon' ? keys.anonKey : keys.serviceRoleKey, {
        global: { fetch: appFetch },
        auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
        realtime: { transport: WebSocket as never },
      }),
    request: (path, init = {}) =>
      appFetch(`${SUPABASE_URL}${path}`, {
        ...init,
        headers: { apikey: keys.anonKey, 'x-supabase-api-version': '2024-01-01', 'content-type': 'application/json', ...init.headers },
      }),
    async createUser(email, password, { confirmed = true } = {}) {
      const id = crypto.randomUUID();
      await db.query(
        `insert into auth.users (id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
         values ($1, 'authenticated', 'authenticated', $2, $3, case when $4 then now() end, '{"provider":"email","providers":["email"]}', '{}', now(), now())`,
        [id, email, await hashPassword(password), confirmed],
      );
      await db.query(
        `insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at)
         values ($1, $4, jsonb_build_object('sub', $1::text, 'email', $2::text, 'email_verified', $3::boolean, 'phone_verified', false), 'email', now(), now())`,
        [id, email, confirmed, id],
      );
      return id;
    },
    async stop() {
      await authPool.end();
      await db.end();
      await postgres.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
