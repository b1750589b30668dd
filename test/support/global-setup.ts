// Starts one local stack (embedded Postgres + Auth/REST stand-in + mailbox) for a vitest project, or uses a
// real Supabase when SUPABASE_URL, SUPABASE_ANON_KEY, SUPABASE_SERVICE_ROLE_KEY and DATABASE_URL are set.
import type { TestProject } from 'vitest/node';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../scripts/lib/free-port.ts';
import type { StackInfo } from './stack-info.ts';

// Every run takes free ports of its own, so parallel runs (two checkouts, integration and e2e in one
// invocation, a running `npm run dev` on 5432x) never meet.
export default async function setup(project: TestProject) {
  const ports = { api: await freePort(), db: await freePort(), mailbox: await freePort(), worker: await freePort() };
  const external = readExternalSupabase();
  if (external) {
    project.provide('stack', { ...external, workerPort: ports.worker, local: false });
    return;
  }
  // Loaded only when needed, so a run against a real Supabase never touches the embedded stack.
  const { startLocalStack } = await import('../../supabase/local/stack.ts');
  const dataDir = mkdtempSync(join(tmpdir(), `ac-test-${project.name}-`));
  const stack = await startLocalStack({
    dataDir,
    ports: { api: ports.api, db: ports.db, mailbox: ports.mailbox },
    siteUrl: `http://127.0.0.1:${ports.worker}`,
    ephemeral: true,
    seed: true,
  });
  const info: StackInfo = {
    supabaseUrl: stack.supabaseUrl,
    anonKey: stack.anonKey,
    serviceRoleKey: stack.serviceRoleKey,
    databaseUrl: stack.databaseUrl,
    mailboxUrl: stack.mailboxUrl,
    workerPort: ports.worker,
    local: true,
    keysDir: join(dataDir, 'keys'),
  };
  project.provide('stack', info);
  return async () => {
    await stack.stop();
  };
}

function readExternalSupabase(): Omit<StackInfo, 'workerPort' | 'local'> | null {
  const { SUPABASE_URL, SUPABASE_ANON_KEY, SUPABASE_SERVICE_ROLE_KEY, DATABASE_URL, MAILBOX_URL } = process.env;
  if (!SUPABASE_URL) return null;
  const missing = Object.entries({ SUPABASE_ANON_KEY, SUPABASE_SERVICE_ROLE_KEY, DATABASE_URL })
    .filter(([, v]) => !v)
    .map(([k]) => k);
  if (missing.length) throw new Error(`SUPABASE_URL is set, so tests run against that Supabase, but ${missing.join(', ')} is missing.`);
  return {
    supabaseUrl: SUPABASE_URL,
    anonKey: SUPABASE_ANON_KEY!,
    serviceRoleKey: SUPABASE_SERVICE_ROLE_KEY!,
    databaseUrl: DATABASE_URL!,
    mailboxUrl: MAILBOX_URL ?? 'http://127.0.0.1:54324',
  };
}
