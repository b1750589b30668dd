// Bad input, table-driven: malformed requests to every Worker endpoint and every exposed RPC, and filter
// injection in REST query strings. Each must answer 4xx with a JSON message naming the problem — never a 5xx
// or a stack trace — and the data must be exactly as before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../worker/src/app.ts';
import { signIn } from '../support/clients.ts';
import { adminPool, closeAdminPool } from '../support/sql.ts';
import { stack } from '../support/stack-info.ts';
import { createWorld, TEST_PASSWORD, type World } from '../support/world.ts';
import { workerEnv } from '../support/worker-env.ts';

let w: World;
let token: string;
let before: string;
beforeAll(async () => {
  w = await createWorld();
  token = (await signIn(w.manager.email, TEST_PASSWORD)).accessToken;
  before = await fingerprint();
});
afterAll(closeAdminPool);

/** Everything the cases could touch: the world's memberships, contact persons and invitations. */
async function fingerprint(): Promise<string> {
  const accounts = [w.accountA.id, w.accountB.id];
  const { rows } = await adminPool().query(
    `select md5(coalesce((select string_agg(account_id::text || user_id::text, ',' order by account_id, user_id) from public.account_managers where account_id = any($1::uuid[])), '')
             || coalesce((select string_agg(c.id::text || a.user_id::text, ',' order by c.id, a.user_id) from public.cluster_administrators a join public.clusters c on c.id = a.cluster_id where c.account_id = any($1::uuid[])), '')
             || coalesce((select string_agg(id::text || coalesce(contact_person_id::text, '') || company_name, ',' order by id) from public.customer_accounts where id = any($1::uuid[])), '')
             || coalesce((select string_agg(i.id::text || i.email, ',' order by i.id) from public.invitations i
                            where i.account_id = any($1::uuid[]) or i.cluster_id in (select id from public.clusters where account_id = any($1::uuid[]))), '')
             || (select count(*) from auth.users where email like '%bad-input%')::text) as f`,
    [accounts],
  );
  return rows[0].f;
}

const LONG = 'x'.repeat(10 * 1024);
const BAD_UUIDS: unknown[] = ['', 'abc', '1', '00000000-0000-0000-0000', LONG, "1' or '1'='1", 123, true, [], {}];
const BAD_EMAILS: unknown[] = ['', 'a', 'a@', '@b.example', 'a b@c.example', 'bad-input@@x.example', `${LONG}@bad-input.example`, 123, null, ['bad-input@x.example'], {}, 'bad-input@exa mple.com'];
const BAD_ROLES: unknown[] = ['', 'owner', 'MANAGER', 'admin', LONG, 1, null, []];
const BAD_TOKENS: unknown[] = ['', 'nope', LONG, 'f'.repeat(64), "' or 1=1 --", 0];

type Case = { name: string; send: () => Promise<Response>; kind: 'worker' | 'rest' };

const worker = createApp();
const toWorker = (path: string, init: RequestInit & { raw?: string; json?: unknown }): Promise<Response> => {
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...(init.headers as Record<string, string>) };
  const body = init.raw ?? (init.json === undefined ? undefined : JSON.stringify(init.json));
  return Promise.resolve(worker.request(path, { method: init.method ?? 'POST', headers, body }, workerEnv()));
};
const rest = (path: string, init: RequestInit = {}) =>
  fetch(`${stack().supabaseUrl}/rest/v1/${path}`, {
    ...init,
    headers: { apikey: stack().anonKey, Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...(init.headers as Record<string, string>) },
  });
const rpc = (fn: string, args: unknown) => rest(`rpc/${fn}`, { method: 'POST', body: JSON.stringify(args) });

function cases(): Case[] {
  const good = { role: 'administrator', targetId: w.a1.id, email: 'bad-input-ok@example.com' };
  const out: Case[] = [];
  const add = (kind: Case['kind'], name: string, send: () => Promise<Response>) => out.push({ kind, name, send });

  // Worker: POST /api/invitations
  for (const raw of ['', '{', 'null', '[]', '"x"', '123', 'true', '{"role":', '{"role":"manager",}', '\u0000'])
    add('worker', `invitations: body ${JSON.stringify(raw)}`, () => toWorker('/api/invitations', { raw }));
  for (const ct of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data'])
    add('worker', `invitations: content-type ${ct}`, () => toWorker('/api/invitations', { raw: JSON.stringify(good), headers: { 'Content-Type': ct } }));
  for (const field of ['role', 'targetId', 'email'] as const) {
    const { [field]: _omit, ...rest } = good;
    add('worker', `invitations: missing ${field}`, () => toWorker('/api/invitations', { json: rest }));
  }
  for (const role of BAD_ROLES) add('worker', `invitations: role ${JSON.stringify(role).slice(0, 30)}`, () => toWorker('/api/invitations', { json: { ...good, role } }));
  for (const targetId of BAD_UUIDS) add('worker', `invitations: targetId ${JSON.stringify(targetId).slice(0, 30)}`, () => toWorker('/api/invitations', { json: { ...good, targetId } }));
  for (const email of BAD_EMAILS) add('worker', `invitations: email ${JSON.stringify(email).slice(0, 30)}`, () => toWorker('/api/invitations', { json: { ...good, email } }));
  for (const extra of [{ admin: true }, { p_role: 'manager' }, { role2: 'x' }, { lang: 'fr' }, { lang: 1 }])
    add('worker', `invitations: extra/odd field ${JSON.stringify(extra)}`, () => toWorker('/api/invitations', { json: { ...good, ...extra } }));
  add('worker', 'invitations: unknown target (not allowed)', () => toWorker('/api/invitations', { json: { ...good, targetId: '00000000-0000-4000-8000-0000000fffff' } }));
  add('worker', 'invitations: another account’s cluster', () => toWorker('/api/invitations', { json: { ...good, targetId: w.b1.id } }));
  add('worker', 'invitations: 2 MB body', () => toWorker('/api/invitations', { raw: JSON.stringify({ ...good, pad: 'x'.repeat(2 * 1024 * 1024) }) }));
  add('worker', 'invitations: GET', () => toWorker('/api/invitations', { method: 'GET' }));
  add('worker', 'invitations: PUT', () => toWorker('/api/invitations', { method: 'PUT', json: good }));
  add('worker', 'unknown endpoint', () => toWorker('/api/nope', { json: good }));
  add('worker', 'unknown nested endpoint', () => toWorker('/api/invitations/../../etc/passwd', { method: 'GET' }));

  // RPCs: every exposed function
  const inv = { p_role: 'administrator', p_target_id: w.a1.id, p_email: 'bad-input-rpc@example.com' };
  for (const v of BAD_ROLES) add('rest', `rpc create_invitation p_role ${JSON.stringify(v).slice(0, 30)}`, () => rpc('create_invitation', { ...inv, p_role: v }));
  for (const v of BAD_UUIDS) add('rest', `rpc create_invitation p_target_id ${JSON.stringify(v).slice(0, 30)}`, () => rpc('create_invitation', { ...inv, p_target_id: v }));
  for (const v of BAD_EMAILS.filter((e) => typeof e === 'string' || e === null))
    add('rest', `rpc create_invitation p_email ${JSON.stringify(v).slice(0, 30)}`, () => rpc('create_invitation', { ...inv, p_email: v }));
  add('rest', 'rpc create_invitation missing argument', () => rpc('create_invitation', { p_role: 'manager', p_target_id: w.accountA.id }));
  add('rest', 'rpc create_invitation extra argument', () => rpc('create_invitation', { ...inv, p_admin: true }));
  add('rest', 'rpc create_invitation body is an array', () => rest('rpc/create_invitation', { method: 'POST', body: '[1,2]' }));
  add('rest', 'rpc create_invitation body is not JSON', () => rest('rpc/create_invitation', { method: 'POST', body: '{nope' }));
  for (const fn of ['get_invitation', 'accept_invitation']) {
    for (const v of BAD_TOKENS) add('rest', `rpc ${fn} p_token ${JSON.stringify(v).slice(0, 30)}`, () => rpc(fn, { p_token: v }));
    add('rest', `rpc ${fn} missing argument`, () => rpc(fn, {}));
    add('rest', `rpc ${fn} wrong argument name`, () => rpc(fn, { token: 'x' }));
  }
  for (const v of BAD_UUIDS) {
    add('rest', `rpc set_contact_person p_account_id ${JSON.stringify(v).slice(0, 30)}`, () => rpc('set_contact_person', { p_account_id: v, p_user_id: w.coManager.id }));
    add('rest', `rpc set_contact_person p_user_id ${JSON.stringify(v).slice(0, 30)}`, () => rpc('set_contact_person', { p_account_id: w.accountA.id, p_user_id: v }));
    add('rest', `rpc remove_manager p_account_id ${JSON.stringify(v).slice(0, 30)}`, () => rpc('remove_manager', { p_account_id: v, p_user_id: w.coManager.id }));
    add('rest', `rpc remove_manager p_user_id ${JSON.stringify(v).slice(0, 30)}`, () => rpc('remove_manager', { p_account_id: w.accountA.id, p_user_id: v }));
    add('rest', `rpc remove_manager p_new_contact_id ${JSON.stringify(v).slice(0, 30)}`, () =>
      rpc('remove_manager', { p_account_id: w.accountA.id, p_user_id: w.manager.id, p_new_contact_id: v }),
    );
  }
  add('rest', 'rpc set_contact_person to a non-manager', () => rpc('set_contact_person', { p_account_id: w.accountA.id, p_user_id: w.adminOne.id }));
  add('rest', 'rpc set_contact_person on another account', () => rpc('set_contact_person', { p_account_id: w.accountB.id, p_user_id: w.otherManager.id }));
  add('rest', 'rpc remove_manager the contact person without successor', () => rpc('remove_manager', { p_account_id: w.accountA.id, p_user_id: w.manager.id }));
  add('rest', 'rpc remove_manager on another account', () => rpc('remove_manager', { p_account_id: w.accountB.id, p_user_id: w.otherManager.id }));
  add('rest', 'rpc unknown function', () => rpc('drop_everything', {}));
  add('rest', 'rpc private helper through the API', () => rpc('managed_account_ids', {}));
  add('rest', 'rpc private schema via Content-Profile', () => rest('rpc/managed_account_ids', { method: 'POST', body: '{}', headers: { 'Content-Profile': 'app_private' } }));

  // REST query strings: malformed grammar and injection attempts
  const q = (name: string, path: string, init?: RequestInit) => add('rest', `query ${name}`, () => rest(path, init));
  q('uuid filter with quote', `customer_accounts?select=id&id=eq.1'%20or%20'1'='1`);
  q('select with semicolon', 'customer_accounts?select=id;drop%20table%20public.invitations');
  q('select unknown column', 'customer_accounts?select=password');
  q('order with semicolon', 'customer_accounts?select=id&order=id;delete');
  q('order unknown column', 'customer_accounts?select=id&order=nope.asc');
  q('unterminated in-list', 'customer_accounts?select=id&id=in.(1,2');
  q('unterminated or', 'customer_accounts?select=id&or=(id.eq.1');
  q('unknown operator', 'customer_accounts?select=id&id=between.1.2');
  q('filter on unknown column', 'customer_accounts?select=id&secret=eq.1');
  q('auth schema via Accept-Profile', 'users?select=email', { headers: { 'Accept-Profile': 'auth' } });
  q('private schema via Accept-Profile', 'invitation_sends?select=*', { headers: { 'Accept-Profile': 'app_private' } });
  q('token_hash column', 'invitations?select=token_hash');
  q('negative limit', 'customer_accounts?select=id&limit=-1');
  q('non-numeric offset', 'customer_accounts?select=id&offset=abc');
  q('embedding a relation', 'customer_accounts?select=id,clusters(*)');
  q('unfiltered delete', 'cluster_administrators', { method: 'DELETE' });
  q('insert into membership', 'account_managers', { method: 'POST', body: JSON.stringify({ account_id: w.accountB.id, user_id: w.manager.id }) });
  q('malformed JSON body', 'account_managers', { method: 'POST', body: '{"account_id":' });
  q('unknown table', 'pg_shadow?select=*');
  return out;
}

describe('bad input', () => {
  const all = () => cases();
  it('has at least 150 cases', () => {
    expect(all().length).toBeGreaterThanOrEqual(150);
  });

  it('every case answers 4xx with a JSON message and no stack trace', async () => {
    const failures: string[] = [];
    for (const c of all()) {
      const res = await c.send();
      const text = await res.text();
      let message = '';
      try {
        const body = JSON.parse(text);
        message = c.kind === 'worker' ? body?.error?.message : body?.message;
      } catch {
        message = '';
      }
      const ok = res.status >= 400 && res.status < 500 && typeof message === 'string' && message.length > 3 && !/\n\s+at\s|node_modules|\.ts:\d+/.test(text);
      if (!ok) failures.push(`${c.name}: ${res.status} ${text.slice(0, 160)}`);
    }
    expect(failures).toEqual([]);
  });

  // Where RLS hides the target, PostgREST answers with no rows rather than an error; that is the refusal.
  it.each([
    ['update of another account', () => `customer_accounts?id=eq.${w.accountB.id}`, { company_name: 'pwned' }],
    ['update of another user’s profile', () => `profiles?id=eq.${w.otherManager.id}`, { display_name: 'pwned' }],
  ])('%s changes no row', async (_label, path, body) => {
    const res = await rest(path(), { method: 'PATCH', body: JSON.stringify(body), headers: { Prefer: 'return=representation' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([]);
  });

  it('changed nothing', async () => {
    expect(await fingerprint()).toBe(before);
  });
});
