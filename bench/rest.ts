// (c): the SPA's supabase-js calls against the REST stand-in (createRestApp), called in-process through
// app.fetch: the stand-in's own cost (JWT check, planning, one transaction with set_config, JSON) without TCP.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { Hono } from 'hono';
import pg from 'pg';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { loadOrCreateKeys, type LocalKeys } from '../supabase/local/keys.ts';
import { createRestApp } from '../supabase/local/rest/app.ts';

const URL_BASE = 'http://rest.bench';

export interface RestBench {
  clientFor(userId: string): Promise<SupabaseClient>;
  stop(): Promise<void>;
}

export async function startRest(authenticatorUrl: string): Promise<RestBench> {
  const keyDir = mkdtempSync(join(tmpdir(), 'application-center-bench-keys-'));
  const keys: LocalKeys = await loadOrCreateKeys(keyDir, `${URL_BASE}/auth/v1`);
  const pool = new pg.Pool({ connectionString: authenticatorUrl, max: 4 });
  const api = new Hono().route('/rest/v1', createRestApp({ pool, verifyJwt: (token) => keys.verify(token) }));
  const fetchInProcess: typeof fetch = async (input, init) => api.fetch(new Request(input as RequestInfo, init));
  return {
    async clientFor(userId) {
      const jwt = await keys.sign({ sub: userId, role: 'authenticated', aud: 'authenticated', email: `${userId}@scale.example` }, 3600);
      return createClient(URL_BASE, keys.anonKey, {
        global: { fetch: fetchInProcess, headers: { Authorization: `Bearer ${jwt}` } },
        auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
        realtime: { transport: WebSocket as never },
      });
    },
    async stop() {
      await pool.end();
      rmSync(keyDir, { recursive: true, force: true });
    },
  };
}
