// /admin/users (api/admin.go): create, list, update, delete users with the service-role key.
import { Hono } from 'hono';
import type { AuthAppOptions, AuthEnv } from '../context.ts';
import { requireAdmin } from '../bearer.ts';
import { type JsonObject, optionalBoolean, optionalObject, optionalString, readJsonObject, readOptionalJsonObject } from '../body.ts';
import { type Db, isUuid, withTransaction } from '../db.ts';
import { AuthError, errors } from '../errors.ts';
import { validEmail } from '../email.ts';
import { assertStrongPassword, hashPassword } from '../passwords.ts';
import { endSessions } from '../sessions.ts';
import {
  type UserRow,
  confirmEmail,
  deleteUser,
  findUserByEmail,
  findUserById,
  insertUser,
  listUsers,
  loadIdentities,
  mergeMetadata,
  renderUser,
  setIdentityEmail,
  updateUser,
  userJson,
} from '../users.ts';

const DEFAULT_PER_PAGE = 50;

function rejectUnsupported(body: JsonObject): void {
  if (optionalString(body, 'phone')) throw errors.notImplementedHere('Phone users');
  if (optionalString(body, 'ban_duration')) throw errors.notImplementedHere('Banning users');
}

function pageParam(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw errors.validation(`Bad Pagination Parameters: ${JSON.stringify(raw)} is not a positive integer`);
  return n;
}

async function loadUser(db: Db, id: string, forUpdate = false): Promise<UserRow> {
  if (!isUuid(id)) throw new AuthError(404, 'validation_failed', 'user_id must be an UUID');
  const user = await findUserById(db, id, forUpdate);
  if (!user) throw new AuthError(404, 'user_not_found', 'User not found');
  return user;
}

/** The unique index on auth.users.email is the last word when two requests race for one address. */
function duplicateEmailAsError(e: unknown): never {
  if ((e as { code?: string }).code === '23505') throw errors.emailExists();
  throw e;
}

export function adminUserRoutes(opts: AuthAppOptions): Hono<AuthEnv> {
  const { pool, keys, issuer } = opts;
  const app = new Hono<AuthEnv>();
  app.use('/admin/users', requireAdmin(keys));
  app.use('/admin/users/*', requireAdmin(keys));

  app.post('/admin/users', async (c) => {
    const body = await readJsonObject(c);
    rejectUnsupported(body);
    const rawEmail = optionalString(body, 'email');
    if (!rawEmail) throw errors.validation('Cannot create a user without either an email or phone');
    const email = validEmail(rawEmail);
    const id = optionalString(body, 'id');
    if (id !== undefined && !isUuid(id)) throw errors.badJson('field "id" must be a UUID');
    const password = optionalString(body, 'password');
    // No strength check here: an administrator may set any password (GoTrue does the same).
    const passwordHash = password ? await hashPassword(password) : '';
    const created = await withTransaction(pool, async (tx) => {
      if (await findUserByEmail(tx, email)) throw errors.emailExists();
      return insertUser(tx, {
        id,
        email,
        passwordHash,
        confirmed: optionalBoolean(body, 'email_confirm') ?? false,
        userMetadata: optionalObject(body, 'user_metadata'),
        appMetadata: optionalObject(body, 'app_metadata'),
        role: optionalString(body, 'role') || undefined,
      });
    }).catch(duplicateEmailAsError);
    return c.json(await renderUser(pool, created.id));
  });

  app.get('/admin/users', async (c) => {
    const page = pageParam(c.req.query('page'), 1);
    const perPage = pageParam(c.req.query('per_page'), DEFAULT_PER_PAGE);
    const { users, total } = await listUsers(pool, perPage, (page - 1) * perPage);
    const lastPage = Math.ceil(total / perPage);
    // auth-js reads the digit right after the first "page=", so the URL has no other "=" before it.
    const link = (p: number, rel: string) => `<${issuer}/admin/users?page=${p}&per_page=${perPage}>; rel="${rel}"`;
    c.header('X-Total-Count', String(total));
    c.header('Link', [...(page < lastPage ? [link(page + 1, 'next')] : []), link(lastPage, 'last')].join(', '));
    const rendered = await Promise.all(users.map(async (u) => userJson(u, await loadIdentities(pool, u.id))));
    return c.json({ users: rendered, aud: 'authenticated' });
  });

  app.put('/admin/users/:id', async (c) => {
    await loadUser(pool, c.req.param('id'));
    const body = await readJsonObject(c);
    rejectUnsupported(body);
    const rawEmail = optionalString(body, 'email');
    const email = rawEmail === undefined ? undefined : validEmail(rawEmail);
    const password = optionalString(body, 'password');
    if (password !== undefined) assertStrongPassword(password);
    const passwordHash = password === undefined ? undefined : await hashPassword(password);
    const userMetadata = optionalObject(body, 'user_metadata');
    const appMetadata = optionalObject(body, 'app_metadata');
    const emailConfirm = optionalBoolean(body, 'email_confirm');

    const id = await withTransaction(pool, async (tx) => {
      const user = await loadUser(tx, c.req.param('id'), true);
      const changesEmail = email !== undefined && email !== user.email;
      if (changesEmail) {
        const holder = await findUserByEmail(tx, email);
        if (holder && holder.id !== user.id) throw errors.emailExists();
        await setIdentityEmail(tx, user.id, email);
      }
      await updateUser(tx, user.id, {
        email: changesEmail ? email : undefined,
        encrypted_password: passwordHash,
        role: optionalString(body, 'role') || undefined,
        raw_user_meta_data: userMetadata && mergeMetadata(user.raw_user_meta_data, userMetadata),
        raw_app_meta_data: appMetadata && mergeMetadata(user.raw_app_meta_data, appMetadata),
      });
      if (emailConfirm) await confirmEmail(tx, user.id);
      // A password set by an administrator ends every session of the user.
      if (passwordHash !== undefined) await endSessions(tx, user.id, 'global', undefined);
      return user.id;
    }).catch(duplicateEmailAsError);
    return c.json(await renderUser(pool, id));
  });

  app.delete('/admin/users/:id', async (c) => {
    const user = await loadUser(pool, c.req.param('id'));
    if (optionalBoolean(await readOptionalJsonObject(c), 'should_soft_delete')) throw errors.notImplementedHere('Soft deletion');
    await deleteUser(pool, user.id);
    return c.json({});
  });

  return app;
}
