import { action, json, query } from '@solidjs/router';
import { toAppError } from '../data/errors';
import { supabase } from '../data/supabase';

export type NotificationKind = 'manager_added' | 'manager_removed' | 'contact_person_changed' | 'administrator_added' | 'administrator_removed';
export interface NotificationSetting {
  kind: NotificationKind;
  receives: boolean;
  can_turn_off: boolean;
}

/** GET /rest/v1/my_notification_settings?select=kind,receives,can_turn_off (own settings only). */
export const getNotificationSettings = query(async (): Promise<NotificationSetting[]> => {
  const { data, error } = await supabase().from('my_notification_settings').select('kind,receives,can_turn_off');
  if (error) throw toAppError(error);
  return (data ?? []) as NotificationSetting[];
}, 'notification-settings');

/**
 * Turn a notification on (DELETE the opt-out) or off (POST an opt-out). The database refuses to turn off
 * security-relevant ones (check constraint).
 */
export const setNotification = action(async (kind: NotificationKind, receive: boolean) => {
  const table = supabase().from('notification_opt_outs');
  const { error } = receive ? await table.delete().eq('kind', kind) : await table.insert({ kind });
  if (error) throw toAppError(error);
  return json({ kind, receive }, { revalidate: [getNotificationSettings.key] });
}, 'set-notification');
