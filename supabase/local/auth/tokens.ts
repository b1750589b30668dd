// E-mail one-time tokens as GoTrue keeps them: the mail carries hex(sha224(email + otp)), stored both in the
// user's *_token column and in auth.one_time_tokens (one row per user and type).
import { createHash, randomInt, randomUUID } from 'node:crypto';
import type { Db } from './db.ts';

export type OneTimeTokenType = 'confirmation_token' | 'recovery_token';

/** Links stay valid for otp_expiry (config.toml: 86400 s). */
export const OTP_EXPIRY_SEC = 86400;
const OTP_LENGTH = 6;

export const generateOtp = (): string => String(randomInt(0, 10 ** OTP_LENGTH)).padStart(OTP_LENGTH, '0');

export const hashToken = (email: string, otp: string): string => createHash('sha224').update(email + otp).digest('hex');

/** Replaces the user's token of this type (GoTrue's CreateOneTimeToken clears the old one first). */
export async function storeOneTimeToken(db: Db, userId: string, type: OneTimeTokenType, tokenHash: string, relatesTo: string): Promise<void> {
  await db.query('delete from auth.one_time_tokens where user_id = $1 and token_type = $2', [userId, type]);
  await db.query(
    `insert into auth.one_time_tokens (id, user_id, token_type, token_hash, relates_to, created_at, updated_at)
     values ($1, $2, $3, $4, $5, now(), now())`,
    [randomUUID(), userId, type, tokenHash, relatesTo],
  );
}

export async function findOneTimeToken(db: Db, tokenHash: string, types: OneTimeTokenType[]): Promise<{ userId: string; type: OneTimeTokenType } | undefined> {
  const row = (
    await db.query<{ user_id: string; token_type: OneTimeTokenType }>(
      'select user_id, token_type from auth.one_time_tokens where token_hash = $1 and token_type = any($2::text[]) limit 1',
      [tokenHash, types],
    )
  ).rows[0];
  return row && { userId: row.user_id, type: row.token_type };
}

export async function clearOneTimeTokens(db: Db, userId: string): Promise<void> {
  await db.query('delete from auth.one_time_tokens where user_id = $1', [userId]);
}
