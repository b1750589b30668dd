// Every e-mail the support functions write into the outbox has a renderer in the Worker.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderOutboxRow, type RenderDeps } from '../../worker/src/services/outbox/render.ts';
import { SUPPORT_TEMPLATES } from '../../worker/src/services/mail/templates/support.ts';

describe('the outbox renders every e-mail the support functions write', () => {
  it('each template named by enqueue_email in the support migration is rendered by renderOutboxRow', async () => {
    const sql = readFileSync(join(import.meta.dirname, '..', '..', 'supabase', 'migrations', '20261203150100_support_functions.sql'), 'utf8');
    const named = [...new Set([...sql.matchAll(/enqueue_email\('(support_[a-z_]+)'/g)].map((m) => m[1]))].sort();
    expect(named).toEqual([...SUPPORT_TEMPLATES].sort());
    const deps = {
      config: { supabaseUrl: '', supabaseServiceRoleKey: '', siteUrl: 'https://portal.example.test', brand: { name: 'Example Hosting', supportEmail: 's@example.test', supportPhone: '', supportHours: '' } },
      fetch: () => Promise.reject(new Error('no network')),
    } as unknown as RenderDeps;
    for (const template of named) {
      const mail = await renderOutboxRow({ id: '1', template, to_email: 'a@example.test', language: 'en', payload: { customer_number: 'CN-1001', recipient: 'new' }, idempotency_key: 'k', attempts: 1 }, deps);
      expect(mail.subject).toContain('Example Hosting');
    }
  });
});
