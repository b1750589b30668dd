// Starts one local stack (embedded Postgres + Auth/REST stand-in + mailbox) for a vitest project, or uses a
// real Supabase when SUPABASE_URL, SUPABASE_ANON_KEY, SUPABASE_SERVICE_ROLE_KEY and DATABASE_URL are set.
import type { TestProject } from 'vitest/node';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StackInfo } from './stack-info.ts';

// Each project gets its own ports so that `npm test` can run integration and e2e in one invocation and a
// running `npm run dev` (5432x) is left alone. They sit below Linux's ephemeral range (32768+), where an
// outgoing connection could already hold them.
const PORTS: Record<string, { api: number; db: number; mailbox: number; worker: number }> = {
  integration: { api: 15321, db: 15322, mailbox: 15324, worker: 18787 },
  e2e: { api: 16321, db: 16322, mailbox: 16324, worker: 19787 },
};

export default async function setup(project: TestProject) {
  const ports = PORTS[project.name] ?? PORTS.integration;
  const external = readExternalSupabase();
  if (external) {
    project.provide('stack', { ...external, workerPort: ports.worker, local: false });
    return;
  }
  // Loaded only when needed, so a run against a real Supabase never touches the embedded stack.
  const { startLocalStack } = await import('../../supabase/local/stack.ts');
  const stack = await startLocalStack({
    dataDir: mkdtempSync(join(tmpdir(), `ac-test-${project.name}-`)),
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
