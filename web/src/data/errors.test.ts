import { describe, expect, it } from 'vitest';
import { AppError, errorCode, toAppError } from './errors';

describe('errorCode', () => {
  it('reads the machine code a database function puts into message (PostgREST)', () => {
    expect(errorCode({ code: 'P0001', message: 'last_manager', details: 'An account needs at least one manager.', hint: null })).toBe('last_manager');
    expect(errorCode({ code: 'P0001', message: 'contact_person_cannot_be_removed', details: '' })).toBe('contact_person_cannot_be_removed');
    expect(errorCode({ code: 'P0001', message: 'invitation_wrong_user', details: '' })).toBe('invitation_wrong_user');
    // accept_invitation raises 42501 with the machine code in message: the message wins.
    expect(errorCode({ code: '42501', message: 'invitation_wrong_user', details: 'This invitation is for another e-mail address.' })).toBe('invitation_wrong_user');
    expect(errorCode({ code: 'PT404', message: 'invitation_not_found', details: '' })).toBe('invitation_not_found');
    expect(errorCode({ code: 'P0001', message: 'invitation_revoked', details: '' })).toBe('invitation_not_found');
  });

  it('maps permission errors to not_allowed', () => {
    expect(errorCode({ code: '42501', message: 'permission denied for table account_managers', details: null })).toBe('not_allowed');
    expect(errorCode({ code: 'PGRST301', message: 'JWT expired' })).toBe('not_allowed');
  });

  it('reads Worker error bodies', () => {
    expect(errorCode({ error: { code: 'mail_failed', message: 'Resend said no' } })).toBe('mail_failed');
    expect(errorCode({ error: { code: 'invalid_email', message: 'x' } })).toBe('invalid_email');
    expect(errorCode({ error: { code: 'something_new', message: 'x' } })).toBe('unknown');
  });

  it('reads supabase-js auth errors by code', () => {
    expect(errorCode({ name: 'AuthApiError', status: 400, code: 'invalid_credentials', message: 'Invalid login credentials' })).toBe('invalid_credentials');
    expect(errorCode({ name: 'AuthApiError', status: 403, code: 'otp_expired', message: 'Token has expired or is invalid' })).toBe('otp_expired');
    expect(errorCode({ name: 'AuthWeakPasswordError', status: 422, code: 'weak_password', message: 'Password should be…' })).toBe('weak_password');
    expect(errorCode({ name: 'AuthApiError', status: 422, code: 'same_password', message: '…' })).toBe('same_password');
    expect(errorCode({ name: 'AuthApiError', status: 429, code: 'over_email_send_rate_limit', message: '…' })).toBe('over_email_send_rate_limit');
  });

  it('falls back to well-known auth messages without a code', () => {
    expect(errorCode({ status: 400, message: 'Invalid login credentials' })).toBe('invalid_credentials');
    expect(errorCode({ status: 403, message: 'Email link is invalid or has expired' })).toBe('otp_expired');
  });

  it('recognises network failures', () => {
    expect(errorCode(new TypeError('Failed to fetch'))).toBe('network');
    expect(errorCode({ name: 'AuthRetryableFetchError', status: 0, message: '{}' })).toBe('network');
    expect(errorCode({ code: '', message: 'TypeError: Failed to fetch', details: 'TypeError: Failed to fetch\n at …', hint: '' })).toBe('network');
  });

  it('never passes SQL or stack traces through', () => {
    expect(errorCode({ code: '42P01', message: 'relation "public.manager_list" does not exist' })).toBe('unknown');
    expect(errorCode(new Error('boom'))).toBe('unknown');
    expect(errorCode(undefined)).toBe('unknown');
    expect(errorCode(42)).toBe('unknown');
  });

  it('keeps AppError codes and accepts plain code strings', () => {
    expect(errorCode(new AppError('invitation_used'))).toBe('invitation_used');
    expect(errorCode('invitation_expired')).toBe('invitation_expired');
    expect(toAppError({ code: 'P0001', message: 'last_manager' }).code).toBe('last_manager');
  });
});
