// Password hashing and the strength rule of config.toml (minimum_password_length = 6).
import bcrypt from 'bcryptjs';
import { randomBytes } from 'node:crypto';
import { errors } from './errors.ts';

export const MIN_PASSWORD_LENGTH = 6;

// GoTrue uses bcrypt's default cost 10. Tests hash many passwords and do not defend anything, so they use the
// minimum cost (4) to keep each hash around 1 ms instead of ~60 ms; the stored format stays the same.
const COST = process.env.NODE_ENV === 'test' ? 4 : 10;

export const hashPassword = (password: string): Promise<string> => bcrypt.hash(password, COST);

/** False for users without a password (invited, or created without one). */
export async function passwordMatches(password: string, hash: string | null): Promise<boolean> {
  if (!hash || !password) return false;
  return bcrypt.compare(password, hash);
}

export function assertStrongPassword(password: string): void {
  // Counted in characters (code points) as Go's utf8.RuneCountInString does, not UTF-16 units.
  if ([...password].length < MIN_PASSWORD_LENGTH) throw errors.weakPassword(MIN_PASSWORD_LENGTH);
}

/** What GoTrue gives users who must not be able to sign in with a password yet (invite, magic-link signup). */
export const randomPassword = (): string => randomBytes(48).toString('base64url');
