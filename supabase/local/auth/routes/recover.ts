// POST /recover (api/recover.go): the same 200 {} whether or not the address is known; known addresses get a
// recovery mail at most once per max_frequency.
import { Hono } from 'hono';
import type { AuthAppOptions, AuthEnv } from '../context.ts';
import { optionalString, readJsonObject } from '../body.ts';
import { withTransaction } from '../db.ts';
import { AuthError } from '../errors.ts';
import { validEmail } from '../email.ts';
import { allowedRedirect } from '../redirect.ts';
import { recoveryMail } from '../recovery-mail.ts';
import { generateOtp, hashToken, storeOneTimeToken } from '../tokens.ts';
import { findUserByEmail, updateUser } from '../users.ts';

export function recoverRoutes(opts: AuthAppOptions): Hono<AuthEnv> {
  const { pool, siteUrl } = opts;
  const maxFrequencySec = opts.emailMaxFrequencySec ?? 60;
  const app = new Hono<AuthEnv>();

  app.post('/recover', async (c) => {
    const email = validEmail(optionalString(await readJsonObject(c), 'email'));
    const redirectTo = allowedRedirect(c.req.query('redirect_to'), siteUrl) ?? new URL('/reset-password', siteUrl).toString();

    await withTransaction(pool, async (tx) => {
      const user = await findUserByEmail(tx, email, true);
      if (!user) return; // unknown addresses skip every limit and get the same answer
      const sentAt = user.recovery_sent_at?.getTime();
      const allowedAt = sentAt === undefined ? 0 : sentAt + maxFrequencySec * 1000;
      if (Date.now() < allowedAt) {
        const seconds = Math.ceil((allowedAt - Date.now()) / 1000);
        throw new AuthError(429, 'over_email_send_rate_limit', `For security purposes, you can only request this after ${seconds} seconds.`);
      }
      const otp = generateOtp();
      const address = user.email ?? email;
      const tokenHash = hashToken(address, otp);
      await updateUser(tx, user.id, { recovery_token: tokenHash, recovery_sent_at: new Date() });
      await storeOneTimeToken(tx, user.id, 'recovery_token', tokenHash, address);
      // Sent inside the transaction: when the mail cannot be sent, no token is left behind (as GoTrue).
      await opts.sendMail(recoveryMail({ from: opts.mailFrom, to: address, redirectTo, tokenHash, otp, siteUrl })).catch((e: unknown) => {
        console.error('[auth stand-in] sending the recovery mail failed:', e);
        throw new AuthError(500, 'unexpected_failure', 'Error sending recovery email');
      });
    });
    return c.json({});
  });

  return app;
}
