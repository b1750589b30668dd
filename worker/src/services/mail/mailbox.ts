import type { Fetch } from '../../types';
import { postJson } from './post-json';
import type { MailDriver } from './types';

/** Local development/test mailbox (supabase/local): POST `${MAILBOX_URL}/api/messages`; it honours Idempotency-Key like Resend. */
export const mailboxDriver = (mailboxUrl: string, fetch: Fetch): MailDriver => ({
  send: (msg, options) =>
    postJson(
      fetch,
      'mailbox',
      `${mailboxUrl}/api/messages`,
      { from: msg.from, to: msg.to, subject: msg.subject, text: msg.text, html: msg.html },
      options?.idempotencyKey ? { 'Idempotency-Key': options.idempotencyKey } : {},
    ),
});
