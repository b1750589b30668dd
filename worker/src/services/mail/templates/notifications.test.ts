import { describe, expect, it } from 'vitest';
import { renderNotificationMail, type NotificationInput } from './notifications';

const base: NotificationInput = {
  template: 'manager_added',
  lang: 'de',
  payload: {
    recipient: 'manager',
    recipient_name: 'Ben Becker',
    account_number: 'CN-1001',
    company_name: '<script>alert("x")</script> & Söhne',
    person_email: 'new@example.com',
    person_name: null,
    actor_email: 'anna@example.com',
    actor_name: 'Anna Albrecht',
  },
  brandName: 'Example Hosting',
  supportEmail: 'support@example.test',
  siteUrl: 'https://portal.example.test',
};

describe('renderNotificationMail', () => {
  it('German: subject with brand, greeting, who did what, HTML and plain text', () => {
    const mail = renderNotificationMail(base);
    expect(mail.subject).toBe('Neuer Manager für CN-1001 (<script>alert("x")</script> & Söhne) – Example Hosting');
    expect(mail.text).toContain('Guten Tag Ben Becker,');
    expect(mail.text).toContain('Anna Albrecht (anna@example.com) hat new@example.com als Manager des Kundenkontos CN-1001');
    expect(mail.text).toContain('weil Sie Manager des Kundenkontos sind');
    expect(mail.html).toContain('<html lang="de">');
    expect(mail.html).toContain('href="https://portal.example.test"');
  });

  it('English: same facts in English only', () => {
    const mail = renderNotificationMail({ ...base, lang: 'en' });
    expect(mail.subject).toBe('New manager for CN-1001 (<script>alert("x")</script> & Söhne) – Example Hosting');
    expect(mail.text).toContain('Anna Albrecht (anna@example.com) has made new@example.com a manager of customer account CN-1001');
    expect(mail.text).not.toContain('Guten Tag');
    expect(mail.html).toContain('<html lang="en">');
  });

  it('escapes <script> in a company name (and every other value) in the HTML part', () => {
    for (const lang of ['de', 'en'] as const) {
      const mail = renderNotificationMail({ ...base, lang, payload: { ...base.payload, person_name: '<img src=x onerror=alert(1)>' } });
      expect(mail.html).not.toContain('<script>');
      expect(mail.html).not.toContain('<img');
      expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Söhne');
      expect(mail.subject).not.toMatch(/[\r\n]/);
    }
  });

  it('the removed person is told in their own words; a removal without a known actor names support', () => {
    const mail = renderNotificationMail({ ...base, template: 'manager_removed', lang: 'en', payload: { ...base.payload, recipient: 'self', actor_email: null } });
    expect(mail.subject).toBe('You are no longer a manager of CN-1001 (<script>alert("x")</script> & Söhne) – Example Hosting');
    expect(mail.text).toContain('Our support has removed you as a manager');
    expect(mail.text).not.toContain('because you are a manager');
  });

  it('administrator added / removed name the cluster; contact person changed tells the other managers who it was', () => {
    const added = renderNotificationMail({ ...base, template: 'administrator_added', payload: { ...base.payload, recipient: 'self', cluster_number: 'C-2001', cluster_name: 'web' } });
    expect(added.subject).toBe('Sie sind jetzt Administrator von C-2001 (web) – Example Hosting');
    const removed = renderNotificationMail({ ...base, template: 'administrator_removed', lang: 'en', payload: { ...base.payload, recipient: 'self', cluster_number: 'C-2001' } });
    expect(removed.text).toContain('has removed you as an administrator of cluster C-2001');
    const contact = renderNotificationMail({ ...base, template: 'contact_person_changed', lang: 'en', payload: { ...base.payload, previous_email: 'old@example.com' } });
    expect(contact.text).toContain('the new contact person of customer account CN-1001');
    expect(contact.text).toContain('(until now: old@example.com)');
  });

  it('uses the configured brand and leaves out the support line without a support address', () => {
    const mail = renderNotificationMail({ ...base, brandName: 'Other Brand', supportEmail: '' });
    expect(mail.subject).toMatch(/– Other Brand$/);
    expect(mail.text).not.toContain('Schreiben Sie uns');
  });
});
