import { escapeHtml, oneLine } from './escape';
import type { RenderedMail } from './invitation';
import type { Lang } from './texts';

export type ContactPersonMailInput = {
  /** One language, or both (German first) when the recipient's language is unknown. */
  lang?: Lang;
  /** `new` = the recipient is the new contact person; `previous` = they were the contact person until now. */
  recipient: 'new' | 'previous';
  /** Name (or address) of the recipient, for the greeting. */
  recipientName: string;
  changedBy: string;
  newContact: string;
  account: { number: string; company: string };
  brandName: string;
  supportEmail: string;
};

type Params = Omit<ContactPersonMailInput, 'lang'>;

const texts: Record<Lang, { subject: (p: Params) => string; greeting: (p: Params) => string; body: (p: Params) => string[]; support: (p: Params) => string }> = {
  de: {
    subject: (p) =>
      p.recipient === 'new' ? `Sie sind jetzt Ansprechpartner für ${p.account.number}` : `Neuer Ansprechpartner für ${p.account.number}`,
    greeting: (p) => `Guten Tag ${p.recipientName},`,
    body: (p) =>
      p.recipient === 'new'
        ? [
            `${p.changedBy} hat Sie als Ansprechpartner des Kundenkontos ${p.account.number} (${p.account.company}) im Application Center von ${p.brandName} eingetragen.`,
            'Sie werden ab jetzt auf den Rechnungen genannt und sind im Notfall die erste Ansprechperson für unsere Linux-Administratoren.',
          ]
        : [
            `${p.changedBy} hat ${p.newContact} als neuen Ansprechpartner des Kundenkontos ${p.account.number} (${p.account.company}) im Application Center von ${p.brandName} eingetragen.`,
            'Sie bleiben Manager des Kundenkontos. Bereits ausgestellte Rechnungen bleiben unverändert.',
          ],
    support: (p) => `Haben Sie diese Änderung nicht erwartet? Schreiben Sie uns: ${p.supportEmail}`,
  },
  en: {
    subject: (p) => (p.recipient === 'new' ? `You are now the contact person for ${p.account.number}` : `New contact person for ${p.account.number}`),
    greeting: (p) => `Hello ${p.recipientName},`,
    body: (p) =>
      p.recipient === 'new'
        ? [
            `${p.changedBy} has made you the contact person of customer account ${p.account.number} (${p.account.company}) in the ${p.brandName} Application Center.`,
            'From now on you are named on the invoices and are the first person our Linux administrators call in an emergency.',
          ]
        : [
            `${p.changedBy} has made ${p.newContact} the new contact person of customer account ${p.account.number} (${p.account.company}) in the ${p.brandName} Application Center.`,
            'You remain a manager of the customer account. Invoices already issued stay as they are.',
          ],
    support: (p) => `Did you not expect this change? Write to us: ${p.supportEmail}`,
  },
};

/** The notice to the new and to the previous contact person after "Edit data". Plain text is escaped for HTML. */
export function renderContactPersonMail(input: ContactPersonMailInput): RenderedMail {
  const p: Params = {
    ...input,
    recipientName: oneLine(input.recipientName),
    changedBy: oneLine(input.changedBy),
    newContact: oneLine(input.newContact),
    account: { number: oneLine(input.account.number), company: oneLine(input.account.company) },
  };
  const langs: Lang[] = input.lang ? [input.lang] : ['de', 'en'];
  const parts = langs.map((lang) => {
    const t = texts[lang];
    const lines = [t.greeting(p), ...t.body(p)];
    if (p.supportEmail) lines.push(t.support(p));
    return {
      subject: t.subject(p),
      text: lines.join('\n\n'),
      html: [`<div lang="${lang}">`, ...lines.map((l) => `<p>${escapeHtml(l)}</p>`), '</div>'].join('\n'),
    };
  });
  const subject = oneLine(`${parts.map((x) => x.subject).join(' / ')} – ${input.brandName}`);
  return {
    subject,
    text: parts.map((x) => x.text).join('\n\n———\n\n'),
    html: [
      '<!doctype html>',
      `<html lang="${langs[0]}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
      '<body style="font-family:sans-serif;line-height:1.5;color:#1a1a1a">',
      parts.map((x) => x.html).join('\n<hr>\n'),
      '</body></html>',
    ].join('\n'),
  };
}
