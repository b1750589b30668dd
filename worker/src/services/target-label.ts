import type { SupabaseClient } from '@supabase/supabase-js';
import { AppError } from '../errors';
import type { TargetKind } from './mail/templates/texts';
import { fromPostgrest } from './postgrest-error';

/**
 * The number people know a target by (CN-xxxx for a customer account, C-xxxx for a cluster),
 * read with the caller's client (they just proved, through create_invitation, that they manage it).
 */
export async function readTargetLabel(db: SupabaseClient, kind: TargetKind, id: string): Promise<string> {
  const query =
    kind === 'account'
      ? db.from('customer_accounts').select('customer_number').eq('id', id).maybeSingle()
      : db.from('clusters').select('cluster_number').eq('id', id).maybeSingle();
  const { data, error, status } = await query;
  if (error) throw fromPostgrest(error, status, `Reading the ${kind === 'account' ? 'customer account' : 'cluster'}`);
  const row = data as { customer_number?: unknown; cluster_number?: unknown } | null;
  const label = kind === 'account' ? row?.customer_number : row?.cluster_number;
  if (typeof label !== 'string' || label === '') {
    throw new AppError('target_not_found', 404, `The ${kind === 'account' ? 'customer account' : 'cluster'} was not found`);
  }
  return label;
}
