import { action, json, query } from '@solidjs/router';
import { sendInvitation } from '../data/api';
import { AppError, toAppError } from '../data/errors';
import { supabase } from '../data/supabase';
import { isValidEmail, normalizeEmail } from '../lib/email';
import { sortMembers } from '../lib/sort';
import type { Language } from '../i18n';
import { getOverview } from './overview.data';

export interface ManagerRow {
  user_id: string;
  email: string;
  display_name: string | null;
  is_contact_person: boolean;
  added_at: string | null;
}

/** GET /rest/v1/manager_list?select=user_id,email,display_name,is_contact_person,added_at&account_id=eq.<id> */
export const getManagers = query(async (accountId: string): Promise<ManagerRow[]> => {
  const { data, error } = await supabase()
    .from('manager_list')
    .select('user_id,email,display_name,is_contact_person,added_at')
    .eq('account_id', accountId);
  if (error) throw toAppError(error);
  return sortMembers((data ?? []) as ManagerRow[]);
}, 'managers');

/**
 * The x: DELETE /rest/v1/account_managers?account_id=eq.<id>&user_id=eq.<id> with return=representation.
 * RLS decides; no row back means it was not allowed. last_manager / contact_person_cannot_be_removed come as P0001.
 */
export const removeManager = action(async (accountId: string, userId: string, email: string) => {
  const { data, error } = await supabase().from('account_managers').delete().eq('account_id', accountId).eq('user_id', userId).select();
  if (error) throw toAppError(error);
  if (!data || data.length === 0) throw new AppError('not_allowed');
  return json({ removed: email, userId }, { revalidate: [getManagers.keyFor(accountId), getOverview.key] });
}, 'remove-manager');

/** POST /api/invitations {role:'manager', targetId: accountId, email, lang} with the user's JWT. */
export const inviteManager = action(async (accountId: string, rawEmail: string, lang: Language) => {
  const email = normalizeEmail(rawEmail);
  if (!isValidEmail(email)) throw new AppError('invalid_email');
  const invitation = await sendInvitation({ role: 'manager', targetId: accountId, email, lang });
  return json({ invitation }, { revalidate: [getManagers.keyFor(accountId)] });
}, 'invite-manager');
