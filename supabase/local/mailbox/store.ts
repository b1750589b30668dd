// The local mailbox's messages: kept in memory, newest first, and optionally appended as JSON lines to a file
// in the data folder so that mails survive a restart of `npm run dev`.
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';

export interface NewMessage {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html?: string | null;
}

export interface Message {
  id: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  createdAt: string;
}

export interface MailStore {
  add(message: NewMessage): Message;
  /** newest first; `to` matches any recipient, case-insensitively, with or without a display name */
  list(filter?: { to?: string }): Message[];
  get(id: string): Message | undefined;
  clear(): void;
}

/** "Ada <ada@example.test>" and "ada@example.test" are the same mailbox. */
export function bareAddress(recipient: string): string {
  const angle = /<([^<>]+)>\s*$/.exec(recipient);
  return (angle ? angle[1] : recipient).trim().toLowerCase();
}

function isMessage(v: unknown): v is Message {
  const m = v as Message;
  return !!m && typeof m.id === 'string' && typeof m.createdAt === 'string' && Array.isArray(m.to) && typeof m.subject === 'string';
}

export function createMailStore(opts: { file?: string } = {}): MailStore {
  const messages: Message[] = [];
  const { file } = opts;
  if (file && existsSync(file)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        const parsed: unknown = JSON.parse(line);
        if (isMessage(parsed)) messages.push(parsed);
      } catch {
        // a line cut short by a crash: skip it, keep the rest
      }
    }
  }

  return {
    add(m) {
      const message: Message = {
        id: randomUUID(),
        from: m.from,
        to: [...m.to],
        subject: m.subject,
        text: m.text,
        html: m.html ?? null,
        createdAt: new Date().toISOString(),
      };
      messages.push(message);
      if (file) {
        mkdirSync(dirname(file), { recursive: true });
        appendFileSync(file, JSON.stringify(message) + '\n');
      }
      return message;
    },
    list(filter = {}) {
      const wanted = filter.to ? bareAddress(filter.to) : undefined;
      const matching = wanted ? messages.filter((m) => m.to.some((r) => bareAddress(r) === wanted)) : messages;
      return [...matching].reverse();
    },
    get: (id) => messages.find((m) => m.id === id),
    clear() {
      messages.length = 0;
      if (file && existsSync(file)) writeFileSync(file, '');
    },
  };
}
