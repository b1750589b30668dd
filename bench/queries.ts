// The queries the SPA makes (web/src/routes/*.data.ts), each in three forms:
//   rls     – the statement PostgREST runs for it, as `authenticated` under row-level security
//   service – the same rows for service_role (RLS bypassed) with a hand-written filter, as a backend without
//             RLS would write it, including the check that the caller may see them
//   rest    – the supabase-js call the SPA makes
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Persona } from './seed.ts';

export interface BenchQuery {
  screen: 'overview' | 'manage managers' | 'manage administrators' | 'invoices';
  name: string;
  rls: { text: string; values: unknown[] };
  service: { text: string; values: unknown[] };
  rest: (db: SupabaseClient) => PromiseLike<{ data: unknown; error: unknown }>;
}

const ACCOUNT_COLS = 'id,customer_number,company_name,contact_person_id';
const CLUSTER_COLS = 'id,cluster_number,name,account_id,customer_number,my_role';
const MANAGER_COLS = 'user_id,email,display_name,is_contact_person,added_at';
const ADMIN_COLS = 'user_id,email,display_name,added_at';
const sqlCols = (cols: string) => cols.split(',').join(', ');

/** Columns and order of the invoice list, read from the catalog when the table exists. */
export interface InvoiceShape {
  columns: string;
  orderBy: string | null;
}

export function queriesFor(p: Persona, invoices: InvoiceShape | null): BenchQuery[] {
  const uid = p.userId;
  const list: BenchQuery[] = [
    {
      screen: 'overview',
      name: 'customer_accounts',
      rls: { text: `select ${sqlCols(ACCOUNT_COLS)} from public.customer_accounts`, values: [] },
      service: {
        text: `select ${sqlCols(ACCOUNT_COLS)} from public.customer_accounts
                where id in (select m.account_id from public.account_managers m where m.user_id = $1)`,
        values: [uid],
      },
      rest: (db) => db.from('customer_accounts').select(ACCOUNT_COLS),
    },
    {
      screen: 'overview',
      name: 'my_clusters',
      rls: { text: `select ${sqlCols(CLUSTER_COLS)} from public.my_clusters`, values: [] },
      service: {
        text: `select c.id, c.cluster_number, c.name, c.account_id, a.customer_number, 'manager' as my_role
                 from public.account_managers m
                 join public.clusters c on c.account_id = m.account_id
                 join public.customer_accounts a on a.id = c.account_id
                where m.user_id = $1
               union all
               select c.id, c.cluster_number, c.name, c.account_id, null, 'administrator'
                 from public.cluster_administrators ca
                 join public.clusters c on c.id = ca.cluster_id
                where ca.user_id = $1
                  and not exists (select 1 from public.account_managers m where m.account_id = c.account_id and m.user_id = $1)`,
        values: [uid],
      },
      rest: (db) => db.from('my_clusters').select(CLUSTER_COLS),
    },
  ];
  if (p.isManager && p.accountId && p.clusterId) {
    const account = p.accountId;
    const cluster = p.clusterId;
    list.push(
      {
        screen: 'manage managers',
        name: 'manager_list',
        rls: { text: `select ${sqlCols(MANAGER_COLS)} from public.manager_list where account_id = $1`, values: [account] },
        service: {
          text: `select m.user_id, p.email, p.display_name, (a.contact_person_id is not distinct from m.user_id) as is_contact_person, m.added_at
                   from public.account_managers m
                   join public.profiles p on p.id = m.user_id
                   join public.customer_accounts a on a.id = m.account_id
                  where m.account_id = $1
                    and exists (select 1 from public.account_managers me where me.account_id = $1 and me.user_id = $2)`,
          values: [account, uid],
        },
        rest: (db) => db.from('manager_list').select(MANAGER_COLS).eq('account_id', account),
      },
      {
        screen: 'manage administrators',
        name: 'administrator_list',
        rls: { text: `select ${sqlCols(ADMIN_COLS)} from public.administrator_list where cluster_id = $1`, values: [cluster] },
        service: {
          text: `select ca.user_id, p.email, p.display_name, ca.added_at
                   from public.cluster_administrators ca
                   join public.profiles p on p.id = ca.user_id
                  where ca.cluster_id = $1
                    and exists (select 1 from public.clusters c join public.account_managers me on me.account_id = c.account_id
                                 where c.id = $1 and me.user_id = $2)`,
          values: [cluster, uid],
        },
        rest: (db) => db.from('administrator_list').select(ADMIN_COLS).eq('cluster_id', cluster),
      },
    );
  }
  if (invoices) {
    const order = invoices.orderBy ? ` order by ${invoices.orderBy} desc` : '';
    const cols = sqlCols(invoices.columns);
    const prefixed = invoices.columns.split(',').map((c) => `i.${c}`).join(', ');
    list.push({
      screen: 'invoices',
      name: 'invoices',
      rls: { text: `select ${cols} from public.invoices${order}`, values: [] },
      service: {
        text: `select ${prefixed} from public.invoices i
                where i.account_id in (select m.account_id from public.account_managers m where m.user_id = $1)${order.replace(' by ', ' by i.')}`,
        values: [uid],
      },
      rest: (db) => {
        const q = db.from('invoices').select(invoices.columns);
        return invoices.orderBy ? q.order(invoices.orderBy, { ascending: false }) : q;
      },
    });
  }
  return list;
}

/** What the invoice list reads: number, dates, total and status (else every readable column), newest first. */
export async function invoiceShape(db: { query: (sql: string) => Promise<{ rows: { name: string }[] }> }): Promise<InvoiceShape> {
  const { rows } = await db.query(`
    select a.attname as name from pg_attribute a
     where a.attrelid = 'public.invoices'::regclass and a.attnum > 0 and not a.attisdropped
       and has_column_privilege('authenticated', a.attrelid, a.attnum, 'select')
     order by a.attnum`);
  const all = rows.map((r) => r.name);
  const listed = ['id', 'invoice_number', 'issued_on', 'due_on', 'period_start', 'period_end', 'gross_cents', 'currency', 'status'];
  const names = listed.every((c) => all.includes(c)) ? listed : all;
  const orderBy = ['issued_at', 'issued_on', 'invoice_date', 'period_start', 'created_at'].find((c) => names.includes(c)) ?? null;
  return { columns: names.join(','), orderBy };
}
