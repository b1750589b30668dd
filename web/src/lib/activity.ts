// Pure helpers of the Activity page (audit log of a customer account): filters to REST bounds, and what a
// row says in words.
import type { Database, Json } from '../data/database.types';

export type AuditRow = Database['public']['Views']['audit_log']['Row'];
export type AuditKind = Database['public']['Enums']['audit_event_kind'];

/** Every kind, in the order the filter offers them. */
export const AUDIT_KINDS: AuditKind[] = [
  'manager_added',
  'manager_removed',
  'administrator_added',
  'administrator_removed',
  'invitation_created',
  'invitation_renewed',
  'invitation_accepted',
  'invitation_revoked',
  'contact_person_changed',
  'customer_data_changed',
  'customer_account_created',
  'user_email_changed',
];

export interface ActivityFilter {
  kind: AuditKind | '';
  /** yyyy-mm-dd, inclusive, local days */
  from: string;
  to: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The filter as time bounds: from the start of `from` to before the start of the day after `to` (local time). */
export function activityBounds(f: ActivityFilter): { kind?: AuditKind; gte?: string; lt?: string } {
  const out: { kind?: AuditKind; gte?: string; lt?: string } = {};
  if (f.kind && (AUDIT_KINDS as string[]).includes(f.kind)) out.kind = f.kind;
  if (DAY.test(f.from)) out.gte = new Date(`${f.from}T00:00:00`).toISOString();
  if (DAY.test(f.to)) {
    const d = new Date(`${f.to}T00:00:00`);
    d.setDate(d.getDate() + 1);
    out.lt = d.toISOString();
  }
  return out;
}

/** Reads a filter from URL search params, dropping anything unknown. */
export function parseActivityFilter(params: Record<string, string | string[] | undefined>): ActivityFilter {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';
  const kind = one(params.kind);
  return {
    kind: (AUDIT_KINDS as string[]).includes(kind) ? (kind as AuditKind) : '',
    from: DAY.test(one(params.from)) ? one(params.from) : '',
    to: DAY.test(one(params.to)) ? one(params.to) : '',
  };
}

const obj = (j: Json | null | undefined): Record<string, Json | undefined> => (j && typeof j === 'object' && !Array.isArray(j) ? j : {});

/** Names of the customer data columns a customer_data_changed entry changed. */
export function changedColumns(row: Pick<AuditRow, 'details'>): string[] {
  return Object.keys(obj(obj(row.details).changes)).sort();
}

/** For a contact person change: previous and new contact person's address. */
export function contactChange(row: Pick<AuditRow, 'details'>): { previous: string; next: string } {
  const d = obj(row.details);
  return { previous: String(d.previous_contact_email ?? '–'), next: String(d.new_contact_email ?? '–') };
}
