import { afterAll, describe, expect, it } from 'vitest';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bareAddress, createMailStore } from './store.ts';

const dir = mkdtempSync(join(tmpdir(), 'ac-mailbox-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const mail = (to: string[], subject: string) => ({ from: 'noreply@example.test', to, subject, text: `text of ${subject}` });

describe('createMailStore', () => {
  it('lists newest first and filters by recipient, ignoring case and display names', () => {
    const store = createMailStore();
    store.add(mail(['ada@example.test'], 'one'));
    store.add(mail(['Bob <BOB@example.test>', 'ada@example.test'], 'two'));
    store.add(mail(['bob@example.test'], 'three'));
    expect(store.list().map((m) => m.subject)).toEqual(['three', 'two', 'one']);
    expect(store.list({ to: 'Bob@Example.test' }).map((m) => m.subject)).toEqual(['three', 'two']);
    expect(store.list({ to: 'nobody@example.test' })).toEqual([]);
  });

  it('gives each message an id, a timestamp and html null when there is none', () => {
    const store = createMailStore();
    const m = store.add(mail(['ada@example.test'], 'hello'));
    expect(store.get(m.id)).toEqual({ ...mail(['ada@example.test'], 'hello'), id: m.id, html: null, createdAt: m.createdAt });
    expect(Date.parse(m.createdAt)).not.toBeNaN();
    expect(store.get('missing')).toBeUndefined();
  });

  it('keeps messages across a restart when given a file, skipping a torn last line', () => {
    const file = join(dir, 'mailbox.jsonl');
    const first = createMailStore({ file });
    first.add(mail(['ada@example.test'], 'kept'));
    appendFileSync(file, '{"id":"torn", "subj');
    const second = createMailStore({ file });
    expect(second.list().map((m) => m.subject)).toEqual(['kept']);
    second.clear();
    expect(readFileSync(file, 'utf8')).toBe('');
    expect(createMailStore({ file }).list()).toEqual([]);
  });

  it('extracts bare addresses', () => {
    expect(bareAddress('Ada Lovelace <Ada@Example.test>')).toBe('ada@example.test');
    expect(bareAddress(' ada@example.test ')).toBe('ada@example.test');
  });
});
