import { query } from '@solidjs/router';
import { toAppError } from '../data/errors';
import { supabase } from '../data/supabase';
import { buildOverview, type AccountRow, type ClusterRow, type Overview } from '../lib/overview';

/**
 * GET /rest/v1/customer_accounts?select=id,customer_number,company_name,contact_person_id (RLS: accounts I manage)
 * GET /rest/v1/my_clusters?select=id,cluster_number,name,account_id,customer_number,my_role (every cluster I reach)
 * Keyed by user id so one user's data is never shown to the next.
 */
export const getOverview = query(async (_userId: string): Promise<Overview> => {
  const db = supabase();
  const [accounts, clusters] = await Promise.all([
    db.from('customer_accounts').select('id,customer_number,company_name,contact_person_id'),
    db.from('my_clusters').select('id,cluster_number,name,account_id,customer_number,my_role'),
  ]);
  if (accounts.error) throw toAppError(accounts.error);
  if (clusters.error) throw toAppError(clusters.error);
  return buildOverview((accounts.data ?? []) as AccountRow[], (clusters.data ?? []) as ClusterRow[]);
}, 'overview');
