import { action, json, query } from '@solidjs/router';
import { changeContactPerson } from '../data/commercial-api';
import { AppError, toAppError } from '../data/errors';
import { supabase } from '../data/supabase';
import { getManagers } from './managers.data';
import { getOverview } from './overview.data';

// Reads and writes of the commercial area. RLS returns rows only to managers of the account: an empty answer
// (or null for a single row) means "no access", which the pages show as such.

export interface AccountData {
  id: string;
  customer_number: string;
  company_name: string;
  address_line1: string | null;
  address_line2: string | null;
  postal_code: string | null;
  city: string | null;
  country: string | null;
  vat_id: string | null;
  billing_email: string | null;
  contact_person_id: string | null;
}
export type BillingFields = Omit<AccountData, 'id' | 'customer_number' | 'contact_person_id'>;

export interface Contract {
  id: string;
  contract_number: string;
  account_id: string;
  cluster_id: string | null;
  product_name: string;
  starts_on: string;
  term_months: number;
  ends_on: string | null;
  monthly_price_cents: number;
  currency: string;
  status: 'active' | 'notice_given' | 'ended';
}

export interface Invoice {
  id: string;
  invoice_number: string;
  account_id: string;
  issued_on: string;
  due_on: string;
  period_start: string;
  period_end: string;
  net_cents: number;
  vat_rate_bp: number;
  vat_cents: number;
  gross_cents: number;
  currency: string;
  status: 'open' | 'paid' | 'overdue' | 'cancelled';
  customer_name: string;
  billing_address: string;
  vat_id: string | null;
  contact_person_name: string;
}
export interface InvoiceLine {
  id: string;
  position: number;
  description: string;
  quantity: number;
  unit_price_cents: number;
  amount_cents: number;
}

export interface Order {
  id: string;
  order_number: string;
  account_id: string;
  kind: 'cluster' | 'domain' | 'certificate';
  plan_code: string | null;
  cluster_name: string | null;
  domain_name: string | null;
  cluster_id: string | null;
  status: 'pending' | 'in_progress' | 'completed' | 'rejected' | 'cancelled';
  ordered_at: string;
}

export interface Plan {
  code: string;
  name: string;
  description: string;
  monthly_price_cents: number;
  currency: string;
}

const ACCOUNT_COLUMNS = 'id,customer_number,company_name,address_line1,address_line2,postal_code,city,country,vat_id,billing_email,contact_person_id';
const INVOICE_COLUMNS =
  'id,invoice_number,account_id,issued_on,due_on,period_start,period_end,net_cents,vat_rate_bp,vat_cents,gross_cents,currency,status,customer_name,billing_address,vat_id,contact_person_name';
/** bigint columns arrive as numbers or strings depending on the server; make them numbers. */
function num<T extends object>(row: T, keys: (keyof T)[]): T {
  const copy = { ...row } as Record<string, unknown>;
  for (const k of keys) copy[k as string] = Number((row as Record<string, unknown>)[k as string]);
  return copy as T;
}

/** GET customer_accounts?select=…&id=eq.<id> — null when RLS shows nothing (not a manager). */
export const getAccount = query(async (accountId: string): Promise<AccountData | null> => {
  const { data, error } = await supabase().from('customer_accounts').select(ACCOUNT_COLUMNS).eq('id', accountId).maybeSingle();
  if (error) throw toAppError(error);
  return (data as AccountData | null) ?? null;
}, 'account');

/** GET contracts?order=starts_on.desc */
export const getContracts = query(async (_userId: string): Promise<Contract[]> => {
  const { data, error } = await supabase().from('contracts').select('*').order('starts_on', { ascending: false });
  if (error) throw toAppError(error);
  return ((data ?? []) as Contract[]).map((c) => num(c, ['monthly_price_cents']));
}, 'contracts');

/** GET invoices?order=issued_on.desc */
export const getInvoices = query(async (_userId: string): Promise<Invoice[]> => {
  const { data, error } = await supabase().from('invoices').select(INVOICE_COLUMNS).order('issued_on', { ascending: false }).order('invoice_number', { ascending: false });
  if (error) throw toAppError(error);
  return ((data ?? []) as Invoice[]).map((i) => num(i, ['net_cents', 'vat_cents', 'gross_cents']));
}, 'invoices');

/** GET invoices?id=eq.<id> and invoice_lines?invoice_id=eq.<id>&order=position — null when RLS shows nothing. */
export const getInvoice = query(async (invoiceId: string): Promise<{ invoice: Invoice; lines: InvoiceLine[] } | null> => {
  if (!/^[0-9a-f-]{36}$/i.test(invoiceId)) return null;
  const db = supabase();
  const [invoice, lines] = await Promise.all([
    db.from('invoices').select(INVOICE_COLUMNS).eq('id', invoiceId).maybeSingle(),
    db.from('invoice_lines').select('id,position,description,quantity,unit_price_cents,amount_cents').eq('invoice_id', invoiceId).order('position'),
  ]);
  if (invoice.error) throw toAppError(invoice.error);
  if (lines.error) throw toAppError(lines.error);
  if (!invoice.data) return null;
  return {
    invoice: num(invoice.data as Invoice, ['net_cents', 'vat_cents', 'gross_cents']),
    lines: ((lines.data ?? []) as InvoiceLine[]).map((l) => num(l, ['unit_price_cents', 'amount_cents'])),
  };
}, 'invoice');

/** GET orders?order=ordered_at.desc */
export const getOrders = query(async (_userId: string): Promise<Order[]> => {
  const { data, error } = await supabase().from('orders').select('id,order_number,account_id,kind,plan_code,cluster_name,domain_name,cluster_id,status,ordered_at').order('ordered_at', { ascending: false });
  if (error) throw toAppError(error);
  return (data ?? []) as Order[];
}, 'orders');

/** GET cluster_plans?orderable=eq.true&order=sort_order */
export const getPlans = query(async (): Promise<Plan[]> => {
  const { data, error } = await supabase().from('cluster_plans').select('code,name,description,monthly_price_cents,currency').eq('orderable', true).order('sort_order');
  if (error) throw toAppError(error);
  return (data ?? []) as Plan[];
}, 'plans');

const blankToNull = (v: string | null | undefined) => {
  const t = (v ?? '').trim();
  return t === '' ? null : t;
};

/** Edit data: PATCH customer_accounts?id=eq.<id> with the billing columns; no row back = not allowed. Check constraints answer 400. */
export const saveAccount = action(async (accountId: string, fields: BillingFields) => {
  const patch = {
    company_name: fields.company_name.trim(),
    address_line1: blankToNull(fields.address_line1),
    address_line2: blankToNull(fields.address_line2),
    postal_code: blankToNull(fields.postal_code)?.toUpperCase() ?? null,
    city: blankToNull(fields.city),
    country: blankToNull(fields.country),
    vat_id: blankToNull(fields.vat_id)?.replace(/\s+/g, '').toUpperCase() ?? null,
    billing_email: blankToNull(fields.billing_email)?.toLowerCase() ?? null,
  };
  const { data, error } = await supabase().from('customer_accounts').update(patch).eq('id', accountId).select('id');
  if (error) throw toAppError(error);
  if (!data || data.length === 0) throw new AppError('not_allowed');
  return json({ saved: true }, { revalidate: [getAccount.keyFor(accountId), getOverview.key, getInvoices.key] });
}, 'save-account');

/** Edit data → contact person, through the Worker (it checks, records and mails). */
export const setContactPerson = action(async (accountId: string, userId: string) => {
  const result = await changeContactPerson(accountId, userId);
  return json(result, { revalidate: [getAccount.keyFor(accountId), getManagers.keyFor(accountId), getOverview.key] });
}, 'set-contact-person');

export interface OrderInput {
  accountId: string;
  kind: Order['kind'];
  planCode?: string;
  clusterName?: string;
  domainName?: string;
  clusterId?: string;
}

/** rpc place_order — managers only (the database refuses everyone else with not_allowed). */
export const placeOrder = action(async (input: OrderInput) => {
  const args: Record<string, string> = { p_account_id: input.accountId, p_kind: input.kind };
  if (input.kind === 'cluster') Object.assign(args, { p_plan_code: input.planCode ?? '', p_cluster_name: input.clusterName ?? '' });
  else args.p_domain_name = input.domainName ?? '';
  if (input.kind === 'certificate') args.p_cluster_id = input.clusterId ?? '';
  if (input.kind === 'certificate' && !input.clusterId) throw new AppError('cluster_not_in_account');
  const { data, error } = await supabase().rpc('place_order', args);
  if (error) throw toAppError(error);
  return json({ orderNumber: String((data as { order_number?: string })?.order_number ?? '') }, { revalidate: [getOrders.key] });
}, 'place-order');

export interface FirstOrderInput {
  companyName: string;
  addressLine1: string;
  addressLine2: string;
  postalCode: string;
  city: string;
  country: string;
  vatId: string;
  planCode: string;
  clusterName: string;
}

/** rpc place_first_order — new account, manager, contact person and pending order in one transaction. */
export const placeFirstOrder = action(async (input: FirstOrderInput) => {
  const args: Record<string, string> = { p_company_name: input.companyName, p_plan_code: input.planCode, p_cluster_name: input.clusterName };
  const optional: Record<string, string> = {
    p_address_line1: input.addressLine1,
    p_address_line2: input.addressLine2,
    p_postal_code: input.postalCode,
    p_city: input.city,
    p_country: input.country,
    p_vat_id: input.vatId,
  };
  for (const [k, v] of Object.entries(optional)) if (v.trim() !== '') args[k] = v.trim();
  const { data, error } = await supabase().rpc('place_first_order', args);
  if (error) throw toAppError(error);
  const row = (Array.isArray(data) ? data[0] : data) as { order_number?: string } | undefined;
  return json({ orderNumber: String(row?.order_number ?? '') }, { revalidate: [getOverview.key, getOrders.key] });
}, 'place-first-order');
