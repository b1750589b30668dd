// GET /user and PUT /user (api/user.go) for the signed-in user.
import { Hono } from 'hono';
import type { AuthAppOptions, AuthEnv } from '../context.ts';
import { requireUser } from '../bearer.ts';
import { optionalObject, optionalString, readJsonObject } from '../body.ts';
import { withTransaction } from '../db.ts';
import { AuthError, errors } from '../errors.ts';
import { assertStrongPassword, hashPassword, passwordMatches } from '../passwords.ts';
import { endSessions } from '../sessions.ts';
import { findUserById, mergeMetadata, renderUser, updateUser } from '../users.ts';

export function userRoutes({ pool, keys }: AuthAppOptions): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  app.use('/user', requireUser(keys, pool));

  app.get('/user', async (c) => c.json(await renderUser(pool, c.get('user').id)));

  app.put('/user', async (c) => {
    const body = await readJsonObject(c);
    const email = optionalString(body, 'email');
    const phone = optionalString(body, 'phone');
    const password = optionalString(body, 'password');
    const data = optionalObject(body, 'data');
    const current = c.get('user');
    // This app never changes addresses through the user endpoint; say so instead of half-doing GoTrue's flow.
    if (email !== undefined && email.toLowerCase() !== (current.email ?? '').toLowerCase()) throw errors.notImplementedHere('Changing the email address');
    if (phone !== undefined && phone !== (current.phone ?? '')) throw errors.notImplementedHere('Changing the phone number');
    if (password !== undefined) {
      assertStrongPassword(password);
      if (await passwordMatches(password, current.encrypted_password)) {
        throw new AuthError(422, 'same_password', 'New password should be different from the old password.');
      }
    }
    const passwordHash = password === undefined ? undefined : await hashPassword(password);

    await withTransaction(pool, async (tx) => {
      const user = (await findUserById(tx, current.id, true))!;
      await updateUser(tx, user.id, {
        encrypted_password: passwordHash,
        raw_user_meta_data: data && mergeMetadata(user.raw_user_meta_data, data),
      });
      // A new password signs out every other device; the current session stays.
      if (passwordHash !== undefined) await endSessions(tx, user.id, 'others', c.get('sessionId'));
    });
    return c.json(await renderUser(pool, current.id));
  });

  return app;
}
