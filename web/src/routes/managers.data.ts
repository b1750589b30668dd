import { action, json, query } from '@solidjs/router';
import { deliverMyNotices, sendInvitation } from '../data/api';
import { getOpenInvitations } from './invitations.data';
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
 * The x: POST /rest/v1/rpc/remove_manager {p_account_id, p_user_id}. The database checks the caller, refuses
 * the last manager (last_manager) and the contact person unless a successor is named
 * (contact_person_cannot_be_removed: the user changes the contact person in "Edit data" first).
 */
export const removeManager = action(async (accountId: string, userId: string, email: string) => {
  const { error } = await supabase().rpc('remove_manager', { p_account_id: accountId, p_user_id: userId });
  if (error) throw toAppError(error);
  await deliverMyNotices(); // the removed person and the other managers are told
  return json({ removed: email, userId }, { revalidate: [getManagers.keyFor(accountId), getOverview.key] });
}, 'remove-manager');

/** POST /api/invitations {role:'manager', targetId: accountId, email, lang} with the user's JWT. */
export const inviteManager = action(async (accountId: string, rawEmail: string, lang: Language) => {
  const email = normalizeEmail(rawEmail);
  if (!isValidEmail(email)) throw new AppError('invalid_email');
  const invitation = await sendInvitation({ role: 'manager', targetId: accountId, email, lang });
  return json({ invitation }, { revalidate: [getManagers.keyFor(accountId), getOpenInvitations.keyFor('manager', accountId)] });
}, 'invite-manager');
