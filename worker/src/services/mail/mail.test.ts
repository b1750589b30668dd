import { describe, expect, it } from 'vitest';
import { fakeFetch, json } from '../../testing/fake-fetch';
import { createMailDriver, MailError } from './index';
import { RESEND_URL } from './resend';

const msg = { from: 'Brand <no-reply@brand.test>', to: 'a@example.com', subject: 'S', text: 'T', html: '<p>T</p>' };

describe('mail drivers', () => {
  it('mailbox: POSTs the message as JSON to ${MAILBOX_URL}/api/messages', async () => {
    const upstream = fakeFetch({ 'POST http://mailbox.test/api/messages': () => json({ id: '1' }, 201) });
    await createMailDriver({ driver: 'mailbox', from: msg.from, mailboxUrl: 'http://mailbox.test' }, upstream.fetch).send(msg);
    expect(upstream.calls).toHaveLength(1);
    expect(upstream.calls[0]?.headers.get('Content-Type')).toBe('application/json');
    expect(JSON.parse(upstream.calls[0]!.body)).toEqual(msg);
  });

  it('resend: POSTs to the Resend API with the bearer key', async () => {
    const upstream = fakeFetch({ [`POST ${RESEND_URL}`]: () => json({ id: 'r' }) });
    await createMailDriver({ driver: 'resend', from: msg.from, resendApiKey: 're_1' }, upstream.fetch).send(msg);
    expect(upstream.calls[0]?.headers.get('Authorization')).toBe('Bearer re_1');
    expect(JSON.parse(upstream.calls[0]!.body)).toEqual({ ...msg, to: ['a@example.com'] });
  });

  it.each([
    ['mailbox', { driver: 'mailbox', from: 'f', mailboxUrl: 'http://mailbox.test' }, 'POST http://mailbox.test/api/messages'],
    ['resend', { driver: 'resend', from: 'f', resendApiKey: 'k' }, `POST ${RESEND_URL}`],
  ] as const)('%s: sends the idempotency key as the Idempotency-Key header', async (_name, config, route) => {
    const upstream = fakeFetch({ [route]: () => json({ id: 'x' }) });
    await createMailDriver(config, upstream.fetch).send(msg, { idempotencyKey: 'invitation:1:abc' });
    expect(upstream.calls[0]?.headers.get('Idempotency-Key')).toBe('invitation:1:abc');
  });

  it.each([
    ['mailbox', { driver: 'mailbox', from: 'f', mailboxUrl: 'http://mailbox.test' }, 'POST http://mailbox.test/api/messages'],
    ['resend', { driver: 'resend', from: 'f', resendApiKey: 'k' }, `POST ${RESEND_URL}`],
  ] as const)('%s: throws MailError naming the status on a non-2xx answer', async (_name, config, route) => {
    const upstream = fakeFetch({ [route]: () => json({ message: 'quota exceeded' }, 429) });
    const sending = createMailDriver(config, upstream.fetch).send(msg);
    await expect(sending).rejects.toBeInstanceOf(MailError);
    await expect(sending).rejects.toThrow(/HTTP 429.*quota exceeded/);
  });

  it('throws MailError when the endpoint cannot be reached', async () => {
    const fetch = () => Promise.reject(new TypeError('connect ECONNREFUSED'));
    await expect(createMailDriver({ driver: 'mailbox', from: 'f', mailboxUrl: 'http://x.test' }, fetch).send(msg)).rejects.toThrow(
      /mailbox: request failed: connect ECONNREFUSED/,
    );
  });
});
