import { describe, expect, it } from 'vitest';
import { isValidEmail, sameEmail } from './email';
import { maskEmail } from './mask';
import { loginUrl, safeRedirect } from './redirect';
import { canManageAdministrators, isRole, roleKey } from './roles';
import { compareNumbered, sortMembers } from './sort';

describe('isValidEmail', () => {
  it('accepts ordinary addresses, trimmed', () => {
    expect(isValidEmail('anna@example.com')).toBe(true);
    expect(isValidEmail('  a.b+c@sub.example.co.uk ')).toBe(true);
  });
  it('rejects the obvious mistakes', () => {
    for (const bad of ['', 'anna', 'anna@', '@example.com', 'anna@example', 'an na@example.com', 'a@b@c.de', 'anna@.com'])
      expect(isValidEmail(bad)).toBe(false);
  });
  it('compares addresses case-insensitively', () => {
    expect(sameEmail('Anna@Example.com', 'anna@example.com ')).toBe(true);
    expect(sameEmail('anna@example.com', 'bob@example.com')).toBe(false);
    expect(sameEmail(null, 'x')).toBe(false);
  });
});

describe('maskEmail', () => {
  it('keeps the first letter and the domain', () => {
    expect(maskEmail('julia.meier@example.com')).toBe('j•••@example.com');
    expect(maskEmail('x@y.de')).toBe('x•••@y.de');
    expect(maskEmail('nonsense')).toBe('•••');
    expect(maskEmail('')).toBe('');
  });
});

describe('roles', () => {
  it('names roles and decides who sees "Manage administrators"', () => {
    expect(roleKey('manager')).toBe('role.manager');
    expect(roleKey('administrator')).toBe('role.administrator');
    expect(isRole('owner')).toBe(false);
    expect(canManageAdministrators('manager')).toBe(true);
    expect(canManageAdministrators('administrator')).toBe(false);
    expect(canManageAdministrators(undefined)).toBe(false);
  });
});

describe('sorting', () => {
  it('sorts customer and cluster numbers numerically', () => {
    expect(['CN-1010', 'CN-999', 'CN-1002'].sort(compareNumbered)).toEqual(['CN-999', 'CN-1002', 'CN-1010']);
  });
  it('puts the contact person first, then by e-mail', () => {
    const sorted = sortMembers([
      { email: 'zoe@x.de', is_contact_person: false },
      { email: 'Bob@x.de', is_contact_person: false },
      { email: 'yann@x.de', is_contact_person: true },
      { email: 'anna@x.de' },
    ]);
    expect(sorted.map((m) => m.email)).toEqual(['yann@x.de', 'anna@x.de', 'Bob@x.de', 'zoe@x.de']);
  });
});

describe('safeRedirect', () => {
  it('allows same-site paths only', () => {
    expect(safeRedirect('/invitations/accept?token=a&type=invite')).toBe('/invitations/accept?token=a&type=invite');
    expect(safeRedirect('https://evil.example/')).toBe('/');
    expect(safeRedirect('//evil.example/')).toBe('/');
    expect(safeRedirect('/\\evil.example')).toBe('/');
    expect(safeRedirect('/login?redirect=/x')).toBe('/');
    expect(safeRedirect(null)).toBe('/');
  });
  it('builds a login URL that returns to the page', () => {
    expect(loginUrl('/accounts/1/managers')).toBe('/login?redirect=%2Faccounts%2F1%2Fmanagers');
    expect(loginUrl('/')).toBe('/login');
  });
});
