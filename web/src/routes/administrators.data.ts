import { action, json, query } from '@solidjs/router';
import { deliverMyNotices, sendInvitation } from '../data/api';
import { getOpenInvitations } from './invitations.data';
import { AppError, toAppError } from '../data/errors';
import { supabase } from '../data/supabase';
import { isValidEmail, normalizeEmail } from '../lib/email';
import { sortMembers } from '../lib/sort';
import type { Language } from '../i18n';
import { getOverview } from './overview.data';

export interface AdministratorRow {
  user_id: string;
  email: string;
  display_name: string | null;
  added_at: string | null;
}

/** GET /rest/v1/administrator_list?select=user_id,email,display_name,added_at&cluster_id=eq.<id> */
export const getAdministrators = query(async (clusterId: string): Promise<AdministratorRow[]> => {
  const { data, error } = await supabase()
    .from('administrator_list')
    .select('user_id,email,display_name,added_at')
    .eq('cluster_id', clusterId);
  if (error) throw toAppError(error);
  return sortMembers((data ?? []) as AdministratorRow[]);
}, 'administrators');

/** The x: DELETE /rest/v1/cluster_administrators?cluster_id=eq.<id>&user_id=eq.<id> with return=representation. */
export const removeAdministrator = action(async (clusterId: string, userId: string, email: string) => {
  const { data, error } = await supabase().from('cluster_administrators').delete().eq('cluster_id', clusterId).eq('user_id', userId).select();
  if (error) throw toAppError(error);
  if (!data || data.length === 0) throw new AppError('not_allowed');
  await deliverMyNotices(); // the removed person and the other managers are told
  return json({ removed: email, userId }, { revalidate: [getAdministrators.keyFor(clusterId), getOverview.key] });
}, 'remove-administrator');

/** POST /api/invitations {role:'administrator', targetId: clusterId, email, lang} with the user's JWT. */
export const inviteAdministrator = action(async (clusterId: string, rawEmail: string, lang: Language) => {
  const email = normalizeEmail(rawEmail);
  if (!isValidEmail(email)) throw new AppError('invalid_email');
  const invitation = await sendInvitation({ role: 'administrator', targetId: clusterId, email, lang });
  return json({ invitation }, { revalidate: [getAdministrators.keyFor(clusterId), getOpenInvitations.keyFor('administrator', clusterId)] });
}, 'invite-administrator');
