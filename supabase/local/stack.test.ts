// The whole local stack over real HTTP: supabase-js against the listening API, the mailbox, then stop().
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '@supabase/supabase-js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { type LocalStack, startLocalStack } from './stack.ts';
import { pickFreePorts } from './test-ports.ts';

const SITE_URL = 'http://127.0.0.1:58799';
let stack: LocalStack;
let base: number;
beforeAll(async () => {
  base = await pickFreePorts([56141, 56161, 56181], [0, 1, 3]);
  stack = await startLocalStack({
    dataDir: mkdtempSync(join(tmpdir(), 'ac-stack-test-')),
    ports: { api: base, db: base + 1, mailbox: base + 3 },
    siteUrl: SITE_URL,
    ephemeral: true,
  });
}, 120_000);
afterAll(() => stack?.stop());

const client = (key: string) =>
  createClient(stack.supabaseUrl, key, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport: WebSocket as never },
  });

describe('startLocalStack', () => {
  it('reports its URLs and development-only keys', () => {
    expect(stack.supabaseUrl).toBe(`http://127.0.0.1:${base}`);
    expect(stack.mailboxUrl).toBe(`http://127.0.0.1:${base + 3}`);
    expect(stack.databaseUrl).toBe(`postgresql://postgres:postgres@127.0.0.1:${base + 1}/postgres`);
    expect(stack.anonKey.split('.')).toHaveLength(3);
    expect(stack.serviceRoleKey).not.toBe(stack.anonKey);
  });

  it('serves Auth over HTTP: admin creates a user, the user signs in', async () => {
    const created = await client(stack.serviceRoleKey).auth.admin.createUser({ email: 'stack@example.test', password: 'secret123', email_confirm: true });
    expect(created.error).toBeNull();
    const { data, error } = await client(stack.anonKey).auth.signInWithPassword({ email: 'stack@example.test', password: 'secret123' });
    expect(error).toBeNull();
    expect(data.user!.id).toBe(created.data.user!.id);
    const jwks = await (await fetch(`${stack.supabaseUrl}/auth/v1/.well-known/jwks.json`)).json();
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', alg: 'ES256' });
  });

  it('delivers Auth mails to the mailbox', async () => {
    await client(stack.anonKey).auth.resetPasswordForEmail('stack@example.test');
    const messages = await (await fetch(`${stack.mailboxUrl}/api/messages?to=stack@example.test`)).json();
    expect(messages).toHaveLength(1);
    expect(messages[0].text).toContain(`${SITE_URL}/reset-password?token_hash=`);
    const page = await (await fetch(`${stack.mailboxUrl}/`)).text();
    expect(page).toContain('Reset your password');
  });

  it('mounts REST behind the apikey check', async () => {
    const noKey = await fetch(`${stack.supabaseUrl}/rest/v1/no_such_table`);
    expect(noKey.status).toBe(401);
    expect(await noKey.json()).toEqual({ message: 'No API key found in request' });
    const res = await fetch(`${stack.supabaseUrl}/rest/v1/no_such_table?select=*`, { headers: { apikey: stack.anonKey, authorization: `Bearer ${stack.anonKey}` } });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await res.json()).toHaveProperty('code');
  });

  it('stop() closes the ports', async () => {
    await stack.stop();
    await expect(fetch(`${stack.supabaseUrl}/auth/v1/.well-known/jwks.json`)).rejects.toThrow();
    await expect(fetch(`${stack.mailboxUrl}/api/messages`)).rejects.toThrow();
  });
});
