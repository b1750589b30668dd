import { query } from '@solidjs/router';
import { toAppError } from '../data/errors';
import { supabase } from '../data/supabase';
import { activityBounds, type ActivityFilter, type AuditRow } from '../lib/activity';

export const ACTIVITY_LIMIT = 200;

/**
 * GET /rest/v1/audit_log?select=...&account_id=eq.<id>[&kind=eq.<kind>][&occurred_at=gte.<from>&occurred_at=lt.<to>]
 *   &order=occurred_at.desc,id.desc&limit=200
 * RLS: only managers of the account see its entries (administrators and others get an empty list).
 */
export const getActivity = query(async (accountId: string, filter: ActivityFilter): Promise<AuditRow[]> => {
  const b = activityBounds(filter);
  let q = supabase()
    .from('audit_log')
    .select('id,occurred_at,kind,actor_kind,actor_email,reason,account_id,customer_number,cluster_id,cluster_number,subject_email,details')
    .eq('account_id', accountId);
  if (b.kind) q = q.eq('kind', b.kind);
  if (b.gte) q = q.gte('occurred_at', b.gte);
  if (b.lt) q = q.lt('occurred_at', b.lt);
  const { data, error } = await q.order('occurred_at', { ascending: false }).order('id', { ascending: false }).limit(ACTIVITY_LIMIT);
  if (error) throw toAppError(error);
  return (data ?? []) as AuditRow[];
}, 'activity');
