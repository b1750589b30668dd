export type Lang = 'de' | 'en';
export type InvitationRole = 'manager' | 'administrator';
export type TargetKind = 'account' | 'cluster';

export type InvitationTextParams = {
  inviter: string;
  role: InvitationRole;
  target: { kind: TargetKind; label: string };
  brandName: string;
  /** Already formatted for the language. */
  expires: string;
  supportEmail: string;
};

export type InvitationTexts = {
  subject: (p: InvitationTextParams) => string;
  greeting: string;
  /** Plain text; the HTML template escapes it. */
  invited: (p: InvitationTextParams) => string;
  action: string;
  button: string;
  expires: (p: InvitationTextParams) => string;
  ignore: string;
  support: (p: InvitationTextParams) => string;
  locale: string;
};

const de: InvitationTexts = {
  locale: 'de-DE',
  subject: (p) => `Einladung von ${p.inviter}: ${role.de[p.role]} ${target.de[p.target.kind]} ${p.target.label}`,
  greeting: 'Guten Tag,',
  invited: (p) =>
    `${p.inviter} hat Sie eingeladen, ${role.de[p.role]} ${target.de[p.target.kind]} ${p.target.label} im Application Center von ${p.brandName} zu werden.`,
  action: 'Um die Einladung anzunehmen, öffnen Sie diesen Link:',
  button: 'Einladung annehmen',
  expires: (p) => `Die Einladung ist gültig bis ${p.expires}.`,
  ignore: 'Wenn Sie diese Einladung nicht erwartet haben, können Sie diese E-Mail ignorieren.',
  support: (p) => `Fragen? Schreiben Sie uns: ${p.supportEmail}`,
};

const en: InvitationTexts = {
  locale: 'en-GB',
  subject: (p) => `Invitation from ${p.inviter}: ${role.en[p.role]} ${target.en[p.target.kind]} ${p.target.label}`,
  greeting: 'Hello,',
  invited: (p) =>
    `${p.inviter} has invited you to become ${role.en[p.role]} ${target.en[p.target.kind]} ${p.target.label} in the ${p.brandName} Application Center.`,
  action: 'To accept the invitation, open this link:',
  button: 'Accept invitation',
  expires: (p) => `The invitation is valid until ${p.expires}.`,
  ignore: 'If you did not expect this invitation, you can ignore this e-mail.',
  support: (p) => `Questions? Write to us: ${p.supportEmail}`,
};

const role: Record<Lang, Record<InvitationRole, string>> = {
  de: { manager: 'Manager', administrator: 'Administrator' },
  en: { manager: 'manager', administrator: 'administrator' },
};

/** Genitive / "of" phrase before the target's number. */
const target: Record<Lang, Record<TargetKind, string>> = {
  de: { account: 'des Kundenkontos', cluster: 'des Clusters' },
  en: { account: 'of customer account', cluster: 'of cluster' },
};

export const invitationTexts: Record<Lang, InvitationTexts> = { de, en };
