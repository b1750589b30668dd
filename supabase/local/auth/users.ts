// auth.users and auth.identities: the rows, the JSON GoTrue renders for them (models/user.go, identity.go)
// and the few writes the endpoints need.
import { randomUUID } from 'node:crypto';
import type { Db } from './db.ts';
import type { JsonObject } from './body.ts';

export interface UserRow {
  id: string;
  aud: string | null;
  role: string | null;
  email: string | null;
  encrypted_password: string | null;
  email_confirmed_at: Date | null;
  invited_at: Date | null;
  confirmation_token: string | null;
  confirmation_sent_at: Date | null;
  recovery_token: string | null;
  recovery_sent_at: Date | null;
  email_change: string | null;
  last_sign_in_at: Date | null;
  raw_app_meta_data: JsonObject | null;
  raw_user_meta_data: JsonObject | null;
  phone: string | null;
  phone_confirmed_at: Date | null;
  confirmed_at: Date | null;
  banned_until: Date | null;
  created_at: Date | null;
  updated_at: Date | null;
  is_anonymous: boolean;
}

interface IdentityRow {
  id: string;
  provider_id: string;
  user_id: string;
  identity_data: JsonObject;
  provider: string;
  last_sign_in_at: Date | null;
  created_at: Date | null;
  updated_at: Date | null;
  email: string | null;
}

const USER_COLUMNS = `id, aud, role, email, encrypted_password, email_confirmed_at, invited_at, confirmation_token,
  confirmation_sent_at, recovery_token, recovery_sent_at, email_change, last_sign_in_at, raw_app_meta_data,
  raw_user_meta_data, phone, phone_confirmed_at, confirmed_at, banned_until, created_at, updated_at, is_anonymous`;

export async function findUserById(db: Db, id: string, forUpdate = false): Promise<UserRow | undefined> {
  const lock = forUpdate ? ' for update' : '';
  return (await db.query<UserRow>(`select ${USER_COLUMNS} from auth.users where id = $1${lock}`, [id])).rows[0];
}

/** GoTrue looks addresses up case-insensitively and ignores anonymous users. */
export async function findUserByEmail(db: Db, email: string, forUpdate = false): Promise<UserRow | undefined> {
  const lock = forUpdate ? ' for update' : '';
  const sql = `select ${USER_COLUMNS} from auth.users where lower(email) = lower($1) and is_anonymous = false${lock}`;
  return (await db.query<UserRow>(sql, [email])).rows[0];
}

export const isConfirmed = (u: UserRow) => u.email_confirmed_at !== null;
export const isBanned = (u: UserRow) => u.banned_until !== null && u.banned_until.getTime() > Date.now();

export interface NewUser {
  id?: string;
  email: string;
  passwordHash: string;
  userMetadata?: JsonObject;
  appMetadata?: JsonObject;
  role?: string;
  confirmed?: boolean;
}

/** Inserts the user and its `email` identity (provider_id = user id, as GoTrue does). */
export async function insertUser(db: Db, u: NewUser): Promise<UserRow> {
  const id = u.id ?? randomUUID();
  const appMetadata = { provider: 'email', providers: ['email'], ...u.appMetadata };
  const userMetadata = { ...u.userMetadata, ...(u.confirmed ? { email_verified: true } : {}) };
  await db.query(
    `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
       raw_app_meta_data, raw_user_meta_data, is_super_admin, created_at, updated_at, is_anonymous)
     values ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', $2, $3, $4,
       case when $5::boolean then now() end, $6, $7, false, now(), now(), false)`,
    [id, u.role ?? 'authenticated', u.email, u.passwordHash, !!u.confirmed, appMetadata, userMetadata],
  );
  const identityData = { sub: id, email: u.email, email_verified: !!u.confirmed, phone_verified: false };
  await db.query(
    `insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at)
     values ($1, $2, $3, 'email', now(), now())`,
    [id, id, identityData],
  );
  return (await findUserById(db, id))!;
}

/** The columns routes may set directly; names are fixed here, values are always parameters. */
type UpdatableColumn =
  | 'email'
  | 'encrypted_password'
  | 'role'
  | 'raw_app_meta_data'
  | 'raw_user_meta_data'
  | 'confirmation_token'
  | 'confirmation_sent_at'
  | 'recovery_token'
  | 'recovery_sent_at'
  | 'invited_at'
  | 'last_sign_in_at';

export async function updateUser(db: Db, id: string, values: Partial<Record<UpdatableColumn, unknown>>): Promise<void> {
  const entries = Object.entries(values).filter(([, v]) => v !== undefined);
  const sets = entries.map(([column], i) => `${column} = $${i + 2}`);
  await db.query(`update auth.users set ${[...sets, 'updated_at = now()'].join(', ')} where id = $1`, [id, ...entries.map(([, v]) => v)]);
}

/** Email confirmation as GoTrue's user.Confirm: timestamp once, email_verified in metadata and identity. */
export async function confirmEmail(db: Db, id: string): Promise<void> {
  await db.query(
    `update auth.users set email_confirmed_at = coalesce(email_confirmed_at, now()), confirmation_token = '',
       raw_user_meta_data = coalesce(raw_user_meta_data, '{}'::jsonb) || '{"email_verified": true}'::jsonb, updated_at = now()
     where id = $1`,
    [id],
  );
  await db.query(
    `update auth.identities set identity_data = identity_data || '{"email_verified": true}'::jsonb, updated_at = now()
     where user_id = $1 and provider = 'email'`,
    [id],
  );
}

export async function setIdentityEmail(db: Db, id: string, email: string): Promise<void> {
  await db.query(
    `update auth.identities set identity_data = identity_data || jsonb_build_object('email', $2::text), updated_at = now()
     where user_id = $1 and provider = 'email'`,
    [id, email],
  );
}

export async function recordSignIn(db: Db, id: string): Promise<void> {
  await db.query('update auth.users set last_sign_in_at = now(), updated_at = now() where id = $1', [id]);
  await db.query(`update auth.identities set last_sign_in_at = now() where user_id = $1 and provider = 'email'`, [id]);
}

/** GoTrue's UpdateUserMetaData: top-level merge, a null value removes the key. */
export function mergeMetadata(current: JsonObject | null, patch: JsonObject): JsonObject {
  const merged: JsonObject = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

export async function listUsers(db: Db, limit: number, offset: number): Promise<{ users: UserRow[]; total: number }> {
  const total = Number((await db.query<{ n: string }>('select count(*) as n from auth.users where deleted_at is null')).rows[0].n);
  const sql = `select ${USER_COLUMNS} from auth.users where deleted_at is null order by created_at desc, id limit $1 offset $2`;
  return { users: (await db.query<UserRow>(sql, [limit, offset])).rows, total };
}

export async function deleteUser(db: Db, id: string): Promise<void> {
  await db.query('delete from auth.users where id = $1', [id]);
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : undefined);

function identityJson(i: IdentityRow) {
  return omitUndefined({
    identity_id: i.id,
    id: i.provider_id,
    user_id: i.user_id,
    identity_data: i.identity_data,
    provider: i.provider,
    last_sign_in_at: iso(i.last_sign_in_at),
    created_at: iso(i.created_at),
    updated_at: iso(i.updated_at),
    email: i.email ?? undefined,
  });
}

/** The user as GoTrue renders it; fields marked omitempty there are left out when empty. */
export function userJson(u: UserRow, identities: IdentityRow[]): JsonObject {
  return omitUndefined({
    id: u.id,
    aud: u.aud ?? '',
    role: u.role ?? '',
    email: u.email ?? '',
    email_confirmed_at: iso(u.email_confirmed_at),
    invited_at: iso(u.invited_at),
    phone: u.phone ?? '',
    phone_confirmed_at: iso(u.phone_confirmed_at),
    confirmation_sent_at: iso(u.confirmation_sent_at),
    confirmed_at: iso(u.confirmed_at),
    recovery_sent_at: iso(u.recovery_sent_at),
    new_email: u.email_change || undefined,
    last_sign_in_at: iso(u.last_sign_in_at),
    app_metadata: u.raw_app_meta_data ?? {},
    user_metadata: u.raw_user_meta_data ?? {},
    identities: identities.map(identityJson),
    banned_until: iso(u.banned_until),
    created_at: iso(u.created_at) ?? '',
    updated_at: iso(u.updated_at) ?? '',
    is_anonymous: u.is_anonymous,
  });
}

export async function loadIdentities(db: Db, userId: string): Promise<IdentityRow[]> {
  const sql = `select id, provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at, email
    from auth.identities where user_id = $1 order by created_at, id`;
  return (await db.query<IdentityRow>(sql, [userId])).rows;
}

/** The current row of a user rendered with identities: what most endpoints answer. */
export async function renderUser(db: Db, id: string): Promise<JsonObject> {
  const user = await findUserById(db, id);
  if (!user) throw new Error(`user ${id} vanished while rendering`);
  return userJson(user, await loadIdentities(db, id));
}

function omitUndefined<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
