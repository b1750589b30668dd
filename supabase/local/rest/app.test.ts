// Integration: the REST stand-in against a real Postgres (bootstrap.sql + a fixture schema of this file),
// driven by supabase-js 2.109 itself, with ES256 JWTs signed here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import pg from 'pg';
import WebSocket from 'ws';
import { SignJWT, UnsecuredJWT, generateKeyPair, jwtVerify } from 'jose';
import { createClient } from '@supabase/supabase-js';
import type { SupabaseClient } from '@supabase/supabase-js';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { startPostgres } from '../postgres.ts';
import type { PostgresHandle } from '../postgres.ts';
import { createRestApp } from './app.ts';

const FIXTURE = `
create table public.notes (
  id bigint generated always as identity primary key,
  owner uuid not null default auth.uid(),
  title text not null,
  score int,
  tag text,
  unique (owner, title)
);
alter table public.notes enable row level security;
grant select, insert, update, delete on public.notes to authenticated;
create policy "Users see their own notes" on public.notes for select to authenticated using (owner = (select auth.uid()));
create policy "Users add their own notes" on public.notes for insert to authenticated with check (owner = (select auth.uid()));
create policy "Users change their own notes" on public.notes for update to authenticated using (owner = (select auth.uid()));
create policy "Users delete their own notes" on public.notes for delete to authenticated using (owner = (select auth.uid()));

create view public.my_notes with (security_invoker = true) as select id, title, score from public.notes;
grant select on public.my_notes to authenticated;

-- anon may drop messages but nobody may read them back
create table public.drop_box (id int generated always as identity primary key, msg text);
alter table public.drop_box enable row level security;
grant insert on public.drop_box to anon, authenticated;
create policy "Anyone may drop a message" on public.drop_box for insert to anon, authenticated with check (true);

create table public.parents (id int primary key);
create table public.children (id int primary key, parent_id int not null references public.parents (id));
grant select, insert on public.parents, public.children to authenticated;

create function public.whoami() returns json language sql stable as $$
  select json_build_object('claims', current_setting('request.jwt.claims', true)::json, 'user', current_user,
    'method', current_setting('request.method', true), 'path', current_setting('request.path', true),
    'headers', current_setting('request.headers', true)::json, 'search_path', current_setting('search_path'),
    'read_only', current_setting('transaction_read_only'))
$$;
create function public.add_note(p_title text) returns void language sql as $$ insert into public.notes (title) values (p_title) $$;
create function public.add(a int, b int default 10) returns int language sql immutable as $$ select a + b $$;
create function public.nothing() returns int language sql immutable as $$ select null::int $$;
create function public.note_titles(p_min int default 0) returns table (id bigint, title text, score int) language sql stable as $$
  select id, title, score from public.notes where coalesce(score, 0) >= p_min order by id
$$;
create function public.first_note() returns public.notes language sql stable as $$ select * from public.notes order by id limit 1 $$;
create function public.tags() returns setof text language sql stable as $$ select distinct tag from public.notes where tag is not null order by 1 $$;
create function public.echo(jsonb) returns jsonb language sql immutable as $$ select $1 $$;
create function public.write_it() returns int language plpgsql as $$ begin insert into public.notes (title) values ('sneaky'); return 1; end $$;
create function public.sneaky_write() returns int language sql stable as $$ select public.write_it() $$;
create function public.fail(kind text) returns void language plpgsql as $$
begin
  if kind = 'raise' then raise exception 'last_manager' using detail = 'An account needs at least one manager.';
  elsif kind = 'pt404' then raise sqlstate 'PT404' using message = 'gone';
  elsif kind = 'denied' then raise insufficient_privilege using message = 'not_allowed';
  elsif kind = 'zero' then perform 1 / 0;
  end if;
end $$;
`;

const ALICE = randomUUID();
const BOB = randomUUID();
const URL_BASE = 'http://rest.test';

let db: PostgresHandle;
let admin: pg.Client;
let pool: pg.Pool;
let root: Hono;
let sign: (claims: Record<string, unknown>, opts?: { expiresIn?: string | number; key?: CryptoKey }) => Promise<string>;
let otherKey: CryptoKey;
let anon: SupabaseClient;
let alice: SupabaseClient;
let bob: SupabaseClient;

const fetcher = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => root.fetch(new Request(input, init));
const client = (key: string, accessToken?: string) =>
  createClient(URL_BASE, key, {
    global: { fetch: fetcher },
    realtime: { transport: WebSocket as never },
    auth: { persistSession: false, autoRefreshToken: false },
    ...(accessToken ? { accessToken: async () => accessToken } : {}),
  });
/** A raw request to the mounted app, for shapes supabase-js does not produce. */
const raw = (path: string, init: RequestInit & { token?: string } = {}) => {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('Authorization', `Bearer ${init.token}`);
  return root.fetch(new Request(`${URL_BASE}/rest/v1${path}`, { ...init, headers }));
};

beforeAll(async () => {
  const port = 56201 + Math.floor(Math.random() * 99);
  db = await startPostgres({ dataDir: join(tmpdir(), `rest-app-test-${process.pid}-${Date.now()}`), port, ephemeral: true });
  admin = new pg.Client({ connectionString: db.connectionString });
  await admin.connect();
  await admin.query(readFileSync(new URL('../bootstrap.sql', import.meta.url), 'utf8'));
  await admin.query(FIXTURE);
  await admin.query(`insert into public.notes (owner, title, score, tag) values
    ($1, 'alpha', 5, 'x'), ($1, 'beta', null, 'y'), ($1, 'gamma', 1, 'x'), ($1, 'de,lta', 3, null), ($2, 'bob-only', 9, 'z')`, [ALICE, BOB]);

  const { privateKey, publicKey } = await generateKeyPair('ES256');
  otherKey = (await generateKeyPair('ES256')).privateKey;
  sign = (claims, opts = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
      .setIssuedAt()
      .setExpirationTime(opts.expiresIn ?? '1h')
      .sign(opts.key ?? privateKey);
  const verifyJwt = async (token: string) => (await jwtVerify(token, publicKey, { algorithms: ['ES256'], clockTolerance: 30 })).payload;

  pool = new pg.Pool({ connectionString: `postgresql://authenticator:authenticator-local-dev-only@127.0.0.1:${port}/postgres`, max: 4 });
  root = new Hono();
  root.route('/rest/v1', createRestApp({ pool, verifyJwt }));

  const anonKey = await sign({ role: 'anon', iss: 'supabase-demo' }, { expiresIn: '10y' });
  anon = client(anonKey);
  alice = client(anonKey, await sign({ sub: ALICE, role: 'authenticated', aud: 'authenticated', email: 'alice@example.com' }));
  bob = client(anonKey, await sign({ sub: BOB, role: 'authenticated', aud: 'authenticated' }));
}, 120_000);

afterAll(async () => {
  await pool?.end();
  await admin?.end();
  await db?.stop();
});

describe('transaction setup', () => {
  it('sets role, claims (with role), method, path, lowercase headers and search_path', async () => {
    const { data, error } = await alice.rpc('whoami');
    expect(error).toBeNull();
    expect(data.user).toBe('authenticated');
    expect(data.claims).toMatchObject({ sub: ALICE, role: 'authenticated', email: 'alice@example.com' });
    expect(data.method).toBe('POST');
    expect(data.path).toBe('/rpc/whoami');
    expect(data.headers['x-client-info']).toMatch(/^supabase-js/);
    expect(data.headers['content-profile']).toBe('public');
    expect(data.search_path).toBe('"public", "extensions"');
    expect(data.read_only).toBe('on');
  });

  it('runs as anon with role written into the claims when the token is the anon key', async () => {
    const { data } = await anon.rpc('whoami', {}, { get: true });
    expect(data.user).toBe('anon');
    expect(data.claims.role).toBe('anon');
    expect(data.method).toBe('GET');
  });

  it('runs as anon without any Authorization header', async () => {
    const res = await raw('/rpc/whoami');
    expect(res.status).toBe(200);
    expect((await res.json()).claims).toEqual({ role: 'anon' });
  });

  it('rolls back when the statement fails (nothing of a failed write stays)', async () => {
    const { error } = await alice.from('notes').insert([{ title: 'ok-1' }, { title: 'alpha' }]);
    expect(error?.code).toBe('23505');
    const { count } = await admin.query(`select count(*)::int as count from notes where title = 'ok-1'`).then((r) => r.rows[0]);
    expect(count).toBe(0);
  });
});

describe('JWT', () => {
  it('refuses tokens signed with another key, HS256, alg none and expired ones with 401', async () => {
    const hs = await new SignJWT({ role: 'authenticated' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(new TextEncoder().encode('x'.repeat(32)));
    const none = new UnsecuredJWT({ role: 'service_role' }).setExpirationTime('1h').encode();
    const other = await sign({ role: 'authenticated', sub: ALICE }, { key: otherKey });
    const expired = await sign({ role: 'authenticated', sub: ALICE }, { expiresIn: Math.floor(Date.now() / 1000) - 60 });
    for (const token of [hs, none, other]) {
      const res = await raw('/notes', { token });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('invalid_token');
      expect((await res.json()).code).toBe('PGRST301');
    }
    const res = await raw('/notes', { token: expired });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ code: 'PGRST303', details: null, hint: null, message: 'JWT expired' });
  });

  it('accepts a token expired by less than the 30 s leeway', async () => {
    const token = await sign({ role: 'authenticated', sub: ALICE }, { expiresIn: Math.floor(Date.now() / 1000) - 10 });
    expect((await raw('/notes?select=id', { token })).status).toBe(200);
  });

  it('answers 401 for a role that does not exist and refuses roles authenticator cannot take', async () => {
    const ghost = await raw('/notes', { token: await sign({ role: 'ghost' }) });
    expect(ghost.status).toBe(401);
    expect((await ghost.json()).message).toBe('role "ghost" does not exist');
    const su = await raw('/notes', { token: await sign({ role: 'postgres' }) });
    expect(su.status).toBe(403);
    expect((await su.json()).code).toBe('42501');
  });
});

describe('row-level security', () => {
  it('shows a user only their own rows, through the table and the security_invoker view', async () => {
    const a = await alice.from('notes').select('title').order('id');
    expect(a.data?.map((r) => r.title)).toEqual(['alpha', 'beta', 'gamma', 'de,lta']);
    const b = await bob.from('my_notes').select('title');
    expect(b.data).toEqual([{ title: 'bob-only' }]);
  });

  it('gives anon 401 on a table anon has no grant on, and a user 403 on a missing grant', async () => {
    const { error, status } = await anon.from('notes').select('*');
    expect(status).toBe(401);
    expect(error).toMatchObject({ code: '42501', message: 'permission denied for table notes' });
    const r = await alice.from('drop_box').select('*');
    expect(r.status).toBe(403);
  });

  it('updates and deletes nothing that RLS hides', async () => {
    const upd = await bob.from('notes').update({ score: 100 }).eq('title', 'alpha').select();
    expect(upd.status).toBe(200);
    expect(upd.data).toEqual([]);
    const del = await bob.from('notes').delete({ count: 'exact' }).eq('title', 'alpha');
    expect(del.status).toBe(204);
    expect(del.count).toBe(0);
    const { rows } = await admin.query(`select score from notes where title = 'alpha'`);
    expect(rows).toEqual([{ score: 5 }]);
  });

  it('refuses an insert for somebody else with 42501 (403)', async () => {
    const { error, status } = await alice.from('notes').insert({ title: 'forged', owner: BOB });
    expect(status).toBe(403);
    expect(error?.message).toBe('new row violates row-level security policy for table "notes"');
  });

  it('inserts with return=minimal where the caller may not read back', async () => {
    const { error, status, data } = await anon.from('drop_box').insert({ msg: 'hello' });
    expect(error).toBeNull();
    expect(status).toBe(201);
    expect(data).toBeNull();
    const back = await anon.from('drop_box').insert({ msg: 'again' }).select();
    expect(back.status).toBe(401);
  });
});

describe('reads', () => {
  const titles = async (q: PromiseLike<{ data: { title: string }[] | null; error: unknown }>) => {
    const { data, error } = await q;
    expect(error).toBeNull();
    return data!.map((r) => r.title);
  };
  const notes = () => alice.from('notes').select('title');

  it('applies every filter operator', async () => {
    expect(await titles(notes().eq('score', 5))).toEqual(['alpha']);
    expect(await titles(notes().neq('score', 5).order('id'))).toEqual(['gamma', 'de,lta']);
    expect(await titles(notes().gt('score', 3))).toEqual(['alpha']);
    expect(await titles(notes().gte('score', 3).order('id'))).toEqual(['alpha', 'de,lta']);
    expect(await titles(notes().lt('score', 3))).toEqual(['gamma']);
    expect(await titles(notes().lte('score', 3).order('id'))).toEqual(['gamma', 'de,lta']);
    expect(await titles(notes().like('title', '*amm*'))).toEqual(['gamma']);
    expect(await titles(notes().ilike('title', 'ALP*'))).toEqual(['alpha']);
    expect(await titles(notes().in('title', ['alpha', 'de,lta']).order('id'))).toEqual(['alpha', 'de,lta']);
    expect(await titles(notes().is('score', null))).toEqual(['beta']);
    expect(await titles(notes().not('score', 'is', null).order('id'))).toEqual(['alpha', 'gamma', 'de,lta']);
    expect(await titles(notes().not('title', 'in', '(alpha,beta,gamma)'))).toEqual(['de,lta']);
    expect(await titles(notes().or('score.eq.1,and(tag.eq.y,score.is.null)').order('id'))).toEqual(['beta', 'gamma']);
    expect(await titles(notes().or('title.eq."de,lta",title.eq.alpha').order('id'))).toEqual(['alpha', 'de,lta']);
    expect(await titles(notes().match({ tag: 'x', score: 1 }))).toEqual(['gamma']);
    expect(await titles(notes().filter('title', 'like', 'g*'))).toEqual(['gamma']);
  });

  it('orders with directions and nulls placement, limits and ranges', async () => {
    expect(await titles(notes().order('score', { ascending: false, nullsFirst: false }))).toEqual(['alpha', 'de,lta', 'gamma', 'beta']);
    expect(await titles(notes().order('score', { ascending: true, nullsFirst: true }))).toEqual(['beta', 'gamma', 'de,lta', 'alpha']);
    expect(await titles(notes().order('tag').order('title', { ascending: false }))).toEqual(['gamma', 'alpha', 'beta', 'de,lta']);
    expect(await titles(notes().order('id').limit(2))).toEqual(['alpha', 'beta']);
    expect(await titles(notes().order('id').range(1, 2))).toEqual(['beta', 'gamma']);
  });

  it('selects aliases and casts', async () => {
    const { data } = await alice.from('notes').select('name:title,score::text').eq('title', 'alpha');
    expect(data).toEqual([{ name: 'alpha', score: '5' }]);
  });

  it('counts exactly with Content-Range and 206 for a partial page', async () => {
    const full = await alice.from('notes').select('title', { count: 'exact' }).order('id');
    expect(full.status).toBe(200);
    expect(full.count).toBe(4);
    const part = await alice.from('notes').select('title', { count: 'exact' }).order('id').range(1, 2);
    expect(part.status).toBe(206);
    expect(part.count).toBe(4);
    const res = await raw('/notes?select=title&order=id&offset=1&limit=2', { token: await sign({ role: 'authenticated', sub: ALICE }), headers: { Prefer: 'count=exact' } });
    expect(res.headers.get('content-range')).toBe('1-2/4');
    const beyond = await raw('/notes?offset=10', { token: await sign({ role: 'authenticated', sub: ALICE }), headers: { Prefer: 'count=exact' } });
    expect(beyond.status).toBe(416);
    expect((await beyond.json()).code).toBe('PGRST103');
  });

  it('answers HEAD with a count and no body', async () => {
    const { count, data, status } = await alice.from('notes').select('*', { count: 'exact', head: true });
    expect(status).toBe(200);
    expect(count).toBe(4);
    expect(data).toBeNull();
    const res = await raw('/notes', { method: 'HEAD', token: await sign({ role: 'authenticated', sub: ALICE }), headers: { Prefer: 'count=exact' } });
    expect(await res.text()).toBe('');
    expect(res.headers.get('content-range')).toBe('0-3/4');
  });

  it('honours the Range header and max-rows', async () => {
    const token = await sign({ role: 'authenticated', sub: ALICE });
    const res = await raw('/notes?select=title&order=id', { token, headers: { Range: '0-1' } });
    expect(await res.json()).toEqual([{ title: 'alpha' }, { title: 'beta' }]);
    const capped = new Hono();
    capped.route('/rest/v1', createRestApp({ pool, verifyJwt: async () => ({ role: 'authenticated', sub: ALICE }), maxRows: 3 }));
    const r = await capped.fetch(new Request(`${URL_BASE}/rest/v1/notes?select=id`, { headers: { Authorization: `Bearer ${token}` } }));
    expect(await r.json()).toHaveLength(3);
    expect(r.headers.get('content-range')).toBe('0-2/*');
  });

  it('.single() gives one object, or 406 PGRST116 for 0 or several rows', async () => {
    const one = await alice.from('notes').select('title').eq('title', 'alpha').single();
    expect(one.data).toEqual({ title: 'alpha' });
    const none = await alice.from('notes').select('title').eq('title', 'nope').single();
    expect(none.status).toBe(406);
    expect(none.error).toEqual({ code: 'PGRST116', details: 'The result contains 0 rows', hint: null, message: 'Cannot coerce the result to a single JSON object' });
    const many = await alice.from('notes').select('title').single();
    expect(many.error?.details).toBe('The result contains 4 rows');
  });

  it('.maybeSingle() gives null for no rows', async () => {
    const { data, error } = await alice.from('notes').select('title').eq('title', 'nope').maybeSingle();
    expect(error).toBeNull();
    expect(data).toBeNull();
    expect((await alice.from('notes').select('title').eq('title', 'beta').maybeSingle()).data).toEqual({ title: 'beta' });
  });

  it('refuses embedding, unknown tables and unknown columns', async () => {
    const emb = await alice.from('notes').select('title, parents(*)');
    expect(emb.status).toBe(400);
    expect(emb.error?.code).toBe('PGRST200');
    const table = await alice.from('note').select();
    expect(table.status).toBe(404);
    expect(table.error).toEqual({ code: 'PGRST205', details: null, hint: "Perhaps you meant the table 'public.notes'", message: "Could not find the table 'public.note' in the schema cache" });
    const column = await alice.from('notes').select('nope');
    expect(column.status).toBe(400);
    expect(column.error?.code).toBe('42703');
  });

  it('picks up a table created after the first request (schema cache reload)', async () => {
    await admin.query(`create table public.late (id int primary key); grant select on public.late to authenticated; insert into public.late values (7)`);
    const { data, error } = await alice.from('late').select('id');
    expect(error).toBeNull();
    expect(data).toEqual([{ id: 7 }]);
  });

  it('selects the schema with Accept-Profile / Content-Profile and refuses others with 406 PGRST106', async () => {
    const r = await alice.schema('auth').from('users').select('*');
    expect(r.status).toBe(406);
    expect(r.error).toEqual({ code: 'PGRST106', details: null, hint: 'Only the following schemas are exposed: public', message: 'Invalid schema: auth' });
    const w = await alice.schema('auth').rpc('uid');
    expect(w.error?.code).toBe('PGRST106');
  });
});

describe('writes', () => {
  it('inserts an object or an array, with and without .select()', async () => {
    const plain = await alice.from('notes').insert({ title: 'w1', score: 1 });
    expect(plain).toMatchObject({ status: 201, data: null, error: null });
    const many = await alice.from('notes').insert([{ title: 'w2' }, { title: 'w3', tag: 't' }]).select('title, tag');
    expect(many.status).toBe(201);
    expect(many.data).toEqual([{ title: 'w2', tag: null }, { title: 'w3', tag: 't' }]);
    const one = await alice.from('notes').insert({ title: 'w4' }).select('id, owner').single();
    expect(one.data?.owner).toBe(ALICE);
    expect(typeof one.data?.id).toBe('number');
  });

  it('inserts an empty object with the defaults, and an empty array as nothing', async () => {
    const empty = await anon.from('drop_box').insert({});
    expect(empty.status).toBe(201);
    const none = await raw('/drop_box', { method: 'POST', headers: { 'Content-Type': 'application/json', Prefer: 'count=exact' }, body: '[]' });
    expect(none.status).toBe(201);
    expect(none.headers.get('content-range')).toBe('*/0');
    const { rows } = await admin.query(`select count(*)::int as n from drop_box where msg is null`);
    expect(rows[0].n).toBe(1);
  });

  it('answers POST with Content-Range */* and Location for headers-only', async () => {
    const token = await sign({ role: 'authenticated', sub: ALICE });
    const res = await raw('/notes', { method: 'POST', token, headers: { 'Content-Type': 'application/json', Prefer: 'return=headers-only' }, body: JSON.stringify({ title: 'w5' }) });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-range')).toBe('*/*');
    expect(res.headers.get('location')).toMatch(/^\/notes\?id=eq\.\d+$/);
    expect(await res.text()).toBe('');
  });

  it('updates with filters: 204 without, 200 + array with representation', async () => {
    const token = await sign({ role: 'authenticated', sub: ALICE });
    const res = await raw('/notes?title=eq.w1', { method: 'PATCH', token, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ score: 2 }) });
    expect(res.status).toBe(204);
    expect(res.headers.get('content-range')).toBe('0-0/*');
    const rep = await alice.from('notes').update({ score: 3 }).in('title', ['w1', 'w2']).select('title, score').order('title');
    expect(rep.status).toBe(200);
    expect(rep.data).toEqual([{ title: 'w1', score: 3 }, { title: 'w2', score: 3 }]);
  });

  it('deletes with filters: 204 without, 200 + array with representation', async () => {
    const plain = await alice.from('notes').delete().eq('title', 'w5');
    expect(plain.status).toBe(204);
    const rep = await alice.from('notes').delete().eq('title', 'w4').select('title');
    expect(rep.status).toBe(200);
    expect(rep.data).toEqual([{ title: 'w4' }]);
  });

  it('refuses unfiltered updates and deletes like Supabase (pg-safeupdate)', async () => {
    const u = await alice.from('notes').update({ score: 0 }).select();
    expect(u.status).toBe(400);
    expect(u.error).toEqual({ code: '21000', details: null, hint: null, message: 'UPDATE requires a WHERE clause' });
    const d = await alice.from('notes').delete();
    expect(d.error?.message).toBe('DELETE requires a WHERE clause');
  });

  it('rolls back a singular write that hits several rows', async () => {
    const r = await alice.from('notes').update({ score: 42 }).in('title', ['w2', 'w3']).select().single();
    expect(r.status).toBe(406);
    const { rows } = await admin.query(`select count(*)::int as n from notes where score = 42`);
    expect(rows[0].n).toBe(0);
  });

  it('answers bad bodies and unknown columns with PGRST102 / PGRST204', async () => {
    const token = await sign({ role: 'authenticated', sub: ALICE });
    const bad = await raw('/notes', { method: 'POST', token, headers: { 'Content-Type': 'application/json' }, body: '{"title": ' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).code).toBe('PGRST102');
    const huge = await raw('/notes', { method: 'POST', token, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ title: 'x'.repeat(1_100_000) }) });
    expect(huge.status).toBe(400);
    expect((await huge.json()).code).toBe('PGRST102');
    const mixed = await raw('/notes', { method: 'POST', token, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify([{ title: 'a' }, { score: 1 }]) });
    expect((await mixed.json()).message).toBe('All object keys must match');
    const unknown = await alice.from('notes').insert({ title: 'x', colour: 'red' });
    expect(unknown.status).toBe(400);
    expect(unknown.error).toEqual({ code: 'PGRST204', details: null, hint: null, message: "Could not find the 'colour' column of 'notes' in the schema cache" });
  });

  it('maps constraint violations: unique and foreign key → 409, not null → 400', async () => {
    const dup = await alice.from('notes').insert({ title: 'alpha' });
    expect(dup.status).toBe(409);
    expect(dup.error?.code).toBe('23505');
    const fk = await alice.from('children').insert({ id: 1, parent_id: 99 });
    expect(fk.status).toBe(409);
    expect(fk.error?.code).toBe('23503');
    const nn = await alice.from('notes').insert({ score: 1 });
    expect(nn.status).toBe(400);
    expect(nn.error?.code).toBe('23502');
    const bad = await alice.from('notes').select('title').eq('score', 'abc');
    expect(bad.status).toBe(400);
    expect(bad.error?.code).toBe('22P02');
  });
});

describe('rpc', () => {
  it('returns scalars as bare values, null as null', async () => {
    expect((await anon.rpc('add', { a: 1, b: 2 })).data).toBe(3);
    expect((await anon.rpc('add', { a: 1 })).data).toBe(11);
    const res = await raw('/rpc/nothing', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(await res.text()).toBe('null');
    expect((await anon.rpc('add', { a: 5 }, { get: true })).data).toBe(15);
  });

  it('returns composites as objects and tables as arrays of objects, with filters', async () => {
    const first = await alice.rpc('first_note');
    expect(first.data).toMatchObject({ title: 'alpha', owner: ALICE });
    const table = await alice.rpc('note_titles', { p_min: 3 }).select('title').order('title');
    expect(table.data).toEqual([{ title: 'alpha' }, { title: 'de,lta' }, { title: 'w1' }, { title: 'w2' }]);
    const filtered = await alice.rpc('note_titles').eq('title', 'gamma').single();
    expect(filtered.data).toMatchObject({ title: 'gamma', score: 1 });
    const counted = await alice.rpc('note_titles', {}, { count: 'exact' }).range(0, 1);
    expect(counted.status).toBe(206);
    expect(counted.data).toHaveLength(2);
    expect((await alice.rpc('tags')).data).toEqual(['t', 'x', 'y']);
    expect((await anon.rpc('echo', { any: ['thing'] })).data).toEqual({ any: ['thing'] });
  });

  it('returns 204 for void and writes in a READ WRITE transaction for volatile functions', async () => {
    const { status, data, error } = await alice.rpc('add_note', { p_title: 'via-rpc' });
    expect(error).toBeNull();
    expect(status).toBe(204);
    expect(data).toBeNull();
    expect((await alice.from('notes').select('title').eq('title', 'via-rpc')).data).toHaveLength(1);
  });

  it('runs stable functions and GET calls READ ONLY (a write fails with 405)', async () => {
    const stable = await alice.rpc('sneaky_write');
    expect(stable.status).toBe(405);
    expect(stable.error?.code).toBe('25006');
    const get = await alice.rpc('add_note', { p_title: 'by-get' }, { get: true });
    expect(get.status).toBe(405);
    expect((await admin.query(`select 1 from notes where title in ('sneaky', 'by-get')`)).rowCount).toBe(0);
  });

  it('answers an unknown function or argument set with 404 PGRST202', async () => {
    const r = await anon.rpc('add', { x: 1 });
    expect(r.status).toBe(404);
    expect(r.error).toMatchObject({ code: 'PGRST202', message: 'Could not find the function public.add(x) in the schema cache' });
    const none = await anon.rpc('does_not_exist');
    expect(none.error?.message).toBe('Could not find the function public.does_not_exist without parameters in the schema cache');
    const put = await raw('/rpc/add', { method: 'PUT', body: '{}' });
    expect(put.status).toBe(405);
    expect((await put.json()).code).toBe('PGRST101');
  });

  it('maps raised errors: P0001 → 400, PT404 → 404, 42501 → 403 / 401, 22012 → 400', async () => {
    const raised = await alice.rpc('fail', { kind: 'raise' });
    expect(raised.status).toBe(400);
    expect(raised.error).toEqual({ code: 'P0001', details: 'An account needs at least one manager.', hint: null, message: 'last_manager' });
    const pt = await alice.rpc('fail', { kind: 'pt404' });
    expect(pt.status).toBe(404);
    expect(pt.error?.message).toBe('gone');
    expect((await alice.rpc('fail', { kind: 'denied' })).status).toBe(403);
    expect((await anon.rpc('fail', { kind: 'denied' })).status).toBe(401);
    const zero = await alice.rpc('fail', { kind: 'zero' });
    expect(zero.status).toBe(400);
    expect(zero.error?.code).toBe('22012');
    const res = await raw('/rpc/fail', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"kind":"raise"}' });
    expect(res.headers.get('proxy-status')).toBe('PostgREST; error=P0001');
  });
});

describe('SQL injection', () => {
  const intact = async () => (await admin.query(`select count(*)::int as n from notes`)).rows[0].n as number;

  it('refuses SQL in column names, order and relation names', async () => {
    const before = await intact();
    const sel = await alice.from('notes').select('title; drop table notes; --' as 'title');
    expect(sel.status).toBe(400);
    const ord = await alice.from('notes').select('title').order('title; drop table notes');
    expect(ord.status).toBe(400);
    expect(ord.error?.code).toBe('42703');
    const ord2 = await alice.from('notes').select('title').order('"title" desc; drop table notes; --');
    expect(ord2.status).toBe(400);
    const rel = await alice.from('notes; drop table notes').select();
    expect(rel.status).toBe(404);
    const cast = await alice.from('notes').select('title::text); drop table notes; --');
    expect(cast.status).toBe(400);
    const key = await alice.from('notes').insert({ 'title") values (1); drop table notes; --': 'x' } as never);
    expect(key.error?.code).toBe('PGRST204');
    expect(await intact()).toBe(before);
  });

  it('treats quotes and SQL in filter values as plain values', async () => {
    const before = await intact();
    for (const value of ["alpha' or '1'='1", "'; drop table notes; --", 'alpha"); drop table notes; --']) {
      const { data, error } = await alice.from('notes').select('title').eq('title', value);
      expect(error).toBeNull();
      expect(data).toEqual([]);
    }
    const list = await alice.from('notes').select('title').in('title', ["x') or true --", 'alpha']);
    expect(list.data).toEqual([{ title: 'alpha' }]);
    const tree = await alice.from('notes').select('title').or(`title.eq."') or true --",title.eq.beta`);
    expect(tree.data).toEqual([{ title: 'beta' }]);
    const rpc = await alice.rpc('note_titles', { p_min: "0) or true; --" as never });
    expect(rpc.status).toBe(400);
    expect(rpc.error?.code).toBe('22P02');
    expect(await intact()).toBe(before);
  });
});
