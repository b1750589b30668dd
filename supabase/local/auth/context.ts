// What createAuthApp is given, and what the bearer middleware puts on the request context.
import type pg from 'pg';
import type { LocalKeys, JwtClaims } from '../keys.ts';
import type { UserRow } from './users.ts';

export interface OutgoingMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html?: string;
}

export interface AuthAppOptions {
  /** connected as supabase_auth_admin (or postgres) */
  pool: pg.Pool;
  keys: LocalKeys;
  /** public URL of the SPA: default target of e-mail links, and the origin redirect_to must match */
  siteUrl: string;
  /** external URL of this service, `<api>/auth/v1`: the `iss` of tokens and the base of action links */
  issuer: string;
  sendMail: (mail: OutgoingMail) => Promise<void>;
  mailFrom: string;
  /** seconds a revoked refresh token may still be used (config.toml refresh_token_reuse_interval = 10) */
  refreshTokenReuseIntervalSec?: number;
  /** seconds between two recovery mails to one address (config.toml max_frequency = 60s) */
  emailMaxFrequencySec?: number;
}

export interface AuthEnv {
  Variables: {
    claims: JwtClaims;
    /** set by requireUser */
    user: UserRow;
    /** the session_id claim, when the token has one */
    sessionId: string | undefined;
  };
}
