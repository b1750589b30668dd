import { AppError } from '../errors';

export type InvitationInput = {
  role: 'manager' | 'administrator';
  targetId: string;
  email: string;
  lang?: 'de' | 'en';
};

const FIELDS = ['role', 'targetId', 'email', 'lang'] as const;
const REQUIRED = ['role', 'targetId', 'email'] as const;
const ROLES = ['manager', 'administrator'] as const;
const LANGS = ['de', 'en'] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Deliberately plain: printable ASCII local part, dotted domain of DNS labels, a TLD of letters. */
const EMAIL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

const fail = (message: string) => new AppError('validation_failed', 400, message);

/** Validates the body of POST /api/invitations. Throws AppError 400 `validation_failed` naming the field. */
export function parseInvitationInput(value: unknown): InvitationInput {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw fail('Request body must be a JSON object with the fields role, targetId and email');
  }
  const body = value as Record<string, unknown>;
  const extra = Object.keys(body).filter((key) => !(FIELDS as readonly string[]).includes(key));
  if (extra.length > 0) throw fail(`Unknown field${extra.length > 1 ? 's' : ''}: ${extra.map((k) => JSON.stringify(k)).join(', ')}`);
  for (const key of REQUIRED) {
    if (!(key in body) || body[key] === undefined || body[key] === null) throw fail(`Field "${key}" is required`);
  }

  const { role, targetId, email, lang } = body;
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
    throw fail('Field "role" must be "manager" or "administrator"');
  }
  if (typeof targetId !== 'string' || !UUID.test(targetId)) throw fail('Field "targetId" must be a UUID');
  if (typeof email !== 'string') throw fail('Field "email" must be a string');
  const address = email.trim().toLowerCase();
  if (address === '') throw fail('Field "email" must not be empty');
  if (address.length > 254) throw fail('Field "email" must be at most 254 characters');
  const local = address.split('@')[0] ?? '';
  if (!EMAIL.test(address) || local.length > 64) throw fail('Field "email" must be a valid e-mail address');
  if (lang !== undefined && (typeof lang !== 'string' || !(LANGS as readonly string[]).includes(lang))) {
    throw fail('Field "lang" must be "de" or "en"');
  }

  return {
    role: role as InvitationInput['role'],
    targetId: targetId.toLowerCase(),
    email: address,
    ...(lang ? { lang: lang as 'de' | 'en' } : {}),
  };
}
