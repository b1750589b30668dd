// POST /admin/generate_link (api/mail.go adminGenerateLink): creates the user where the type implies it,
// stores a one-time token and answers with the user plus the link properties, flat. Sends no mail.
import { Hono } from 'hono';
import type { AuthAppOptions, AuthEnv } from '../context.ts';
import { requireAdmin } from '../bearer.ts';
import { optionalObject, optionalString, readJsonObject } from '../body.ts';
import { withTransaction } from '../db.ts';
import { AuthError, errors } from '../errors.ts';
import { validEmail } from '../email.ts';
import { assertStrongPassword, hashPassword, randomPassword } from '../passwords.ts';
import { allowedRedirect } from '../redirect.ts';
import { generateOtp, hashToken, storeOneTimeToken } from '../tokens.ts';
import { findUserByEmail, insertUser, isConfirmed, loadIdentities, mergeMetadata, updateUser, userJson, findUserById } from '../users.ts';

type LinkType = 'signup' | 'invite' | 'magiclink' | 'recovery';
const LINK_TYPES: string[] = ['signup', 'invite', 'magiclink', 'recovery'];

export function adminGenerateLinkRoutes({ pool, keys, issuer, siteUrl }: AuthAppOptions): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();

  app.post('/admin/generate_link', requireAdmin(keys), async (c) => {
    const body = await readJsonObject(c);
    const requestedType = optionalString(body, 'type') ?? '';
    const email = validEmail(optionalString(body, 'email'));
    const data = optionalObject(body, 'data');
    const password = optionalString(body, 'password');
    if (requestedType === 'email_change_current' || requestedType === 'email_change_new') throw errors.notImplementedHere('Email change links');
    if (!LINK_TYPES.includes(requestedType)) throw errors.validation(`Invalid email action link type requested: ${requestedType}`);
    const redirectTo = allowedRedirect(c.req.query('redirect_to') ?? optionalString(body, 'redirect_to'), siteUrl) ?? siteUrl;

    // bcrypt is slow: hash outside the transaction, as GoTrue prepares the signup user before it.
    const existing = await findUserByEmail(pool, email);
    let type = requestedType as LinkType;
    let newUserPasswordHash = '';
    if (!existing) {
      if (type === 'recovery') throw new AuthError(404, 'user_not_found', 'User with this email not found');
      if (type === 'magiclink') {
        type = 'signup';
        newUserPasswordHash = await hashPassword(randomPassword());
      } else if (type === 'signup') {
        if (!password) throw errors.validation('Signup requires a valid password');
        assertStrongPassword(password);
        newUserPasswordHash = await hashPassword(password);
      }
    }

    const otp = generateOtp();
    const tokenHash = hashToken(email, otp);
    const userId = await withTransaction(pool, async (tx) => {
      const found = await findUserByEmail(tx, email, true);
      if ((type === 'signup' || type === 'invite') && found && isConfirmed(found)) throw errors.emailExists();
      if (!found && type === 'recovery') throw new AuthError(404, 'user_not_found', 'User with this email not found');
      const user = found ?? (await insertUser(tx, { email, passwordHash: newUserPasswordHash, userMetadata: data }));
      const now = new Date();
      if (type === 'magiclink' || type === 'recovery') {
        await updateUser(tx, user.id, { recovery_token: tokenHash, recovery_sent_at: now });
        await storeOneTimeToken(tx, user.id, 'recovery_token', tokenHash, email);
      } else {
        await updateUser(tx, user.id, {
          confirmation_token: tokenHash,
          confirmation_sent_at: now,
          invited_at: type === 'invite' ? now : undefined,
          // an unconfirmed user signing up again gets the new data merged in
          raw_user_meta_data: found && type === 'signup' && data ? mergeMetadata(found.raw_user_meta_data, data) : undefined,
        });
        await storeOneTimeToken(tx, user.id, 'confirmation_token', tokenHash, email);
      }
      return user.id;
    });

    const user = (await findUserById(pool, userId))!;
    const actionLink = `${issuer}/verify?token=${tokenHash}&type=${type}&redirect_to=${encodeURIComponent(redirectTo)}`;
    return c.json({
      ...userJson(user, await loadIdentities(pool, userId)),
      action_link: actionLink,
      email_otp: otp,
      hashed_token: tokenHash,
      verification_type: type,
      redirect_to: redirectTo,
    });
  });

  return app;
}
