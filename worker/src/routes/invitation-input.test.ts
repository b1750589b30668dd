import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { parseInvitationInput } from './invitation-input';

const TARGET = '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed';

describe('parseInvitationInput', () => {
  it.each([
    'first.last+tag@sub.example.co.uk',
    "o'brien@example.ie",
    'x@xn--bcher-kva.de',
    'a_b-c@example-host.io',
    'UPPER@EXAMPLE.COM',
  ])('accepts the address %s', (email) => {
    expect(parseInvitationInput({ role: 'manager', targetId: TARGET, email }).email).toBe(email.toLowerCase());
  });

  it('trims and lower-cases the address, lower-cases the uuid and keeps lang', () => {
    expect(parseInvitationInput({ role: 'administrator', targetId: TARGET.toUpperCase(), email: ' A@Example.com\t', lang: 'en' })).toEqual({
      role: 'administrator',
      targetId: TARGET,
      email: 'a@example.com',
      lang: 'en',
    });
  });

  it('accepts an address of exactly 254 characters', () => {
    const email = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(58)}.de`;
    expect(email).toHaveLength(254);
    expect(parseInvitationInput({ role: 'manager', targetId: TARGET, email }).email).toBe(email);
  });

  it('throws a 400 validation_failed AppError', () => {
    try {
      parseInvitationInput({ role: 'manager', targetId: TARGET, email: 'nope' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'validation_failed', status: 400, message: 'Field "email" must be a valid e-mail address' });
    }
  });
});
