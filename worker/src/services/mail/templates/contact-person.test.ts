import { describe, expect, it } from 'vitest';
import { renderContactPersonMail, type ContactPersonMailInput } from './contact-person';

const input: ContactPersonMailInput = {
  recipient: 'new',
  recipientName: 'Ben Becker',
  changedBy: 'Anna Albrecht',
  newContact: 'Ben Becker',
  account: { number: 'CN-1001', company: 'Alpha Shop GmbH' },
  brandName: 'Example Hosting',
  supportEmail: 'support@example.test',
};

describe('renderContactPersonMail', () => {
  it('tells the new contact person what the role means, German first when the language is unknown', () => {
    const mail = renderContactPersonMail(input);
    expect(mail.subject).toBe('Sie sind jetzt Ansprechpartner für CN-1001 / You are now the contact person for CN-1001 – Example Hosting');
    expect(mail.text).toContain('Anna Albrecht hat Sie als Ansprechpartner des Kundenkontos CN-1001 (Alpha Shop GmbH)');
    expect(mail.text).toContain('named on the invoices');
    expect(mail.text.indexOf('Guten Tag Ben Becker')).toBeLessThan(mail.text.indexOf('Hello Ben Becker'));
  });

  it('tells the previous contact person who took over, in their language only', () => {
    const mail = renderContactPersonMail({ ...input, lang: 'en', recipient: 'previous', recipientName: 'Anna Albrecht' });
    expect(mail.subject).toBe('New contact person for CN-1001 – Example Hosting');
    expect(mail.text).toContain('Anna Albrecht has made Ben Becker the new contact person of customer account CN-1001');
    expect(mail.text).toContain('You remain a manager');
    expect(mail.text).not.toContain('Guten Tag');
  });

  it('escapes names in HTML and keeps the subject on one line', () => {
    const mail = renderContactPersonMail({ ...input, lang: 'de', changedBy: '<b>Eve</b>', account: { number: 'CN-1\r\nBcc: x@evil.test', company: 'A' } });
    expect(mail.html).toContain('&lt;b&gt;Eve&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>Eve</b>');
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });

  it('leaves out the support line without a support address', () => {
    expect(renderContactPersonMail({ ...input, lang: 'en', supportEmail: '' }).text).not.toContain('Write to us');
  });
});
