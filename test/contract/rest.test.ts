// Every PostgREST call shape the SPA and the Worker make, with the statuses and bodies PostgREST gives.
// Runs against the local stand-in, or a real Supabase when SUPABASE_URL and keys are set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { anonClient, clientWithToken, signIn } from '../support/clients.ts';
import { closeAdminPool } from '../support/sql.ts';
import { createPerson, createWorld, TEST_PASSWORD, type World } from '../support/world.ts';

let w: World;
let manager: SupabaseClient;
let admin: SupabaseClient;
beforeAll(async () => {
  w = await createWorld();
  manager = (await signIn(w.manager.email, TEST_PASSWORD)).client;
  admin = (await signIn(w.adminTwo.email, TEST_PASSWORD)).client;
});
afterAll(closeAdminPool);

describe('reads', () => {
  it('select columns with eq filter and order (overview)', async () => {
    const { data, error, status } = await manager.from('my_clusters').select('id,cluster_number,name,account_id,customer_number,my_role').order('cluster_number', { ascending: true });
    expect(error).toBeNull();
    expect(status).toBe(200);
    expect(data).toEqual([
      { id: w.a1.id, cluster_number: w.a1.clusterNumber, name: 'a1', account_id: w.accountA.id, customer_number: w.accountA.customerNumber, my_role: 'manager' },
      { id: w.a2.id, cluster_number: w.a2.clusterNumber, name: 'a2', account_id: w.accountA.id, customer_number: w.accountA.customerNumber, my_role: 'manager' },
    ]);
  });

  it('an administrator of two clusters in two accounts sees both, without the commercial customer number', async () => {
    const { data } = await admin.from('my_clusters').select('cluster_number,customer_number,my_role').order('cluster_number');
    expect(data).toEqual([
      { cluster_number: w.a2.clusterNumber, customer_number: null, my_role: 'administrator' },
      { cluster_number: w.b1.clusterNumber, customer_number: null, my_role: 'administrator' },
    ]);
  });

  it('manager_list filtered by account, contact person marked', async () => {
    const { data, error } = await manager.from('manager_list').select('user_id,email,display_name,is_contact_person,added_at').eq('account_id', w.accountA.id).order('email');
    expect(error).toBeNull();
    expect(data).toHaveLength(2);
    expect(data).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ user_id: w.manager.id, email: w.manager.email, is_contact_person: true }),
        expect.objectContaining({ user_id: w.coManager.id, email: w.coManager.email, is_contact_person: false }),
      ]),
    );
  });

  it('.single() with no row is 406 PGRST116; maybeSingle() is null', async () => {
    const single = await admin.from('customer_accounts').select('id').eq('id', w.accountA.id).single();
    expect(single.status).toBe(406);
    expect(single.error).toMatchObject({ code: 'PGRST116' });
    const maybe = await admin.from('customer_accounts').select('id').eq('id', w.accountA.id).maybeSingle();
    expect(maybe).toMatchObject({ data: null, error: null });
  });

  it('count exact with head', async () => {
    const { count, error } = await manager.from('clusters').select('*', { count: 'exact', head: true });
    expect(error).toBeNull();
    expect(count).toBe(2);
  });

  it('anon reading a table without grant: 401 42501', async () => {
    const { error, status } = await anonClient().from('clusters').select('id');
    expect(status).toBe(401);
    expect(error).toMatchObject({ code: '42501' });
  });

  it('an unknown column is 400 (PGRST204 / 42703) and an unknown table 404', async () => {
    const col = await manager.from('clusters').select('nope');
    expect(col.status).toBe(400);
    const table = await manager.from('no_such_table').select('*');
    expect(table.status).toBe(404);
    expect(table.error?.code).toBe('PGRST205');
  });
});

describe('writes', () => {
  it('delete with filters and select() returns the deleted rows', async () => {
    const p = await createPerson('contract-del');
    const { addAdministrator } = await import('../support/world.ts');
    await addAdministrator(w.a1, p);
    const { data, error, status } = await manager.from('cluster_administrators').delete().eq('cluster_id', w.a1.id).eq('user_id', p.id).select();
    expect(error).toBeNull();
    expect(status).toBe(200);
    expect(data).toEqual([expect.objectContaining({ cluster_id: w.a1.id, user_id: p.id })]);
  });

  it('a refusal raised in a function (P0001) is 400 with the machine code as message', async () => {
    const { error, status } = await manager.rpc('remove_manager', { p_account_id: w.accountA.id, p_user_id: w.manager.id });
    expect(status).toBe(400);
    expect(error).toMatchObject({ code: 'P0001', message: 'contact_person_cannot_be_removed', details: expect.any(String) });
  });

  it('an insert without grant is 403 42501', async () => {
    const { error, status } = await manager.from('account_managers').insert({ account_id: w.accountB.id, user_id: w.manager.id });
    expect(status).toBe(403);
    expect(error?.code).toBe('42501');
  });

  it('update of own profile columns', async () => {
    const { data, error } = await manager.from('profiles').update({ language: 'de' }).eq('id', w.manager.id).select('id,language');
    expect(error).toBeNull();
    expect(data).toEqual([{ id: w.manager.id, language: 'de' }]);
  });
});

describe('rpc', () => {
  it('create_invitation returns the row (table function → array)', async () => {
    const { data, error, status } = await manager.rpc('create_invitation', { p_role: 'manager', p_target_id: w.accountA.id, p_email: 'contract-rpc@example.com' });
    expect(error).toBeNull();
    expect(status).toBe(200);
    expect(data).toEqual([expect.objectContaining({ email: 'contract-rpc@example.com', token: expect.stringMatching(/^[0-9a-f]{64}$/), target_number: w.accountA.customerNumber })]);
  });

  it('a refused rpc (42501) is 403 for a user and 401 for anon', async () => {
    const refused = await admin.rpc('create_invitation', { p_role: 'manager', p_target_id: w.accountA.id, p_email: 'x@example.com' });
    expect(refused.status).toBe(403);
    expect(refused.error).toMatchObject({ code: '42501', message: 'not_allowed' });
    const anon = await anonClient().rpc('create_invitation', { p_role: 'manager', p_target_id: w.accountA.id, p_email: 'x@example.com' });
    expect(anon.status).toBe(401);
  });

  it('get_invitation is callable by anon; an unknown token is 404 (PT404) with the code as message', async () => {
    const { data } = await manager.rpc('create_invitation', { p_role: 'administrator', p_target_id: w.a1.id, p_email: 'contract-get@example.com' });
    const shown = await anonClient().rpc('get_invitation', { p_token: data[0].token });
    expect(shown.error).toBeNull();
    expect(shown.data).toEqual([expect.objectContaining({ role: 'administrator', cluster_number: w.a1.clusterNumber, state: 'pending', email_masked: 'c***@example.com' })]);
    const unknown = await anonClient().rpc('get_invitation', { p_token: 'nope' });
    expect(unknown.status).toBe(404);
    expect(unknown.error).toMatchObject({ message: 'invitation_not_found' });
  });

  it('accept_invitation with the invitee’s own token (Worker passes the caller JWT the same way)', async () => {
    const invitee = await createPerson('contract-accept');
    const { data } = await manager.rpc('create_invitation', { p_role: 'administrator', p_target_id: w.a2.id, p_email: invitee.email });
    const { accessToken } = await signIn(invitee.email, TEST_PASSWORD);
    const res = await clientWithToken(accessToken).rpc('accept_invitation', { p_token: data[0].token });
    expect(res.error).toBeNull();
    expect(res.data).toEqual([{ role: 'administrator', account_id: null, cluster_id: w.a2.id }]);
    const wrongArgs = await clientWithToken(accessToken).rpc('accept_invitation', { token: 'x' });
    expect(wrongArgs.status).toBe(404);
    expect(wrongArgs.error?.code).toBe('PGRST202');
  });
});
