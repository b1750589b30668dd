// The local mailbox API and pages (docs/architecture.md "Mailbox API"): the Worker's `mailbox` mail driver
// posts here, tests read messages back, people look at them in the browser.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { MailStore, NewMessage } from './store.ts';
import { listPage, messagePage } from './html.ts';

const MAX_BODY_BYTES = 1024 * 1024;
// The message's own HTML lives in a sandboxed srcdoc iframe, which inherits this policy: no script anywhere.
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src 'self'; form-action 'self'";

class MailboxError extends Error {
  constructor(
    readonly status: 400 | 404,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function parseNewMessage(value: unknown): NewMessage {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new MailboxError(400, 'bad_request', 'The body must be a JSON object');
  const v = value as Record<string, unknown>;
  const to = typeof v.to === 'string' ? [v.to] : v.to;
  if (!Array.isArray(to) || to.length === 0 || !to.every((r) => typeof r === 'string' && r.trim() !== '')) {
    throw new MailboxError(400, 'bad_request', '"to" must be an address or a non-empty list of addresses');
  }
  for (const field of ['from', 'subject', 'text'] as const) {
    if (typeof v[field] !== 'string') throw new MailboxError(400, 'bad_request', `"${field}" must be a string`);
  }
  if (v.html !== undefined && v.html !== null && typeof v.html !== 'string') throw new MailboxError(400, 'bad_request', '"html" must be a string');
  return { from: v.from as string, to: to as string[], subject: v.subject as string, text: v.text as string, html: (v.html as string | null | undefined) ?? null };
}

export function createMailboxApp({ store }: { store: MailStore }): Hono {
  const app = new Hono();
  // Like Resend's `Idempotency-Key` header: the same key again answers with the first message's id and
  // stores nothing, so a retried delivery never shows up twice.
  const byIdempotencyKey = new Map<string, string>();
  app.onError((err, c) => {
    if (err instanceof MailboxError) return c.json({ error: { code: err.code, message: err.message } }, err.status);
    if (err instanceof HTTPException) return c.json({ error: { code: 'bad_request', message: err.message } }, 400);
    console.error('[mailbox] unexpected failure:', err);
    return c.json({ error: { code: 'internal', message: 'Unexpected failure' } }, 500);
  });

  app.post(
    '/api/messages',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new MailboxError(400, 'bad_request', 'The message is larger than 1 MB');
      },
    }),
    async (c) => {
      let body: unknown;
      try {
        body = JSON.parse(await c.req.text());
      } catch {
        throw new MailboxError(400, 'bad_request', 'The body is not valid JSON');
      }
      const parsed = parseNewMessage(body);
      const key = c.req.header('idempotency-key')?.trim();
      const seen = key ? byIdempotencyKey.get(key) : undefined;
      if (seen && store.get(seen)) return c.json({ id: seen }, 200);
      const message = store.add(parsed);
      if (key) byIdempotencyKey.set(key, message.id);
      return c.json({ id: message.id }, 201);
    },
  );
  app.get('/api/messages', (c) => c.json(store.list({ to: c.req.query('to') || undefined })));
  app.get('/api/messages/:id', (c) => {
    const message = store.get(c.req.param('id'));
    if (!message) throw new MailboxError(404, 'not_found', 'No message with this id');
    return c.json(message);
  });
  app.delete('/api/messages', (c) => {
    store.clear();
    return c.body(null, 204);
  });

  app.get('/', (c) => {
    c.header('Content-Security-Policy', PAGE_CSP);
    const to = c.req.query('to') || undefined;
    return c.html(listPage(store.list({ to }), to));
  });
  app.get('/messages/:id', (c) => {
    const message = store.get(c.req.param('id'));
    c.header('Content-Security-Policy', PAGE_CSP);
    if (!message) return c.html('<!doctype html><html lang="en"><title>Not found</title><main><h1>No such message</h1><p><a href="/">Back to all messages</a></p></main></html>', 404);
    return c.html(messagePage(message));
  });
  return app;
}
