import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../data/errors';
import { de } from './de';
import { en } from './en';
import { errorMessage, formatDateTime, interpolate, translate } from './translate';

describe('dictionaries', () => {
  it('have the same keys and no empty strings', () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
    for (const value of [...Object.values(de), ...Object.values(en)]) expect(value.trim()).not.toBe('');
  });
  it('use the same placeholders in both languages', () => {
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(en) as Array<keyof typeof en>) expect(placeholders(de[key])).toEqual(placeholders(en[key]));
  });
  it('have a German and an English message for every error code', () => {
    for (const code of ERROR_CODES) {
      expect(en[`error.${code}`]).toBeTruthy();
      expect(de[`error.${code}`]).toBeTruthy();
      expect(de[`error.${code}`]).not.toBe(en[`error.${code}`]);
    }
  });
  it('carry the labels the user manual and the browser tests use', () => {
    expect(en['overview.manageManagers']).toBe('Manage managers');
    expect(en['overview.manageAdministrators']).toBe('Manage administrators');
    expect(en['managers.invite']).toBe('Invite manager');
    expect(en['administrators.invite']).toBe('Invite administrator');
    expect(en['invite.submit']).toBe('Invite');
    expect(de['overview.manageManagers']).toBe('Manager verwalten');
    expect(de['overview.manageAdministrators']).toBe('Administratoren verwalten');
    expect(de['managers.invite']).toBe('Manager einladen');
    expect(de['administrators.invite']).toBe('Administrator einladen');
    expect(de['invite.submit']).toBe('Einladen');
    expect(de['login.forgot']).toBe('Passwort vergessen?');
  });
});

describe('interpolate', () => {
  it('replaces known placeholders and keeps unknown ones', () => {
    expect(interpolate('Remove {email}', { email: 'a@b.de' })).toBe('Remove a@b.de');
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
    expect(interpolate('plain')).toBe('plain');
  });
});

describe('translate / errorMessage', () => {
  it('translates with parameters', () => {
    expect(translate('de', 'members.remove', { email: 'x@y.de' })).toBe('x@y.de entfernen');
    expect(translate('en', 'members.remove', { email: 'x@y.de' })).toBe('Remove x@y.de');
  });
  it('maps database, worker and auth errors to translated messages', () => {
    expect(errorMessage({ code: 'P0001', message: 'last_manager', details: 'An account needs a manager' }, 'en')).toBe(en['error.last_manager']);
    expect(errorMessage({ error: { code: 'mail_failed', message: 'x' } }, 'de')).toBe(de['error.mail_failed']);
    expect(errorMessage({ code: 'invalid_credentials', message: 'Invalid login credentials' }, 'de')).toBe(de['error.invalid_credentials']);
  });
  it('never shows raw SQL', () => {
    const message = errorMessage({ code: '42703', message: 'column "secret" does not exist', details: 'select secret from x' }, 'en');
    expect(message).toBe(en['error.unknown']);
    expect(message).not.toMatch(/select|column/);
  });
});

describe('formatDateTime', () => {
  it('formats per language and tolerates bad input', () => {
    expect(formatDateTime('2026-12-03T10:00:00Z', 'de')).toMatch(/2026/);
    expect(formatDateTime('not a date', 'en')).toBe('');
    expect(formatDateTime(null, 'en')).toBe('');
  });
});
