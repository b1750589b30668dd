// Reads the local mailbox the way a person would look at it: the newest message to an address.
import { inject } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';

export interface Message {
  id: string;
  to: string[];
  subject: string;
  text: string;
  html?: string;
}

export async function waitForMail(to: string, timeoutMs = 15_000): Promise<Message> {
  const url = `${inject('stack').mailboxUrl}/api/messages?to=${encodeURIComponent(to)}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const messages = (await (await fetch(url)).json()) as Message[];
    if (messages.length) return messages[0];
    await sleep(250);
  }
  throw new Error(`no e-mail to ${to} within ${timeoutMs} ms`);
}

export function firstLink(message: Message): string {
  const match = /(https?:\/\/[^\s"'<>]+)/.exec(message.text);
  if (!match) throw new Error(`no link in e-mail "${message.subject}"`);
  return match[1].replace(/&amp;/g, '&');
}
