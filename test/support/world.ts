// Isolated fixtures: every test file builds its own customers, clusters and people with unique addresses,
// so tests can run in parallel and mutate freely without touching the demo seed.
import { randomUUID } from 'node:crypto';
import { adminPool } from './sql.ts';

export const TEST_PASSWORD = 'demo-password';
// bcrypt of TEST_PASSWORD (cost 10), the same hash the demo seed uses.
const TEST_PASSWORD_HASH = '$2b$10$YeN0yTb0oU2Nl79XcRnFcOePEsAKFbZvQpqwd1p3r3oUmWmpgmeqa';

export interface Person {
  id: string;
  email: string;
}

export async function createPerson(label: string): Promise<Person> {
  const id = randomUUID();
  const email = `${label}-${id.slice(0, 8)}@test.example`;
  const db = adminPool();
  await db.query(
    `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
       confirmation_token, recovery_token, email_change_token_new, email_change,
       raw_app_meta_data, raw_user_meta_data, created_at, updated_at, is_anonymous)
     values ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', 'authenticated', $2, $3, now(),
       '', '', '', '', '{"provider":"email","providers":["email"]}', '{}', now(), now(), false)`,
    [id, email, TEST_PASSWORD_HASH],
  );
  await db.query(
    `insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at)
     values ($1::text, $1::text::uuid, jsonb_build_object('sub', $1::text, 'email', $2::text, 'email_verified', true), 'email', now(), now())`,
    [id, email],
  );
  return { id, email };
}

export interface Account {
  id: string;
  customerNumber: string;
}
export interface Cluster {
  id: string;
  clusterNumber: string;
  accountId: string;
}

/** A customer account with its managers; the first manager becomes contact person unless contact is false. */
export async function createAccount(managers: Person[], companyName = 'Test Company', opts: { contact?: boolean } = {}): Promise<Account> {
  const db = adminPool();
  const { rows } = await db.query<{ id: string; customer_number: string }>(
    'insert into public.customer_accounts (company_name) values ($1) returning id, customer_number',
    [companyName],
  );
  const account = { id: rows[0].id, customerNumber: rows[0].customer_number };
  for (const m of managers) await addManager(account, m);
  if (managers.length && opts.contact !== false) await db.query('update public.customer_accounts set contact_person_id = $2 where id = $1', [account.id, managers[0].id]);
  return account;
}

export async function createCluster(account: Account, name = 'Test cluster'): Promise<Cluster> {
  const { rows } = await adminPool().query<{ id: string; cluster_number: string }>(
    'insert into public.clusters (account_id, name) values ($1, $2) returning id, cluster_number',
    [account.id, name],
  );
  return { id: rows[0].id, clusterNumber: rows[0].cluster_number, accountId: account.id };
}

export async function addManager(account: Account, person: Person) {
  await adminPool().query('insert into public.account_managers (account_id, user_id) values ($1, $2) on conflict do nothing', [account.id, person.id]);
}

export async function addAdministrator(cluster: Cluster, person: Person) {
  await adminPool().query('insert into public.cluster_administrators (cluster_id, user_id) values ($1, $2) on conflict do nothing', [cluster.id, person.id]);
}

export async function isManager(account: Account, person: Person): Promise<boolean> {
  const { rowCount } = await adminPool().query('select 1 from public.account_managers where account_id = $1 and user_id = $2', [account.id, person.id]);
  return rowCount === 1;
}

export async function isAdministrator(cluster: Cluster, person: Person): Promise<boolean> {
  const { rowCount } = await adminPool().query('select 1 from public.cluster_administrators where cluster_id = $1 and user_id = $2', [cluster.id, person.id]);
  return rowCount === 1;
}

/**
 * The standard cast of the rights tests:
 * account A (clusters a1, a2) with managers manager + coManager; account B (cluster b1) with otherManager;
 * adminOne administers a1; adminTwo administers a2 and b1 (two accounts); nobody has no role.
 */
export async function createWorld() {
  const [manager, coManager, otherManager, adminOne, adminTwo, nobody] = await Promise.all(
    ['manager', 'comanager', 'othermanager', 'adminone', 'admintwo', 'nobody'].map(createPerson),
  );
  const accountA = await createAccount([manager, coManager], 'Alpha Test GmbH');
  const accountB = await createAccount([otherManager], 'Beta Test AG');
  const a1 = await createCluster(accountA, 'a1');
  const a2 = await createCluster(accountA, 'a2');
  const b1 = await createCluster(accountB, 'b1');
  await addAdministrator(a1, adminOne);
  await addAdministrator(a2, adminTwo);
  await addAdministrator(b1, adminTwo);
  return { manager, coManager, otherManager, adminOne, adminTwo, nobody, accountA, accountB, a1, a2, b1 };
}
export type World = Awaited<ReturnType<typeof createWorld>>;
