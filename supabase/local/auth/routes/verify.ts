// POST /verify (api/verify.go) with {type, token_hash} (or {type, email, token}): spends an e-mail
// one-time token and signs the user in.
import { Hono } from 'hono';
import type { AuthAppOptions, AuthEnv } from '../context.ts';
import { optionalString, readJsonObject } from '../body.ts';
import { withTransaction } from '../db.ts';
import { AuthError, errors } from '../errors.ts';
import { hashPassword, randomPassword } from '../passwords.ts';
import { startSession } from '../sessions.ts';
import { OTP_EXPIRY_SEC, type OneTimeTokenType, clearOneTimeTokens, findOneTimeToken, hashToken } from '../tokens.ts';
import { confirmEmail, findUserById, isConfirmed, recordSignIn, updateUser, type UserRow } from '../users.ts';

const TOKEN_TYPES_BY_VERIFICATION: Record<string, OneTimeTokenType[]> = {
  signup: ['confirmation_token'],
  invite: ['confirmation_token'],
  magiclink: ['recovery_token'],
  recovery: ['recovery_token'],
  email: ['confirmation_token', 'recovery_token'],
  // This stand-in never issues e-mail-change tokens, so such a link is always unknown.
  email_change: [],
};

function sentAt(user: UserRow, type: OneTimeTokenType): Date | null {
  return type === 'confirmation_token' ? user.confirmation_sent_at : user.recovery_sent_at;
}

export function verifyRoutes({ pool, keys }: AuthAppOptions): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();

  app.post('/verify', async (c) => {
    const body = await readJsonObject(c);
    const type = optionalString(body, 'type') ?? '';
    const tokenHashParam = optionalString(body, 'token_hash');
    const otp = optionalString(body, 'token');
    const email = optionalString(body, 'email');
    const tokenTypes = TOKEN_TYPES_BY_VERIFICATION[type];
    if (!tokenTypes) throw errors.validation('Unsupported verification type');
    if (!tokenHashParam && !otp) throw errors.validation('Verify requires either a token or a token hash');
    if (!tokenHashParam && !email) throw errors.validation('Verify requires an email or phone');

    const tokenHash = tokenHashParam ?? hashToken(email!.toLowerCase(), otp!);
    const invalid = () =>
      tokenHashParam
        ? new AuthError(403, 'otp_expired', 'Email link is invalid or has expired')
        : new AuthError(403, 'otp_expired', 'Token has expired or is invalid');

    const session = await withTransaction(pool, async (tx) => {
      const found = tokenTypes.length ? await findOneTimeToken(tx, tokenHash, tokenTypes) : undefined;
      const user = found && (await findUserById(tx, found.userId, true));
      if (!found || !user) throw invalid();
      const issuedAt = sentAt(user, found.type);
      if (!issuedAt || issuedAt.getTime() + OTP_EXPIRY_SEC * 1000 < Date.now()) throw invalid();

      if (found.type === 'confirmation_token') {
        // An invited user has no password yet: GoTrue gives a random one so the app must offer "set password".
        if (!user.encrypted_password && user.invited_at) await updateUser(tx, user.id, { encrypted_password: await hashPassword(randomPassword()) });
        await confirmEmail(tx, user.id);
      } else {
        await updateUser(tx, user.id, { recovery_token: '' });
        if (!isConfirmed(user)) await confirmEmail(tx, user.id);
      }
      await clearOneTimeTokens(tx, user.id);
      await recordSignIn(tx, user.id);
      return startSession(tx, keys, user.id, 'otp');
    });
    return c.json(session);
  });

  return app;
}
