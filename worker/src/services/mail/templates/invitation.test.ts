import { describe, expect, it } from 'vitest';
import { renderInvitationMail, type InvitationMailInput } from './invitation';

const input: InvitationMailInput = {
  inviter: 'anna@example.com',
  role: 'administrator',
  target: { kind: 'cluster', label: 'C-2001' },
  brandName: 'Example Hosting',
  supportEmail: 'support@example.test',
  link: 'http://portal.test/invitations/accept?token=t&token_hash=h&type=invite',
  expiresAt: '2026-12-10T11:00:00Z',
};

describe('renderInvitationMail', () => {
  it('writes German first, then English, when the language is unknown', () => {
    const mail = renderInvitationMail(input);
    expect(mail.subject).toBe(
      'Einladung von anna@example.com: Administrator des Clusters C-2001 / Invitation from anna@example.com: administrator of cluster C-2001 – Example Hosting',
    );
    const de = mail.text.indexOf('anna@example.com hat Sie eingeladen, Administrator des Clusters C-2001 im Application Center von Example Hosting zu werden.');
    const en = mail.text.indexOf('anna@example.com has invited you to become administrator of cluster C-2001 in the Example Hosting Application Center.');
    expect(de).toBeGreaterThanOrEqual(0);
    expect(en).toBeGreaterThan(de);
    expect(mail.text).toContain('gültig bis 10. Dezember 2026 um 12:00 MEZ');
    expect(mail.text).toContain('valid until 10 December 2026 at 12:00 CET');
    expect(mail.text).toContain('support@example.test');
    expect(mail.html.indexOf('<div lang="de">')).toBeLessThan(mail.html.indexOf('<div lang="en">'));
  });

  it('keeps header values on one line', () => {
    const mail = renderInvitationMail({ ...input, lang: 'en', target: { kind: 'account', label: 'CN-1\r\nBcc: x@evil.test' } });
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.subject).toBe('Invitation from anna@example.com: administrator of customer account CN-1 Bcc: x@evil.test – Example Hosting');
  });

  it('escapes the link in the href attribute', () => {
    const html = renderInvitationMail({ ...input, lang: 'de', link: 'http://portal.test/a?x="><script>' }).html;
    expect(html).toContain('href="http://portal.test/a?x=&quot;&gt;&lt;script&gt;"');
    expect(html).not.toContain('<script>');
  });

  it('leaves out the support line when there is no support address', () => {
    const mail = renderInvitationMail({ ...input, lang: 'de', supportEmail: '' });
    expect(mail.text).not.toContain('Fragen?');
  });
});
