import { afterEach, describe, expect, it, vi } from 'vitest';
import { fromPostgrest } from './postgrest-error';

describe('fromPostgrest', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each([
    [{ code: '42501', message: 'permission denied for function create_invitation' }, 403, 403, 'not_allowed'],
    [{ code: 'P0001', message: 'invalid_email', details: 'Not an address' }, 400, 400, 'invalid_email'],
    [{ code: 'P0001', message: 'target_not_found' }, 400, 404, 'target_not_found'],
    [{ code: 'P0001', message: 'already_administrator' }, 400, 409, 'already_administrator'],
    [{ code: 'P0001', message: 'Some free text, not a code' }, 400, 400, 'request_refused'],
    [{ code: 'P0002', message: 'invitation_not_found' }, 404, 404, 'invitation_not_found'],
    [{ code: 'PT422', message: 'invitation_expired' }, 422, 422, 'invitation_expired'],
    [{ code: 'PT503', message: 'maintenance' }, 503, 502, 'upstream_failed'],
    [{ code: 'PGRST301', message: 'JWT expired' }, 401, 401, 'invalid_token'],
    [{ code: '23505', message: 'duplicate key' }, 409, 409, 'conflict'],
    [{ code: '22P02', message: 'invalid input syntax for type uuid' }, 400, 400, 'validation_failed'],
    [{ code: '', message: 'TypeError: fetch failed' }, 0, 502, 'upstream_failed'],
  ])('maps %j (HTTP %i) to %i %s', (error, status, expectedStatus, code) => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const appError = fromPostgrest(error, status, 'create_invitation');
    expect(appError.status).toBe(expectedStatus);
    expect(appError.code).toBe(code);
  });

  it('uses the English details sentence as the message', () => {
    expect(fromPostgrest({ code: 'P0001', message: 'last_manager', details: 'An account needs at least one manager' }, 400, 'x').message).toBe(
      'An account needs at least one manager',
    );
  });
});
