import { escapeHtml, oneLine } from './escape';
import { invitationTexts, type InvitationRole, type Lang, type TargetKind } from './texts';

export type InvitationMailInput = {
  /** One language, or both (German first) when the invitee's language is unknown. */
  lang?: Lang;
  inviter: string;
  role: InvitationRole;
  target: { kind: TargetKind; label: string };
  brandName: string;
  supportEmail: string;
  link: string;
  expiresAt: string;
};

export type RenderedMail = { subject: string; text: string; html: string };

export function renderInvitationMail(input: InvitationMailInput): RenderedMail {
  const langs: Lang[] = input.lang ? [input.lang] : ['de', 'en'];
  const parts = langs.map((lang) => renderPart(lang, input));
  const subject = oneLine(`${parts.map((p) => p.subject).join(' / ')} – ${input.brandName}`);
  const text = parts.map((p) => p.text).join('\n\n———\n\n');
  const html = [
    '<!doctype html>',
    `<html lang="${langs[0]}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:sans-serif;line-height:1.5;color:#1a1a1a">',
    parts.map((p) => p.html).join('\n<hr>\n'),
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}

function renderPart(lang: Lang, input: InvitationMailInput) {
  const t = invitationTexts[lang];
  const params = {
    inviter: oneLine(input.inviter),
    role: input.role,
    target: { kind: input.target.kind, label: oneLine(input.target.label) },
    brandName: input.brandName,
    expires: formatDate(input.expiresAt, t.locale),
    supportEmail: input.supportEmail,
  };
  const lines = [t.greeting, t.invited(params), t.action, input.link, t.expires(params), t.ignore];
  if (params.supportEmail) lines.push(t.support(params));
  const text = lines.join('\n\n');

  const e = escapeHtml;
  const html = [
    `<div lang="${lang}">`,
    `<p>${e(t.greeting)}</p>`,
    `<p>${e(t.invited(params))}</p>`,
    `<p>${e(t.action)}</p>`,
    `<p><a href="${e(input.link)}" style="display:inline-block;padding:10px 16px;background:#0b5cad;color:#fff;text-decoration:none;border-radius:4px">${e(t.button)}</a></p>`,
    `<p style="font-size:small;word-break:break-all">${e(input.link)}</p>`,
    `<p>${e(t.expires(params))}</p>`,
    `<p>${e(t.ignore)}</p>`,
    params.supportEmail ? `<p>${e(t.support(params))}</p>` : '',
    '</div>',
  ]
    .filter(Boolean)
    .join('\n');

  return { subject: t.subject(params), text, html };
}

function formatDate(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone: 'Europe/Berlin',
  }).format(date);
}
