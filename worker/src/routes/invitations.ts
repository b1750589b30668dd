import { Hono } from 'hono';
import { validator } from 'hono/validator';
import { AppError } from '../errors';
import { requireConfig } from '../env';
import type { JwksFor } from '../middleware/auth';
import { auth } from '../middleware/auth';
import { jsonBody } from '../middleware/json-body';
import { rateLimitPerUser } from '../middleware/rate-limit';
import { deliverAfterChange } from '../services/outbox/after-change';
import { fromPostgrest } from '../services/postgrest-error';
import type { AppEnv } from '../types';
import { parseInvitationInput } from './invitation-input';

export const MAX_BODY_BYTES = 16 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type CreatedInvitation = { invitation_id: string; email: string; expires_at: string };

/**
 * POST /api/invitations: the database decides and records (create_invitation with the caller's JWT writes
 * the invitation and its e-mail into the outbox in one transaction), then the Worker delivers that e-mail.
 * POST /api/invitations/:id/resend: resend_invitation (new token and expiry, new e-mail), then delivery.
 * A mail provider outage does not fail the request: the e-mail stays in the outbox, the Manage dialog shows
 * "not delivered", and the cron delivers it when the provider is back.
 */
export const invitationRoutes = (jwks: JwksFor) =>
  new Hono<AppEnv>()
    .post(
      '/invitations',
      requireConfig(),
      auth(jwks),
      jsonBody(MAX_BODY_BYTES),
      validator('json', (value) => parseInvitationInput(value)),
      // after validation: malformed requests cost nothing downstream; valid ones cost a database call and a mail
      rateLimitPerUser({ limit: 20, windowSec: 60 }),
      async (c) => {
        const input = c.req.valid('json');
        const { supabase, user } = c.var;
        const rpc = await supabase.rpc('create_invitation', { p_role: input.role, p_target_id: input.targetId, p_email: input.email });
        if (rpc.error) throw fromPostgrest(rpc.error, rpc.status, 'create_invitation');
        const invitation = invitationRow(rpc.data, 'create_invitation');
        const delivered = await deliverAfterChange(c, user.id);
        return c.json(
          {
            invitation: { id: invitation.invitation_id, email: invitation.email, role: input.role, expiresAt: invitation.expires_at },
            delivery: deliveryState(delivered),
          },
          201,
        );
      },
    )
    .post(
      '/invitations/:id/resend',
      requireConfig(),
      auth(jwks),
      validator('param', (value) => {
        if (typeof value.id !== 'string' || !UUID.test(value.id)) throw new AppError('validation_failed', 400, 'The invitation in the path must be a UUID');
        return { id: value.id.toLowerCase() };
      }),
      rateLimitPerUser({ limit: 20, windowSec: 60 }),
      async (c) => {
        const { id } = c.req.valid('param');
        const { supabase, user } = c.var;
        const rpc = await supabase.rpc('resend_invitation', { p_invitation_id: id });
        if (rpc.error) throw fromPostgrest(rpc.error, rpc.status, 'resend_invitation');
        const invitation = invitationRow(rpc.data, 'resend_invitation');
        const delivered = await deliverAfterChange(c, user.id);
        return c.json({ invitation: { id: invitation.invitation_id, email: invitation.email, expiresAt: invitation.expires_at }, delivery: deliveryState(delivered) });
      },
    );

/** sent / failed when the delivery ran before the response (Node), queued when it runs after it (workerd). */
function deliveryState(delivered: Awaited<ReturnType<typeof deliverAfterChange>>): 'queued' | 'sent' | 'failed' {
  if (!delivered) return 'queued';
  if (delivered.failed.length > 0) return 'failed';
  return delivered.sent.length > 0 ? 'sent' : 'queued';
}

/** The RPCs return one row; PostgREST may hand it over as an object or an array of one. */
function invitationRow(data: unknown, fn: string): CreatedInvitation {
  const row = (Array.isArray(data) ? data[0] : data) as Partial<CreatedInvitation> | null | undefined;
  if (!row || typeof row.invitation_id !== 'string' || typeof row.email !== 'string' || typeof row.expires_at !== 'string') {
    console.error(`[invitations] ${fn} returned an unexpected shape`);
    throw new AppError('upstream_failed', 502, `${fn} returned an unexpected result`);
  }
  return row as CreatedInvitation;
}
