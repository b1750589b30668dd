import type { Config } from '../../env';
import type { Fetch } from '../../types';
import { generateSignInLink } from '../auth-admin';
import { renderContactPersonMail } from '../mail/templates/contact-person';
import { renderInvitationMail, type RenderedMail } from '../mail/templates/invitation';
import { NOTIFICATION_TEMPLATES, renderNotificationMail, type NotificationPayload, type NotificationTemplate } from '../mail/templates/notifications';
import { renderSupportMail, SUPPORT_TEMPLATES, type SupportPayload, type SupportTemplate } from '../mail/templates/support';
import type { Lang } from '../mail/templates/texts';

/** One claimed outbox row (public.claim_email_batch). */
export type OutboxRow = {
  id: string;
  template: string;
  to_email: string;
  language: string;
  payload: Record<string, unknown>;
  idempotency_key: string;
  attempts: number;
};

/** A row that cannot be rendered (unknown template, payload without the token). Retried like a send failure. */
export class RenderError extends Error {
  override readonly name = 'RenderError';
}

export type RenderDeps = { config: Pick<Config, 'supabaseUrl' | 'supabaseServiceRoleKey' | 'siteUrl' | 'brand'>; fetch: Fetch };

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * Turns an outbox row into the e-mail. The invitation e-mail gets its Supabase Auth sign-in link now, at
 * delivery (invite for a new address, magiclink for an existing user), so that a link is only made for an
 * e-mail that goes out.
 */
export async function renderOutboxRow(row: OutboxRow, deps: RenderDeps): Promise<RenderedMail> {
  const lang: Lang = row.language === 'en' ? 'en' : 'de';
  const { brand, siteUrl } = deps.config;
  if (row.template === 'invitation') {
    const p = row.payload;
    const token = str(p.token);
    if (!token) throw new RenderError('invitation e-mail without token (retired or already sent)');
    const acceptUrl = `${siteUrl}/invitations/accept`;
    const signIn = await generateSignInLink(deps.config, deps.fetch, row.to_email, acceptUrl);
    const link = `${acceptUrl}?${new URLSearchParams({ token, token_hash: signIn.hashedToken, type: signIn.type })}`;
    const number = str(p.target_number);
    const name = str(p.target_name);
    return renderInvitationMail({
      lang,
      // support invitations (support.replace_manager) carry inviter_name 'Support' and no address
      inviter: str(p.inviter_name) ? (str(p.inviter_email) ? `${str(p.inviter_name)} (${str(p.inviter_email)})` : str(p.inviter_name)) : str(p.inviter_email) || (lang === 'de' ? 'Ein Manager' : 'A manager'),
      role: p.role === 'manager' ? 'manager' : 'administrator',
      target: { kind: p.target_kind === 'account' ? 'account' : 'cluster', label: name ? `${number} (${name})` : number },
      brandName: brand.name,
      supportEmail: brand.supportEmail,
      link,
      expiresAt: str(p.expires_at),
    });
  }
  const p = row.payload as NotificationPayload;
  if (row.template === 'contact_person_changed' && (p.recipient === 'new' || p.recipient === 'previous')) {
    // the new and the previous contact person get the wording of "Edit data" (templates/contact-person.ts)
    return renderContactPersonMail({
      lang,
      recipient: p.recipient,
      recipientName: p.recipient_name ?? '',
      changedBy: p.actor_name?.trim() || p.actor_email || (lang === 'de' ? 'Unser Support' : 'Our support'),
      newContact: p.person_name?.trim() || p.person_email || '',
      account: { number: p.account_number ?? '', company: p.company_name ?? '' },
      brandName: brand.name,
      supportEmail: brand.supportEmail,
    });
  }
  if ((NOTIFICATION_TEMPLATES as readonly string[]).includes(row.template)) {
    return renderNotificationMail({
      template: row.template as NotificationTemplate,
      lang,
      payload: p,
      brandName: brand.name,
      supportEmail: brand.supportEmail,
      siteUrl,
    });
  }
  if ((SUPPORT_TEMPLATES as readonly string[]).includes(row.template)) {
    return renderSupportMail({ template: row.template as SupportTemplate, lang, payload: row.payload as SupportPayload, brandName: brand.name, supportEmail: brand.supportEmail, siteUrl });
  }
  throw new RenderError(`unknown e-mail template "${row.template}"`);
}
