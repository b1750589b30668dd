import { Hono } from 'hono';
import { validator } from 'hono/validator';
import type { SupabaseClient } from '@supabase/supabase-js';
import { AppError } from '../errors';
import { requireConfig } from '../env';
import type { JwksFor } from '../middleware/auth';
import { auth } from '../middleware/auth';
import { jsonBody } from '../middleware/json-body';
import { createMailDriver, MailError } from '../services/mail';
import { renderContactPersonMail } from '../services/mail/templates/contact-person';
import type { Lang } from '../services/mail/templates/texts';
import { fromPostgrest } from '../services/postgrest-error';
import type { AppEnv } from '../types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const fail = (message: string) => new AppError('validation_failed', 400, message);

/** Body of POST /api/accounts/:accountId/contact-person: `{userId}`, nothing else. */
export function parseContactPersonInput(value: unknown): { userId: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw fail('Request body must be a JSON object with the field userId');
  const body = value as Record<string, unknown>;
  const extra = Object.keys(body).filter((k) => k !== 'userId');
  if (extra.length > 0) throw fail(`Unknown field${extra.length > 1 ? 's' : ''}: ${extra.map((k) => JSON.stringify(k)).join(', ')}`);
  if (typeof body.userId !== 'string' || !UUID.test(body.userId)) throw fail('Field "userId" must be a UUID');
  return { userId: body.userId.toLowerCase() };
}

type Changed = { account_id: string; previous_contact_id: string | null; contact_person_id: string };
type Person = { id: string; email: string; display_name: string | null; language: string | null };

/**
 * POST /api/accounts/:accountId/contact-person {userId} ("Edit data"): the database decides and records
 * (set_contact_person with the caller's JWT: managers only, the new contact must be a manager), then the
 * previous and the new contact person get an e-mail each. 200 with who was notified.
 */
export const contactPersonRoutes = (jwks: JwksFor) =>
  new Hono<AppEnv>().post(
    '/accounts/:accountId/contact-person',
    requireConfig(),
    auth(jwks),
    jsonBody(4 * 1024),
    validator('param', (value) => {
      if (typeof value.accountId !== 'string' || !UUID.test(value.accountId)) throw fail('The customer account in the path must be a UUID');
      return { accountId: value.accountId.toLowerCase() };
    }),
    validator('json', (value) => parseContactPersonInput(value)),
    async (c) => {
      const { accountId } = c.req.valid('param');
      const { userId } = c.req.valid('json');
      const { config, supabase, user, deps } = c.var;

      const rpc = await supabase.rpc('set_contact_person', { p_account_id: accountId, p_user_id: userId });
      if (rpc.error) throw fromPostgrest(rpc.error, rpc.status, 'set_contact_person');
      const row = (Array.isArray(rpc.data) ? rpc.data[0] : rpc.data) as Changed | undefined;
      if (!row || typeof row.contact_person_id !== 'string') throw new AppError('upstream_failed', 502, 'set_contact_person returned an unexpected result');
      const previous = row.previous_contact_id;
      const result = { accountId, previousContactId: previous, contactPersonId: row.contact_person_id, changed: previous !== row.contact_person_id };
      if (!result.changed) return c.json({ ...result, notified: [] as string[] });

      const [account, people] = await Promise.all([readAccount(supabase, accountId), readPeople(supabase, [user.id, row.contact_person_id, previous])]);
      const name = (p: Person | undefined) => (p ? p.display_name?.trim() || p.email : '');
      const changer = people.get(user.id);
      const next = people.get(row.contact_person_id);
      const before = previous ? people.get(previous) : undefined;

      const mailer = createMailDriver(config.mail, deps.fetch);
      const notified: string[] = [];
      for (const [recipient, person] of [['new', next], ['previous', before]] as const) {
        if (!person) continue;
        const mail = renderContactPersonMail({
          ...(person.language === 'de' || person.language === 'en' ? { lang: person.language as Lang } : {}),
          recipient,
          recipientName: name(person),
          changedBy: name(changer) || user.email || 'A manager',
          newContact: name(next),
          account,
          brandName: config.brand.name,
          supportEmail: config.brand.supportEmail,
        });
        try {
          await mailer.send({ from: config.mail.from, to: person.email, ...mail });
          notified.push(person.email);
        } catch (error) {
          // The change is stored and cannot be taken back by a retry; report whom we reached.
          if (!(error instanceof MailError)) throw error;
          console.error(`[contact-person] notice to ${recipient} contact of ${accountId} failed: ${error.message}`);
        }
      }
      return c.json({ ...result, notified });
    },
  );

async function readAccount(db: SupabaseClient, id: string): Promise<{ number: string; company: string }> {
  const { data, error, status } = await db.from('customer_accounts').select('customer_number,company_name').eq('id', id).maybeSingle();
  if (error) throw fromPostgrest(error, status, 'Reading the customer account');
  const row = data as { customer_number?: string; company_name?: string } | null;
  return { number: row?.customer_number ?? '', company: row?.company_name ?? '' };
}

/** Profiles of the caller and both contact persons: all visible to a manager of the account (RLS). */
async function readPeople(db: SupabaseClient, ids: (string | null)[]): Promise<Map<string, Person>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  const { data, error, status } = await db.from('profiles').select('id,email,display_name,language').in('id', wanted);
  if (error) throw fromPostgrest(error, status, 'Reading the contact persons');
  return new Map(((data ?? []) as Person[]).map((p) => [p.id, p]));
}
