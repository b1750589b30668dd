import { Hono } from 'hono';
import { validator } from 'hono/validator';
import { AppError } from '../errors';
import { requireConfig } from '../env';
import type { JwksFor } from '../middleware/auth';
import { auth } from '../middleware/auth';
import { jsonBody } from '../middleware/json-body';
import { deliverAfterChange } from '../services/outbox/after-change';
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

/**
 * POST /api/accounts/:accountId/contact-person {userId} ("Edit data"): the database decides and records
 * (set_contact_person with the caller's JWT: managers only, the new contact must be a manager), then the
 * managers get a notice through the outbox (the new and the previous contact person their own). 200 with
 * whom the notices reached so far.
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
      const { supabase, user } = c.var;

      const rpc = await supabase.rpc('set_contact_person', { p_account_id: accountId, p_user_id: userId });
      if (rpc.error) throw fromPostgrest(rpc.error, rpc.status, 'set_contact_person');
      const row = (Array.isArray(rpc.data) ? rpc.data[0] : rpc.data) as Changed | undefined;
      if (!row || typeof row.contact_person_id !== 'string') throw new AppError('upstream_failed', 502, 'set_contact_person returned an unexpected result');
      const previous = row.previous_contact_id;
      const result = { accountId, previousContactId: previous, contactPersonId: row.contact_person_id, changed: previous !== row.contact_person_id };
      if (!result.changed) return c.json({ ...result, notified: [] as string[] });

      // set_contact_person's trigger wrote the notices to every manager (the new and the previous contact
      // person with their own wording) into the outbox in the same transaction; deliver them now.
      // `notified` lists whom they reached before this response (in workerd delivery runs after it, so it
      // is empty there; the outbox and the cron see to the rest).
      const delivered = await deliverAfterChange(c, user.id);
      const notified = (delivered?.sent ?? []).filter((m) => m.template === 'contact_person_changed').map((m) => m.to);
      return c.json({ ...result, notified });
    },
  );
