// Scale seed: generates customer accounts, clusters, managers, administrator assignments and (when the table
// exists) invoices inside the database with set-based SQL (generate_series), as superuser. Ids are derived
// from row numbers, so every statement can compute the ids it joins to without a lookup.
import type pg from 'pg';

export interface ScaleSize {
  accounts: number;
  clusters: number;
  /** rows in account_managers */
  managers: number;
  /** rows in cluster_administrators (five clusters per administrator) */
  adminAssignments: number;
  invoiceMonths: number;
}

export const FULL: ScaleSize = { accounts: 100_000, clusters: 300_000, managers: 150_000, adminAssignments: 1_000_000, invoiceMonths: 12 };
export const SMALL: ScaleSize = { accounts: 1_000, clusters: 3_000, managers: 1_500, adminAssignments: 10_000, invoiceMonths: 12 };

/** The three people the benchmark acts as, and the account and cluster whose dialogs they open. */
export interface Persona {
  key: string;
  label: string;
  userId: string;
  /** account whose "Manage managers" dialog is opened (managers only) */
  accountId?: string;
  /** cluster whose "Manage administrators" dialog is opened (managers only) */
  clusterId?: string;
  isManager: boolean;
}

// 12 hex digits after a fixed prefix: a valid v4-shaped uuid per kind and row number.
const id = (prefix: string, n: number) => `${prefix}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const sqlId = (prefix: string, expr: string) => `('${prefix}-0000-4000-8000-' || lpad(to_hex(${expr}), 12, '0'))::uuid`;
const P = { manager: '10000000', admin: '20000000', account: 'a0000000', cluster: 'c0000000' };

// Special accounts at the start: accounts 0..4 have 10 clusters each (manager 0 = 50 clusters),
// accounts 5..14 have 50 clusters each (manager 1 = 500 clusters). Everything else is spread evenly.
const SPECIAL_ACCOUNTS = 15;
const SPECIAL_CLUSTERS = 550;

export function personas(): Persona[] {
  return [
    { key: 'm50', label: 'manager of 50 clusters', userId: id(P.manager, 0), accountId: id(P.account, 0), clusterId: id(P.cluster, 0), isManager: true },
    { key: 'a5', label: 'administrator of 5 clusters', userId: id(P.admin, 1), isManager: false },
    { key: 'm500', label: 'manager of 500 clusters', userId: id(P.manager, 1), accountId: id(P.account, 5), clusterId: id(P.cluster, 50), isManager: true },
  ];
}

/** Does a relation exist? (The invoices table is added by another migration.) */
export async function tableExists(db: pg.Client, name: string): Promise<boolean> {
  const { rows } = await db.query<{ ok: boolean }>('select to_regclass($1) is not null as ok', [name]);
  return rows[0]!.ok;
}

export async function seed(db: pg.Client, s: ScaleSize, log: (line: string) => void): Promise<{ invoices: number | null; ms: number }> {
  const started = performance.now();
  const step = async (what: string, sql: string) => {
    const t = performance.now();
    const r = await db.query(sql);
    log(`  ${what}: ${(r.rowCount ?? 0).toLocaleString('en')} rows in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };
  const adminUsers = Math.floor(s.adminAssignments / 5);
  const regular = s.accounts - SPECIAL_ACCOUNTS;
  const extraManagers = s.managers - s.accounts - (SPECIAL_ACCOUNTS - 2);

  // Bulk load: no row triggers (profile sync) and no foreign-key triggers; the data is consistent by construction.
  await db.query(`set session_replication_role = replica; set synchronous_commit = off; set maintenance_work_mem = '256MB'`);
  await db.query('begin');
  await step('auth.users', `
    insert into auth.users (id, aud, role, email, created_at, updated_at, email_confirmed_at)
    select ${sqlId(P.manager, 'i')}, 'authenticated', 'authenticated', 'manager' || i || '@scale.example', now(), now(), now()
      from generate_series(0, ${s.managers - 1}) i
    union all
    select ${sqlId(P.admin, 'i')}, 'authenticated', 'authenticated', 'admin' || i || '@scale.example', now(), now(), now()
      from generate_series(0, ${adminUsers - 1}) i`);
  await step('profiles', `
    insert into public.profiles (id, email, display_name)
    select id, email, initcap(split_part(email, '@', 1)) from auth.users where email like '%@scale.example'`);
  await step('customer_accounts', `
    insert into public.customer_accounts (id, customer_number, company_name, contact_person_id)
    select ${sqlId(P.account, 'i')}, 'CN-' || (100001 + i), 'Company ' || i,
           ${sqlId(P.manager, `case when i < 5 then 0 when i < ${SPECIAL_ACCOUNTS} then 1 else i end`)}
      from generate_series(0, ${s.accounts - 1}) i`);
  await step('clusters', `
    insert into public.clusters (id, cluster_number, account_id, name)
    select ${sqlId(P.cluster, 'i')}, 'C-' || (100001 + i),
           ${sqlId(P.account, `case when i < 50 then i / 10 when i < ${SPECIAL_CLUSTERS} then 5 + (i - 50) / 50 else ${SPECIAL_ACCOUNTS} + (i - ${SPECIAL_CLUSTERS}) % ${regular} end`)},
           'cluster ' || i
      from generate_series(0, ${s.clusters - 1}) i`);
  // One contact person per account (manager 0 for accounts 0..4, manager 1 for 5..14, manager n for account n),
  // managers 2..14 as second managers of the special accounts, the rest spread over the regular accounts.
  await step('account_managers', `
    insert into public.account_managers (account_id, user_id)
    select ${sqlId(P.account, 'i')}, ${sqlId(P.manager, `case when i < 5 then 0 when i < ${SPECIAL_ACCOUNTS} then 1 else i end`)}
      from generate_series(0, ${s.accounts - 1}) i
    union all
    select ${sqlId(P.account, 'j')}, ${sqlId(P.manager, 'j')} from generate_series(2, ${SPECIAL_ACCOUNTS - 1}) j
    union all
    select ${sqlId(P.account, `${SPECIAL_ACCOUNTS} + (k * 7919) % ${regular}`)}, ${sqlId(P.manager, `${s.accounts} + k`)}
      from generate_series(0, ${extraManagers - 1}) k`);
  await step('cluster_administrators', `
    insert into public.cluster_administrators (cluster_id, user_id)
    select ${sqlId(P.cluster, `(u * 5 + k + 3) % ${s.clusters}`)}, ${sqlId(P.admin, 'u')}
      from generate_series(0, ${adminUsers - 1}) u, generate_series(0, 4) k`);
  await db.query(`select setval('public.customer_number_seq', ${100001 + s.accounts}), setval('public.cluster_number_seq', ${100001 + s.clusters})`);

  let invoices: number | null = null;
  if (await tableExists(db, 'public.invoices')) invoices = await seedInvoices(db, s, step);
  await db.query('commit');
  await db.query('set session_replication_role = origin');

  const t = performance.now();
  await db.query('vacuum analyze');
  log(`  vacuum analyze: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return { invoices, ms: performance.now() - started };
}

/**
 * Invoices for every account and month (19 % VAT, due in 14 days), shaped after the invoices migration. Lines
 * are not generated: the invoice list does not read them. Party columns are given, as the snapshot trigger is
 * off during the bulk load. A schema this does not fit is reported and the invoice part skipped.
 */
async function seedInvoices(db: pg.Client, s: ScaleSize, step: (what: string, sql: string) => Promise<void>): Promise<number | null> {
  const month = `(date_trunc('month', current_date) - make_interval(months => m))::date`;
  const net = `(14900 + (i * 37 + m * 11) % 90000)::bigint`;
  await db.query('savepoint invoices');
  try {
    await step('invoices', `
      insert into public.invoices (invoice_number, account_id, issued_on, due_on, period_start, period_end, net_cents,
                                   vat_rate_bp, vat_cents, gross_cents, currency, status, customer_name, contact_person_id, contact_person_name)
      select 'RE-' || to_char(${month}, 'YYYY') || '-' || lpad((i * ${s.invoiceMonths} + m + 1)::text, 7, '0'),
             ${sqlId(P.account, 'i')}, ${month}, ${month} + 14, (${month} - interval '1 month')::date, ${month} - 1,
             ${net}, 1900, round(${net} * 1900 / 10000.0), ${net} + round(${net} * 1900 / 10000.0), 'EUR',
             (case when m = 0 then 'open' else 'paid' end)::public.invoice_status, 'Company ' || i,
             ${sqlId(P.manager, `case when i < 5 then 0 when i < ${SPECIAL_ACCOUNTS} then 1 else i end`)}, 'Contact ' || i
        from generate_series(0, ${s.accounts - 1}) i, generate_series(0, ${s.invoiceMonths - 1}) m`);
  } catch (e) {
    await db.query('rollback to savepoint invoices');
    console.log(`  invoices: skipped, the seed does not fit the invoices table: ${(e as Error).message}`);
    return null;
  }
  const { rows: n } = await db.query<{ n: string }>('select count(*) as n from public.invoices');
  return Number(n[0]!.n);
}
