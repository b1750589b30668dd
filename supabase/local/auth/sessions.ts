// Sessions and refresh tokens with GoTrue's rotation rules (tokens/service.go RefreshTokenGrant):
// every refresh revokes the active token and issues a child; the revoked parent of the active token gets the
// active token back (a client that lost the last response); any other revoked token is accepted only within
// the reuse interval, after that the whole session's token family is revoked and "Already Used" returned.
import { randomInt, randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { LocalKeys } from '../keys.ts';
import { type AmrEntry, type AuthMethod, type SessionResponse, sessionResponse } from './access-token.ts';
import { type Db, withTransaction } from './db.ts';
import { AuthError } from './errors.ts';
import { findUserById, isBanned } from './users.ts';

// The bootstrap schema has no auth.mfa_amr_claims table, so how a session was created is remembered in
// memory; after a restart a refreshed session reports `password` with the session's creation time.
const amrBySession = new Map<string, AmrEntry>();

const TOKEN_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** GoTrue's refresh tokens are 12 random lowercase alphanumerics. */
const newRefreshToken = () => Array.from({ length: 12 }, () => TOKEN_ALPHABET[randomInt(TOKEN_ALPHABET.length)]).join('');

async function insertRefreshToken(db: Db, userId: string, sessionId: string, parent: string | null): Promise<string> {
  const token = newRefreshToken();
  await db.query(
    `insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
     values ('00000000-0000-0000-0000-000000000000', $1, $2, false, now(), now(), $3, $4)`,
    [token, userId, parent, sessionId],
  );
  return token;
}

/** A new session for a user who just proved who they are (password or e-mail link). */
export async function startSession(db: Db, keys: LocalKeys, userId: string, method: AuthMethod): Promise<SessionResponse> {
  const sessionId = randomUUID();
  await db.query(
    `insert into auth.sessions (id, user_id, created_at, updated_at, aal) values ($1, $2, now(), now(), 'aal1')`,
    [sessionId, userId],
  );
  const amr: AmrEntry = { method, timestamp: Math.floor(Date.now() / 1000) };
  amrBySession.set(sessionId, amr);
  const refreshToken = await insertRefreshToken(db, userId, sessionId, null);
  return sessionResponse(db, keys, userId, sessionId, refreshToken, amr);
}

interface TokenRow {
  id: string;
  token: string;
  user_id: string;
  revoked: boolean;
  updated_at: Date;
  session_id: string | null;
  session_exists: boolean;
  not_after: Date | null;
  session_created_at: Date | null;
}

type RefreshOutcome = { ok: SessionResponse } | { refused: AuthError };

export async function refreshSession(pool: pg.Pool, keys: LocalKeys, refreshToken: string, reuseIntervalSec: number): Promise<SessionResponse> {
  const outcome = await withTransaction<RefreshOutcome>(pool, async (tx) => {
    const token = (
      await tx.query<TokenRow>(
        `select rt.id, rt.token, rt.user_id, rt.revoked, rt.updated_at, rt.session_id, s.id is not null as session_exists,
           s.not_after, s.created_at as session_created_at
         from auth.refresh_tokens rt left join auth.sessions s on s.id = rt.session_id
         where rt.token = $1 for update of rt`,
        [refreshToken],
      )
    ).rows[0];
    const user = token && (await findUserById(tx, token.user_id));
    if (!token || !user) throw new AuthError(400, 'refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
    if (isBanned(user)) throw new AuthError(400, 'user_banned', 'Invalid Refresh Token: User Banned');
    if (!token.session_id || !token.session_exists) throw new AuthError(400, 'session_not_found', 'Invalid Refresh Token: No Valid Session Found');
    if (token.not_after && token.not_after.getTime() < Date.now()) throw new AuthError(400, 'session_expired', 'Invalid Refresh Token: Session Expired');
    const sessionId = token.session_id;

    let issued: string | undefined;
    if (token.revoked) {
      const active = (
        await tx.query<{ token: string; parent: string | null }>(
          'select token, parent from auth.refresh_tokens where session_id = $1 and revoked = false order by id desc limit 1',
          [sessionId],
        )
      ).rows[0];
      if (active && active.parent === token.token) {
        issued = active.token;
      } else if (Date.now() > token.updated_at.getTime() + reuseIntervalSec * 1000) {
        await tx.query('update auth.refresh_tokens set revoked = true, updated_at = now() where session_id = $1 and revoked = false', [sessionId]);
        // The family revocation must be committed even though the request fails.
        return { refused: new AuthError(400, 'refresh_token_already_used', 'Invalid Refresh Token: Already Used') };
      }
    }
    if (!issued) {
      await tx.query('update auth.refresh_tokens set revoked = true, updated_at = now() where id = $1', [token.id]);
      issued = await insertRefreshToken(tx, user.id, sessionId, token.token);
    }
    await tx.query(`update auth.sessions set refreshed_at = timezone('utc', now()), updated_at = now() where id = $1`, [sessionId]);
    const amr = amrBySession.get(sessionId) ?? { method: 'password', timestamp: Math.floor((token.session_created_at?.getTime() ?? Date.now()) / 1000) };
    return { ok: await sessionResponse(tx, keys, user.id, sessionId, issued, amr) };
  });
  if ('refused' in outcome) throw outcome.refused;
  return outcome.ok;
}

export async function sessionExists(db: Db, sessionId: string): Promise<boolean> {
  return (await db.query('select 1 from auth.sessions where id = $1', [sessionId])).rowCount === 1;
}

export type LogoutScope = 'global' | 'local' | 'others';

/** Deletes sessions (their refresh tokens cascade). */
export async function endSessions(db: Db, userId: string, scope: LogoutScope, currentSessionId: string | undefined): Promise<void> {
  if (scope === 'local') {
    if (currentSessionId) await db.query('delete from auth.sessions where id = $1 and user_id = $2', [currentSessionId, userId]);
  } else if (scope === 'others') {
    await db.query('delete from auth.sessions where user_id = $1 and id is distinct from $2::uuid', [userId, currentSessionId ?? null]);
  } else {
    await db.query('delete from auth.sessions where user_id = $1', [userId]);
  }
  if (currentSessionId && scope !== 'others') amrBySession.delete(currentSessionId);
}
