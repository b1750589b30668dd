import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError } from '../errors';

export type PostgrestErrorLike = { code?: string | null; message?: string | null; details?: string | null; hint?: string | null };

/** Database machine codes (the `message` of P0001/PTnnn) that mean "not found" or "conflict". */
const NOT_FOUND = new Set(['target_not_found', 'account_not_found', 'cluster_not_found', 'invitation_not_found']);
const CONFLICT = new Set(['already_manager', 'already_administrator', 'already_member', 'invitation_pending', 'conflict']);

const MACHINE_CODE = /^[a-z][a-z0-9_]{1,63}$/;

/**
 * Turns a PostgREST error (from the caller's client, so RLS and the database functions decided) into an
 * AppError. The database convention: `message` is a machine code, `details` an English sentence.
 */
export function fromPostgrest(error: PostgrestErrorLike, status: number, what: string): AppError {
  const code = error.code ?? '';
  const machine = error.message && MACHINE_CODE.test(error.message) ? error.message : null;
  const sentence = error.details || error.message || `${what} failed`;
  const app = (c: string, s: ContentfulStatusCode, m: string) => new AppError(c, s, m, { cause: error });

  if (code === '42501' || status === 403) return app('not_allowed', 403, 'You are not allowed to do this for this customer account or cluster');
  if (status === 401 || code.startsWith('PGRST3')) return app('invalid_token', 401, 'The database did not accept the access token');

  if (code === 'PT429') {
    // the database names the seconds until the window frees up in `hint`
    const retry = /^\d+$/.test(error.hint ?? '') ? error.hint! : '60';
    return new AppError(machine ?? 'rate_limited', 429, sentence, { cause: error, headers: { 'Retry-After': retry } });
  }
  if (code === 'P0001' || code === 'P0002' || /^PT\d{3}$/.test(code)) {
    if (machine && NOT_FOUND.has(machine)) return app(machine, 404, sentence);
    if (machine && CONFLICT.has(machine)) return app(machine, 409, sentence);
    const pt = /^PT(\d{3})$/.exec(code);
    const ptStatus = pt ? Number(pt[1]) : code === 'P0002' ? 404 : 400;
    if (ptStatus >= 400 && ptStatus < 500) return app(machine ?? 'request_refused', ptStatus as ContentfulStatusCode, sentence);
  }
  if (code === '23505') return app('conflict', 409, sentence);
  if (code.startsWith('22') || code === '23514') return app('validation_failed', 400, sentence);

  console.error(`[postgrest] ${what}: HTTP ${status} ${code} ${error.message ?? ''} ${error.details ?? ''}`);
  return app('upstream_failed', 502, `${what} failed upstream`);
}
