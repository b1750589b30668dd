import { AppError, errorCode } from './errors';
import { supabase } from './supabase';

// Calls to the Worker (`/api/*`, same origin). Errors come back as {error:{code,message}}.

export interface InvitationRequest {
  role: 'manager' | 'administrator';
  targetId: string;
  email: string;
  lang: 'de' | 'en';
}

export interface SentInvitation {
  id: string;
  email: string;
  role: string;
  expiresAt: string | null;
}

/** Reads a Worker response; throws AppError with the Worker's code (or unknown/network). */
export async function readWorkerResponse<T>(response: Response): Promise<T> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const code = errorCode(body);
    throw new AppError(code === 'unknown' && response.status === 403 ? 'not_allowed' : code);
  }
  return body as T;
}

export async function sendInvitation(request: InvitationRequest, fetchFn: typeof fetch = fetch): Promise<SentInvitation> {
  const { data } = await supabase().auth.getSession();
  const token = data.session?.access_token;
  if (!token) throw new AppError('not_allowed');
  let response: Response;
  try {
    response = await fetchFn('/api/invitations', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(request),
    });
  } catch {
    throw new AppError('network');
  }
  const body = await readWorkerResponse<{ invitation?: Partial<SentInvitation> }>(response);
  const inv = body?.invitation ?? {};
  return { id: String(inv.id ?? ''), email: String(inv.email ?? request.email), role: String(inv.role ?? request.role), expiresAt: inv.expiresAt ?? null };
}

async function bearer(): Promise<string> {
  const { data } = await supabase().auth.getSession();
  const token = data.session?.access_token;
  if (!token) throw new AppError('not_allowed');
  return token;
}

/** POST /api/invitations/:id/resend: new link and expiry; the Worker delivers the e-mail at once. */
export async function resendInvitation(id: string, fetchFn: typeof fetch = fetch): Promise<{ expiresAt: string | null; delivery: string }> {
  const token = await bearer();
  let response: Response;
  try {
    response = await fetchFn(`/api/invitations/${encodeURIComponent(id)}/resend`, { method: 'POST', headers: { Accept: 'application/json', Authorization: `Bearer ${token}` } });
  } catch {
    throw new AppError('network');
  }
  const body = await readWorkerResponse<{ invitation?: { expiresAt?: string }; delivery?: string }>(response);
  return { expiresAt: body?.invitation?.expiresAt ?? null, delivery: body?.delivery ?? 'queued' };
}

/**
 * POST /api/outbox/deliver after a change the SPA made directly over REST (removal, acceptance): the
 * database wrote the notices into the outbox; this asks the Worker to deliver them now. Never fails the
 * change: if it does not get through, the cron delivers them within a minute.
 */
export async function deliverMyNotices(fetchFn: typeof fetch = fetch): Promise<void> {
  try {
    const token = await bearer();
    const response = await fetchFn('/api/outbox/deliver', { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    await response.body?.cancel();
  } catch {
    // the cron delivers them
  }
}
