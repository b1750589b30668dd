import { describe, expect, it } from 'vitest';
import { renderSupportMail, SUPPORT_TEMPLATES, type SupportMailInput } from './support';

const base = { lang: 'de', brandName: 'Example Hosting', supportEmail: 'support@example.test', siteUrl: 'https://portal.example.test' } as const;
const account = { customer_number: 'CN-1001', company_name: '<b>Alpha</b> & Söhne' };

describe('renderSupportMail', () => {
  it('e-mail change: the old address is told the new one, the new address how to sign in (de and en)', () => {
    const payload = { name: 'Clara', old_email: 'clara@old.example', new_email: 'clara@new.example' };
    const old = renderSupportMail({ ...base, template: 'support_email_changed', payload: { ...payload, recipient: 'old' } });
    expect(old.subject).toBe('Ihre Login-E-Mail-Adresse wurde geändert – Example Hosting');
    expect(old.text).toContain('nicht mehr clara@old.example, sondern clara@new.example');
    const fresh = renderSupportMail({ ...base, lang: 'en', template: 'support_email_changed', payload: { ...payload, recipient: 'new' } });
    expect(fresh.text).toContain('From now on you sign in to the Application Center with clara@new.example');
    expect(fresh.html).toContain('<html lang="en">');
  });

  it('manager replacement: departed (removed now or later) and new manager (as contact person)', () => {
    const removed = renderSupportMail({ ...base, template: 'support_manager_removed', payload: { ...account, new_manager_email: 'new@x.example', removed_now: true } });
    expect(removed.subject).toBe('Sie sind kein Manager von CN-1001 (<b>Alpha</b> & Söhne) mehr – Example Hosting');
    expect(removed.text).toContain('new@x.example übernimmt');
    const later = renderSupportMail({ ...base, lang: 'en', template: 'support_manager_removed', payload: { ...account, new_manager_email: 'new@x.example', removed_now: false } });
    expect(later.text).toContain('Once the invitation is accepted, you will be removed');
    const added = renderSupportMail({ ...base, lang: 'en', template: 'support_manager_added', payload: { ...account, departed_email: 'old@x.example', contact_person: true } });
    expect(added.text).toContain('in place of old@x.example');
    expect(added.text).toContain('You are also the contact person');
  });

  it('contact person: new and previous', () => {
    const next = renderSupportMail({ ...base, template: 'support_contact_person_changed', payload: { ...account, recipient: 'new', name: 'Ben' } });
    expect(next.subject).toContain('Sie sind jetzt Ansprechpartner für CN-1001');
    const prev = renderSupportMail({ ...base, lang: 'en', template: 'support_contact_person_changed', payload: { ...account, recipient: 'previous', new_contact: 'Ben Becker' } });
    expect(prev.text).toContain('we have made Ben Becker the contact person');
  });

  it.each(SUPPORT_TEMPLATES)('%s escapes every value in HTML and keeps the subject on one line', (template) => {
    const input: SupportMailInput = {
      ...base,
      template,
      payload: { ...account, recipient: 'new', name: 'Eve <img src=x onerror=alert(1)>', customer_number: 'CN-1\r\nBcc: x@evil.example', new_email: '<i>n</i>@x.example', new_manager_email: '<i>n</i>@x.example', new_contact: '<i>n</i>' },
    };
    const mail = renderSupportMail(input);
    expect(mail.html).not.toMatch(/<img|<b>|<i>/);
    expect(mail.html).toContain(template === 'support_email_changed' ? '&lt;i&gt;n&lt;/i&gt;@x.example' : '&lt;b&gt;Alpha&lt;/b&gt; &amp; Söhne');
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.text).toContain('Eve <img src=x onerror=alert(1)>');
  });
});

