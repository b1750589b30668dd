// The mailbox's two HTML pages (list, one message), like Inbucket on 54324. Everything from a message is
// escaped; a message's own HTML is shown only inside a sandboxed iframe, so it cannot run script here.
import type { Message } from './store.ts';

export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/** Plain text with its http(s) links made clickable, escaped piece by piece. */
function linkify(text: string): string {
  return text
    .split(/(https?:\/\/[^\s<>"']+)/g)
    .map((part, i) => (i % 2 === 1 ? `<a href="${escapeHtml(part)}">${escapeHtml(part)}</a>` : escapeHtml(part)))
    .join('');
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fafafa}
main{max-width:60rem;margin:0 auto;padding:1.5rem}table{border-collapse:collapse;width:100%;background:#fff}
th,td{text-align:left;padding:.5rem;border-bottom:1px solid #ddd;vertical-align:top}a{color:#0645ad}
a:focus-visible,button:focus-visible{outline:3px solid #1a73e8;outline-offset:2px}
pre{white-space:pre-wrap;background:#fff;border:1px solid #ddd;padding:1rem}dt{font-weight:600}dd{margin:0 0 .5rem}
iframe{width:100%;min-height:24rem;border:1px solid #ddd;background:#fff}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

const time = (iso: string) => `<time datetime="${escapeHtml(iso)}">${escapeHtml(iso.replace('T', ' ').slice(0, 19))} UTC</time>`;

export function listPage(messages: Message[], filter: string | undefined): string {
  const rows = messages
    .map(
      (m) => `<tr><td>${time(m.createdAt)}</td><td>${escapeHtml(m.to.join(', '))}</td>
<td><a href="/messages/${encodeURIComponent(m.id)}">${escapeHtml(m.subject || '(no subject)')}</a></td><td>${escapeHtml(m.from)}</td></tr>`,
    )
    .join('\n');
  const heading = filter ? `Mailbox: messages to ${escapeHtml(filter)}` : 'Mailbox';
  const table = messages.length
    ? `<table><caption>${messages.length} message${messages.length === 1 ? '' : 's'}, newest first</caption>
<thead><tr><th scope="col">Received</th><th scope="col">To</th><th scope="col">Subject</th><th scope="col">From</th></tr></thead>
<tbody>${rows}</tbody></table>`
    : '<p>No messages yet. E-mails sent by the local stack appear here.</p>';
  return page(heading, `<h1>${heading}</h1>
<form method="get" action="/"><label for="to">Show messages to</label> <input id="to" name="to" type="email" value="${escapeHtml(filter ?? '')}"> <button type="submit">Filter</button></form>
${table}`);
}

export function messagePage(m: Message): string {
  const htmlPart = m.html
    ? `<h2>HTML</h2><iframe sandbox title="HTML part of the message" srcdoc="${escapeHtml(m.html)}"></iframe>`
    : '';
  return page(m.subject || '(no subject)', `<p><a href="/">Back to all messages</a></p>
<h1>${escapeHtml(m.subject || '(no subject)')}</h1>
<dl><dt>From</dt><dd>${escapeHtml(m.from)}</dd><dt>To</dt><dd>${escapeHtml(m.to.join(', '))}</dd><dt>Received</dt><dd>${time(m.createdAt)}</dd></dl>
<h2>Text</h2><pre>${linkify(m.text)}</pre>
${htmlPart}`);
}
