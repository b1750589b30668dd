// The password-recovery e-mail, rendered from the project's template (config.toml
// [auth.email.template.recovery]) the way GoTrue fills it, so local mails look like hosted ones.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { OutgoingMail } from './context.ts';

const TEMPLATE_FILE = fileURLToPath(new URL('../../templates/recovery.html', import.meta.url));
/** config.toml: [auth.email.template.recovery] subject */
const SUBJECT = 'Reset your password';
const FALLBACK_TEMPLATE =
  '<h2>Reset your password</h2><p>Follow this link to reset the password for your user:</p>' +
  '<p><a href="{{ .RedirectTo }}?token_hash={{ .TokenHash }}&type=recovery">Reset password</a></p>';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export interface RecoveryMailInput {
  from: string;
  to: string;
  redirectTo: string;
  tokenHash: string;
  otp: string;
  siteUrl: string;
}

export function recoveryMail(m: RecoveryMailInput): OutgoingMail {
  const template = existsSync(TEMPLATE_FILE) ? readFileSync(TEMPLATE_FILE, 'utf8') : FALLBACK_TEMPLATE;
  const values: Record<string, string> = {
    RedirectTo: m.redirectTo,
    TokenHash: m.tokenHash,
    Token: m.otp,
    SiteURL: m.siteUrl,
    Email: m.to,
  };
  const html = template.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (whole, name: string) => (name in values ? escapeHtml(values[name]) : whole));
  const link = `${m.redirectTo}?token_hash=${m.tokenHash}&type=recovery`;
  const text = `Reset your password\n\nFollow this link to choose a new password:\n${link}\n\nOr enter this code: ${m.otp}\n`;
  return { from: m.from, to: [m.to], subject: SUBJECT, text, html };
}
