import { Hono } from 'hono';
import { validator } from 'hono/validator';
import { AppError } from '../errors';
import { requireConfig } from '../env';
import type { JwksFor } from '../middleware/auth';
import { auth } from '../middleware/auth';
import { jsonBody } from '../middleware/json-body';
import { rateLimitPerUser } from '../middleware/rate-limit';
import { generateSignInLink } from '../services/auth-admin';
import { createMailDriver, MailError } from '../services/mail';
import { renderInvitationMail } from '../services/mail/templates/invitation';
import { fromPostgrest } from '../services/postgrest-error';
import { readTargetLabel } from '../services/target-label';
import type { AppEnv } from '../types';
import { parseInvitationInput } from './invitation-input';

export const MAX_BODY_BYTES = 16 * 1024;

type CreatedInvitation = { invitation_id: string; token: string; email: string; expires_at: string; target_label?: string | null };

/**
 * POST /api/invitations: the database decides (create_invitation with the caller's JWT), then the
 * service-role auth admin creates a sign-in token, then one mail goes out with the acceptance link.
 */
export const invitationRoutes = (jwks: JwksFor) =>
  new Hono<AppEnv>().post(
    '/invitations',
    requireConfig(),
    auth(jwks),
    jsonBody(MAX_BODY_BYTES),
    validator('json', (value) => parseInvitationInput(value)),
    // after validation: malformed requests cost nothing downstream; valid ones cost a database call and a mail
    rateLimitPerUser({ limit: 20, windowSec: 60 }),
    async (c) => {
      const input = c.req.valid('json');
      const { config, supabase, user, deps } = c.var;

      const rpc = await supabase.rpc('create_invitation', { p_role: input.role, p_target_id: input.targetId, p_email: input.email });
      if (rpc.error) throw fromPostgrest(rpc.error, rpc.status, 'create_invitation');
      const invitation = createdInvitation(rpc.data);

      const kind = input.role === 'manager' ? 'account' : 'cluster';
      const label = invitation.target_label || (await readTargetLabel(supabase, kind, input.targetId));

      const acceptUrl = `${config.siteUrl}/invitations/accept`;
      const signIn = await generateSignInLink(config, deps.fetch, invitation.email, acceptUrl);
      const link = `${acceptUrl}?${new URLSearchParams({ token: invitation.token, token_hash: signIn.hashedToken, type: signIn.type })}`;

      const mail = renderInvitationMail({
        ...(input.lang ? { lang: input.lang } : {}),
        inviter: user.email ?? 'A manager',
        role: input.role,
        target: { kind, label },
        brandName: config.brand.name,
        supportEmail: config.brand.supportEmail,
        link,
        expiresAt: invitation.expires_at,
      });
      try {
        await createMailDriver(config.mail, deps.fetch).send({ from: config.mail.from, to: invitation.email, ...mail });
      } catch (error) {
        if (!(error instanceof MailError)) throw error;
        console.error(`[invitations] mail to invitation ${invitation.invitation_id} failed: ${error.message}`);
        throw new AppError('mail_failed', 502, 'The invitation was saved, but the e-mail could not be sent; try again later', { cause: error });
      }

      return c.json(
        { invitation: { id: invitation.invitation_id, email: invitation.email, role: input.role, expiresAt: invitation.expires_at } },
        201,
      );
    },
  );

/** create_invitation returns one row; PostgREST may hand it over as an object or an array of one. */
function createdInvitation(data: unknown): CreatedInvitation {
  const row = (Array.isArray(data) ? data[0] : data) as Partial<CreatedInvitation> | null | undefined;
  if (
    !row ||
    typeof row.invitation_id !== 'string' ||
    typeof row.token !== 'string' ||
    typeof row.email !== 'string' ||
    typeof row.expires_at !== 'string'
  ) {
    console.error('[invitations] create_invitation returned an unexpected shape');
    throw new AppError('upstream_failed', 502, 'create_invitation returned an unexpected result');
  }
  return row as CreatedInvitation;
}
