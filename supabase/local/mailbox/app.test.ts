import { describe, expect, it } from 'vitest';
import { createMailboxApp } from './app.ts';
import { createMailStore } from './store.ts';

function setup() {
  const store = createMailStore();
  const app = createMailboxApp({ store });
  const post = (body: unknown) =>
    app.request('/api/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { store, app, post };
}

describe('mailbox JSON API', () => {
  it('stores a message (201 {id}) and lists it newest first, filtered by ?to=', async () => {
    const { app, post } = setup();
    const first = await post({ from: 'a@example.test', to: 'ada@example.test', subject: 'first', text: 'hi' });
    expect(first.status).toBe(201);
    const { id } = await first.json();
    expect(typeof id).toBe('string');
    await post({ from: 'a@example.test', to: ['bob@example.test'], subject: 'second', text: 'yo', html: '<p>yo</p>' });
    const all = await (await app.request('/api/messages')).json();
    expect(all.map((m: { subject: string }) => m.subject)).toEqual(['second', 'first']);
    expect(all[0]).toMatchObject({ from: 'a@example.test', to: ['bob@example.test'], html: '<p>yo</p>', createdAt: expect.any(String) });
    const forAda = await (await app.request('/api/messages?to=ada@example.test')).json();
    expect(forAda).toEqual([expect.objectContaining({ id, to: ['ada@example.test'], html: null })]);
    expect(await (await app.request(`/api/messages/${id}`)).json()).toMatchObject({ id, subject: 'first' });
  });

  it('stores a message once per Idempotency-Key (like Resend): a retry answers 200 with the first id', async () => {
    const { app } = setup();
    const send = (key: string) =>
      app.request('/api/messages', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify({ from: 'a@example.test', to: 'ada@example.test', subject: key, text: 't' }),
      });
    const first = await send('k-1');
    expect(first.status).toBe(201);
    const again = await send('k-1');
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(await first.json());
    expect((await send('k-2')).status).toBe(201);
    const all = await (await app.request('/api/messages')).json();
    expect(all.map((m: { subject: string }) => m.subject)).toEqual(['k-2', 'k-1']);
  });

  it('clears with DELETE and answers an unknown id with 404', async () => {
    const { app, post } = setup();
    await post({ from: 'a@example.test', to: 'ada@example.test', subject: 's', text: 't' });
    expect((await app.request('/api/messages', { method: 'DELETE' })).status).toBe(204);
    expect(await (await app.request('/api/messages')).json()).toEqual([]);
    const missing = await app.request('/api/messages/nope');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: 'not_found', message: 'No message with this id' } });
  });

  it('refuses bad messages with 400', async () => {
    const { post, store } = setup();
    const bad = ['{nope', '[]', { to: 'a@example.test', subject: 's', text: 't' }, { from: 'f', to: [], subject: 's', text: 't' }, { from: 'f', to: [1], subject: 's', text: 't' }, { from: 'f', to: 'a', subject: 's', text: 't', html: 5 }];
    for (const body of bad) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json()).error.code).toBe('bad_request');
    }
    const huge = await post({ from: 'f', to: 'a@example.test', subject: 's', text: 'x'.repeat(1024 * 1024 + 1) });
    expect(huge.status).toBe(400);
    expect(store.list()).toEqual([]);
  });
});

describe('mailbox pages', () => {
  const evil = { from: '<script>alert(1)</script>@x', to: ['"><img src=x onerror=alert(1)>@example.test'], subject: '<b>Reset</b> & more', text: 'Go to https://app.example.test/reset?token_hash=abc&type=recovery <now>', html: '<p onclick="x()">Hi</p><script>alert(2)</script>' };

  it('lists messages newest first with escaped fields', async () => {
    const { app, store } = setup();
    store.add({ ...evil, subject: 'older' });
    store.add(evil);
    const res = await app.request('/');
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('&lt;b&gt;Reset&lt;/b&gt; &amp; more');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html.indexOf('&lt;b&gt;Reset')).toBeLessThan(html.indexOf('older'));
    expect(html).toContain('<th scope="col">Subject</th>');
  });

  it('shows one message: escaped text with clickable links, its HTML only in a sandboxed iframe', async () => {
    const { app, store } = setup();
    const m = store.add(evil);
    const html = await (await app.request(`/messages/${m.id}`)).text();
    expect(html).toContain('<a href="https://app.example.test/reset?token_hash=abc&amp;type=recovery">');
    expect(html).toContain('&lt;now&gt;');
    expect(html).toContain('<iframe sandbox title="HTML part of the message" srcdoc="&lt;p onclick=&quot;x()&quot;&gt;Hi&lt;/p&gt;&lt;script&gt;');
    expect(html).not.toMatch(/<script/i);
    expect((await app.request('/messages/unknown')).status).toBe(404);
  });
});
