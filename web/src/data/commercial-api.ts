import { AppError } from './errors';
import { readWorkerResponse } from './api';
import { supabase } from './supabase';

export interface ContactChange {
  accountId: string;
  previousContactId: string | null;
  contactPersonId: string;
  changed: boolean;
  notified: string[];
}

/** POST /api/accounts/:accountId/contact-person {userId} with the user's JWT (the Worker mails both contact persons). */
export async function changeContactPerson(accountId: string, userId: string, fetchFn: typeof fetch = fetch): Promise<ContactChange> {
  const { data } = await supabase().auth.getSession();
  const token = data.session?.access_token;
  if (!token) throw new AppError('not_allowed');
  let response: Response;
  try {
    response = await fetchFn(`/api/accounts/${encodeURIComponent(accountId)}/contact-person`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ userId }),
    });
  } catch {
    throw new AppError('network');
  }
  return readWorkerResponse<ContactChange>(response);
}
