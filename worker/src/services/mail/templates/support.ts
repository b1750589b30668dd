import { escapeHtml, oneLine } from './escape';
import type { RenderedMail } from './invitation';
import type { Lang } from './texts';

/** The e-mails of the support functions (supabase/migrations/…150100_support_functions.sql, schema support). */
export type SupportTemplate = 'support_email_changed' | 'support_manager_added' | 'support_manager_removed' | 'support_contact_person_changed';
export const SUPPORT_TEMPLATES: readonly SupportTemplate[] = ['support_email_changed', 'support_manager_added', 'support_manager_removed', 'support_contact_person_changed'];

/** The payloads as the support functions write them; every value may be missing. */
export type SupportPayload = {
  recipient?: 'old' | 'new' | 'previous';
  name?: string | null;
  old_email?: string | null;
  new_email?: string | null;
  customer_number?: string | null;
  company_name?: string | null;
  departed_email?: string | null;
  new_manager_email?: string | null;
  new_contact?: string | null;
  contact_person?: boolean | null;
  removed_now?: boolean | null;
};

export type SupportMailInput = { template: SupportTemplate; lang: Lang; payload: SupportPayload; brandName: string; supportEmail: string; siteUrl: string };

type P = { v: SupportPayload; name: string; account: string; oldEmail: string; newEmail: string; departed: string; successor: string; newContact: string };
type Texts = { subject: (p: P) => string; body: (p: P) => string[] };
type Lines = Record<SupportTemplate, Texts> & { greeting: (p: P) => string; support: string; link: string; why: string };

const de: Lines = {
  greeting: (p) => (p.name ? `Guten Tag ${p.name},` : 'Guten Tag,'),
  support: 'Haben Sie diese Änderung nicht veranlasst? Melden Sie sich bitte sofort bei uns:',
  link: 'Zum Application Center:',
  why: 'Diese Änderung hat unser Support nach einer manuellen Prüfung vorgenommen.',
  support_email_changed: {
    subject: () => 'Ihre Login-E-Mail-Adresse wurde geändert',
    body: (p) =>
      p.v.recipient === 'old'
        ? [`Die Login-E-Mail-Adresse Ihres Benutzerkontos im Application Center ist nicht mehr ${p.oldEmail}, sondern ${p.newEmail}.`, 'An diese Adresse senden wir keine Nachrichten zu diesem Benutzerkonto mehr.']
        : [`Sie melden sich im Application Center ab jetzt mit ${p.newEmail} an (bisher ${p.oldEmail}). Ihr Passwort bleibt gleich; über „Passwort vergessen“ können Sie ein neues wählen.`, 'Alle bisherigen Sitzungen wurden beendet.'],
  },
  support_manager_added: {
    subject: (p) => `Sie sind jetzt Manager von ${p.account}`,
    body: (p) => [
      `Auf Wunsch Ihres Unternehmens haben wir Sie als Manager des Kundenkontos ${p.account} eingetragen, anstelle von ${p.departed}.`,
      ...(p.v.contact_person ? ['Sie sind außerdem der Ansprechpartner: Sie werden auf den Rechnungen genannt und sind im Notfall die erste Ansprechperson für unsere Linux-Administratoren.'] : []),
    ],
  },
  support_manager_removed: {
    subject: (p) => `Sie sind kein Manager von ${p.account} mehr`,
    body: (p) =>
      p.v.removed_now === false
        ? [`Auf Wunsch Ihres Unternehmens wird ${p.successor} Manager des Kundenkontos ${p.account}. Sobald die Einladung angenommen ist, werden Sie als Manager entfernt.`]
        : [`Auf Wunsch Ihres Unternehmens haben wir Sie als Manager des Kundenkontos ${p.account} entfernt; ${p.successor} übernimmt.`, 'Sie haben keinen Zugriff mehr auf Verträge, Rechnungen, Bestellungen, die Benutzerverwaltung und die Cluster dieses Kundenkontos.'],
  },
  support_contact_person_changed: {
    subject: (p) => (p.v.recipient === 'new' ? `Sie sind jetzt Ansprechpartner für ${p.account}` : `Neuer Ansprechpartner für ${p.account}`),
    body: (p) =>
      p.v.recipient === 'new'
        ? [`Auf Wunsch Ihres Unternehmens haben wir Sie als Ansprechpartner des Kundenkontos ${p.account} eingetragen.`, 'Sie werden ab jetzt auf den Rechnungen genannt und sind im Notfall die erste Ansprechperson für unsere Linux-Administratoren.']
        : [`Auf Wunsch Ihres Unternehmens haben wir ${p.newContact} als Ansprechpartner des Kundenkontos ${p.account} eingetragen. Bisher waren Sie es.`, 'Sie bleiben Manager des Kundenkontos. Bereits ausgestellte Rechnungen bleiben unverändert.'],
  },
};
const en: Lines = {
  greeting: (p) => (p.name ? `Hello ${p.name},` : 'Hello,'),
  support: 'Did you not ask for this change? Please contact us at once:',
  link: 'To the Application Center:',
  why: 'Our support made this change after a manual check.',
  support_email_changed: {
    subject: () => 'Your login e-mail address has been changed',
    body: (p) =>
      p.v.recipient === 'old'
        ? [`The login e-mail address of your Application Center user account is no longer ${p.oldEmail} but ${p.newEmail}.`, 'We will send no more messages about this user account to this address.']
        : [`From now on you sign in to the Application Center with ${p.newEmail} (until now ${p.oldEmail}). Your password stays the same; use "Forgotten password" to choose a new one.`, 'All previous sessions have been ended.'],
  },
  support_manager_added: {
    subject: (p) => `You are now a manager of ${p.account}`,
    body: (p) => [
      `At your company's request we have made you a manager of customer account ${p.account}, in place of ${p.departed}.`,
      ...(p.v.contact_person ? ['You are also the contact person: you are named on the invoices and are the first person our Linux administrators call in an emergency.'] : []),
    ],
  },
  support_manager_removed: {
    subject: (p) => `You are no longer a manager of ${p.account}`,
    body: (p) =>
      p.v.removed_now === false
        ? [`At your company's request ${p.successor} becomes a manager of customer account ${p.account}. Once the invitation is accepted, you will be removed as a manager.`]
        : [`At your company's request we have removed you as a manager of customer account ${p.account}; ${p.successor} takes over.`, 'You no longer have access to the contracts, invoices, orders, user administration and clusters of this customer account.'],
  },
  support_contact_person_changed: {
    subject: (p) => (p.v.recipient === 'new' ? `You are now the contact person for ${p.account}` : `New contact person for ${p.account}`),
    body: (p) =>
      p.v.recipient === 'new'
        ? [`At your company's request we have made you the contact person of customer account ${p.account}.`, 'From now on you are named on the invoices and are the first person our Linux administrators call in an emergency.']
        : [`At your company's request we have made ${p.newContact} the contact person of customer account ${p.account}. Until now it was you.`, 'You remain a manager of the customer account. Invoices already issued stay as they are.'],
  },
};
const TEXTS = { de, en };

/** Renders one support e-mail in the recipient's language, HTML and plain text; every value is escaped. */
export function renderSupportMail(input: SupportMailInput): RenderedMail {
  const t = TEXTS[input.lang];
  const v = input.payload;
  const company = v.company_name?.trim() ? ` (${v.company_name.trim()})` : '';
  const p: P = {
    v,
    name: oneLine(v.name ?? ''),
    account: oneLine(`${v.customer_number ?? ''}${company}`),
    oldEmail: oneLine(v.old_email ?? ''),
    newEmail: oneLine(v.new_email ?? ''),
    departed: oneLine(v.departed_email ?? ''),
    successor: oneLine(v.new_manager_email ?? ''),
    newContact: oneLine(v.new_contact ?? ''),
  };
  const text = t[input.template];
  const lines = [t.greeting(p), ...text.body(p), t.why];
  const brand = oneLine(input.brandName);
  const subject = oneLine(`${text.subject(p)} – ${brand}`);
  const e = escapeHtml;
  return {
    subject,
    text: [...lines, `${t.link} ${input.siteUrl}`, ...(input.supportEmail ? [`${t.support} ${input.supportEmail}`] : []), brand].join('\n\n'),
    html: [
      '<!doctype html>',
      `<html lang="${input.lang}"><head><meta charset="utf-8"><title>${e(subject)}</title></head>`,
      '<body style="font-family:sans-serif;line-height:1.5;color:#1a1a1a">',
      ...lines.map((l) => `<p>${e(l)}</p>`),
      `<p>${e(t.link)} <a href="${e(input.siteUrl)}">${e(input.siteUrl)}</a></p>`,
      input.supportEmail ? `<p>${e(t.support)} <a href="mailto:${e(input.supportEmail)}">${e(input.supportEmail)}</a></p>` : '',
      `<p style="font-size:small;color:#555">${e(brand)}</p>`,
      '</body></html>',
    ]
      .filter(Boolean)
      .join('\n'),
  };
}
