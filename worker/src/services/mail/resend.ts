import type { Fetch } from '../../types';
import { postJson } from './post-json';
import type { MailDriver } from './types';

export const RESEND_URL = 'https://api.resend.com/emails';

/** Production mail through the Resend HTTP API; `Idempotency-Key` makes Resend drop a repeated send (24 h). */
export const resendDriver = (apiKey: string, fetch: Fetch): MailDriver => ({
  send: (msg, options) =>
    postJson(
      fetch,
      'resend',
      RESEND_URL,
      { from: msg.from, to: [msg.to], subject: msg.subject, text: msg.text, html: msg.html },
      { Authorization: `Bearer ${apiKey}`, ...(options?.idempotencyKey ? { 'Idempotency-Key': options.idempotencyKey } : {}) },
    ),
});
