import { escapeHtml, oneLine } from './escape';
import type { RenderedMail } from './invitation';
import type { Lang } from './texts';

/** The notification e-mails the database writes into the outbox (supabase/migrations/…140200_notifications.sql). */
export type NotificationTemplate = 'manager_added' | 'manager_removed' | 'administrator_added' | 'administrator_removed' | 'contact_person_changed';
export const NOTIFICATION_TEMPLATES: readonly NotificationTemplate[] = [
  'manager_added',
  'manager_removed',
  'administrator_added',
  'administrator_removed',
  'contact_person_changed',
];

/** The payload as the triggers write it; every value may be missing or null. */
export type NotificationPayload = {
  recipient?: 'manager' | 'self' | 'new' | 'previous';
  recipient_name?: string | null;
  account_number?: string | null;
  company_name?: string | null;
  cluster_number?: string | null;
  cluster_name?: string | null;
  person_email?: string | null;
  person_name?: string | null;
  actor_email?: string | null;
  actor_name?: string | null;
  previous_email?: string | null;
  previous_name?: string | null;
};

export type NotificationInput = { template: NotificationTemplate; lang: Lang; payload: NotificationPayload; brandName: string; supportEmail: string; siteUrl: string };

type P = {
  recipient: string;
  greetingName: string;
  account: string;
  cluster: string;
  person: string;
  actor: string | null;
  previous: string;
  brand: string;
};

const who = (name?: string | null, email?: string | null) => oneLine(name?.trim() ? `${name.trim()} (${email ?? ''})` : (email ?? ''));

type Texts = { subject: (p: P) => string; body: (p: P) => string[] };
const de: Record<NotificationTemplate, Texts> & { greeting: (p: P) => string; support: string; link: string; unknownActor: string; why: string } = {
  greeting: (p) => (p.greetingName ? `Guten Tag ${p.greetingName},` : 'Guten Tag,'),
  support: 'Haben Sie diese Änderung nicht erwartet? Schreiben Sie uns:',
  link: 'Zum Application Center:',
  unknownActor: 'Unser Support',
  why: 'Sie erhalten diese E-Mail, weil Sie Manager des Kundenkontos sind.',
  manager_added: {
    subject: (p) => `Neuer Manager für ${p.account}`,
    body: (p) => [`${p.actor} hat ${p.person} als Manager des Kundenkontos ${p.account} eingetragen.`, 'Alle Manager haben dieselben Rechte: Verträge, Rechnungen, Bestellungen und Benutzerverwaltung.'],
  },
  manager_removed: {
    subject: (p) => (p.recipient === 'self' ? `Sie sind kein Manager von ${p.account} mehr` : `Manager von ${p.account} entfernt`),
    body: (p) =>
      p.recipient === 'self'
        ? [`${p.actor} hat Sie als Manager des Kundenkontos ${p.account} entfernt.`, 'Sie haben keinen Zugriff mehr auf Verträge, Rechnungen, Bestellungen und die Benutzerverwaltung dieses Kundenkontos.']
        : [`${p.actor} hat ${p.person} als Manager des Kundenkontos ${p.account} entfernt.`],
  },
  administrator_added: {
    subject: (p) => `Sie sind jetzt Administrator von ${p.cluster}`,
    body: (p) => [`${p.actor} hat Sie als Administrator des Clusters ${p.cluster} (Kundenkonto ${p.account}) eingetragen.`, 'Sie erreichen den Cluster jetzt im Managed Center und im Monitoring Center.'],
  },
  administrator_removed: {
    subject: (p) => `Sie sind kein Administrator von ${p.cluster} mehr`,
    body: (p) => [`${p.actor} hat Sie als Administrator des Clusters ${p.cluster} (Kundenkonto ${p.account}) entfernt.`],
  },
  contact_person_changed: {
    subject: (p) =>
      p.recipient === 'new' ? `Sie sind jetzt Ansprechpartner für ${p.account}` : `Neuer Ansprechpartner für ${p.account}`,
    body: (p) =>
      p.recipient === 'new'
        ? [`${p.actor} hat Sie als Ansprechpartner des Kundenkontos ${p.account} eingetragen.`, 'Sie werden ab jetzt auf den Rechnungen genannt und sind im Notfall die erste Ansprechperson für unsere Linux-Administratoren.']
        : p.recipient === 'previous'
          ? [`${p.actor} hat ${p.person} als neuen Ansprechpartner des Kundenkontos ${p.account} eingetragen. Bisher waren Sie es.`, 'Bereits ausgestellte Rechnungen bleiben unverändert.']
          : [`${p.actor} hat ${p.person} als neuen Ansprechpartner des Kundenkontos ${p.account} eingetragen (bisher: ${p.previous}).`],
  },
};
const en: typeof de = {
  greeting: (p) => (p.greetingName ? `Hello ${p.greetingName},` : 'Hello,'),
  support: 'Did you not expect this change? Write to us:',
  link: 'To the Application Center:',
  unknownActor: 'Our support',
  why: 'You receive this e-mail because you are a manager of the customer account.',
  manager_added: {
    subject: (p) => `New manager for ${p.account}`,
    body: (p) => [`${p.actor} has made ${p.person} a manager of customer account ${p.account}.`, 'All managers have the same rights: contracts, invoices, orders and user administration.'],
  },
  manager_removed: {
    subject: (p) => (p.recipient === 'self' ? `You are no longer a manager of ${p.account}` : `Manager of ${p.account} removed`),
    body: (p) =>
      p.recipient === 'self'
        ? [`${p.actor} has removed you as a manager of customer account ${p.account}.`, 'You no longer have access to the contracts, invoices, orders and user administration of this customer account.']
        : [`${p.actor} has removed ${p.person} as a manager of customer account ${p.account}.`],
  },
  administrator_added: {
    subject: (p) => `You are now an administrator of ${p.cluster}`,
    body: (p) => [`${p.actor} has made you an administrator of cluster ${p.cluster} (customer account ${p.account}).`, 'You can now reach the cluster in the Managed Center and the Monitoring Center.'],
  },
  administrator_removed: {
    subject: (p) => `You are no longer an administrator of ${p.cluster}`,
    body: (p) => [`${p.actor} has removed you as an administrator of cluster ${p.cluster} (customer account ${p.account}).`],
  },
  contact_person_changed: {
    subject: (p) => (p.recipient === 'new' ? `You are now the contact person for ${p.account}` : `New contact person for ${p.account}`),
    body: (p) =>
      p.recipient === 'new'
        ? [`${p.actor} has made you the contact person of customer account ${p.account}.`, 'From now on you are named on the invoices and are the first person our Linux administrators call in an emergency.']
        : p.recipient === 'previous'
          ? [`${p.actor} has made ${p.person} the new contact person of customer account ${p.account}. Until now it was you.`, 'Invoices already issued stay as they are.']
          : [`${p.actor} has made ${p.person} the new contact person of customer account ${p.account} (until now: ${p.previous}).`],
  },
};
const TEXTS = { de, en };

/**
 * Renders one notification in the recipient's language, HTML and plain text. Every inserted value is plain
 * text: escaped for HTML, and kept on one line in the subject.
 */
export function renderNotificationMail(input: NotificationInput): RenderedMail {
  const t = TEXTS[input.lang];
  const v = input.payload;
  const company = v.company_name?.trim() ? ` (${v.company_name.trim()})` : '';
  const p: P = {
    recipient: v.recipient ?? 'manager',
    greetingName: oneLine(v.recipient_name ?? ''),
    account: oneLine(`${v.account_number ?? ''}${company}`),
    cluster: oneLine(`${v.cluster_number ?? ''}${v.cluster_name?.trim() ? ` (${v.cluster_name.trim()})` : ''}`),
    person: who(v.person_name, v.person_email),
    actor: v.actor_email ? who(v.actor_name, v.actor_email) : t.unknownActor,
    previous: who(v.previous_name, v.previous_email),
    brand: oneLine(input.brandName),
  };
  const text = t[input.template];
  const lines = [t.greeting(p), ...text.body(p)];
  const footer = [`${t.link} ${input.siteUrl}`];
  if (input.supportEmail) footer.push(`${t.support} ${input.supportEmail}`);
  if (p.recipient === 'manager') footer.push(t.why);
  const subject = oneLine(`${text.subject(p)} – ${p.brand}`);
  const e = escapeHtml;
  return {
    subject,
    text: [...lines, ...footer, p.brand].join('\n\n'),
    html: [
      '<!doctype html>',
      `<html lang="${input.lang}"><head><meta charset="utf-8"><title>${e(subject)}</title></head>`,
      '<body style="font-family:sans-serif;line-height:1.5;color:#1a1a1a">',
      ...lines.map((l) => `<p>${e(l)}</p>`),
      `<p>${e(t.link)} <a href="${e(input.siteUrl)}">${e(input.siteUrl)}</a></p>`,
      input.supportEmail ? `<p>${e(t.support)} <a href="mailto:${e(input.supportEmail)}">${e(input.supportEmail)}</a></p>` : '',
      p.recipient === 'manager' ? `<p style="font-size:small;color:#555">${e(t.why)}</p>` : '',
      `<p style="font-size:small;color:#555">${e(p.brand)}</p>`,
      '</body></html>',
    ]
      .filter(Boolean)
      .join('\n'),
  };
}
