import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { RestError, errorResponse, statusForSqlState, toRestError } from './errors.ts';

function dbError(code: string, message: string, detail?: string): pg.DatabaseError {
  const e = new pg.DatabaseError(message, 0, 'error');
  e.code = code;
  e.detail = detail;
  return e;
}

describe('statusForSqlState (B5)', () => {
  it.each([
    ['08006', 503], ['09000', 500], ['0L000', 403], ['0P000', 403], ['23503', 409], ['23505', 409], ['25006', 405],
    ['25P02', 500], ['28000', 403], ['2D000', 500], ['38000', 500], ['39000', 500], ['3B000', 500], ['40001', 500],
    ['53400', 500], ['53100', 503], ['54000', 500], ['55000', 500], ['57P01', 503], ['57014', 500], ['58000', 500],
    ['F0000', 500], ['HV000', 500], ['P0001', 400], ['P0002', 500], ['XX000', 500], ['42883', 404], ['42P01', 404],
    ['42P17', 500], ['22P02', 400], ['23502', 400], ['42703', 400], ['42601', 400], ['PT404', 404], ['PT409', 409],
    ['PTabc', 500], ['PT999', 500],
  ])('%s → %i', (code, status) => {
    expect(statusForSqlState(code, 'x', true)).toBe(status);
  });

  it('42501 is 401 for anon and 403 for a signed-in role', () => {
    expect(statusForSqlState('42501', 'permission denied for table t', false)).toBe(401);
    expect(statusForSqlState('42501', 'permission denied for table t', true)).toBe(403);
  });

  it('special cases: unknown role → 401, safeupdate → 400', () => {
    expect(statusForSqlState('22023', 'role "ghost" does not exist', true)).toBe(401);
    expect(statusForSqlState('22023', 'invalid value', true)).toBe(400);
    expect(statusForSqlState('21000', 'DELETE requires a WHERE clause', true)).toBe(400);
    expect(statusForSqlState('21000', 'more than one row returned by a subquery used as an expression', true)).toBe(500);
  });
});

describe('toRestError / errorResponse', () => {
  it('keeps message, detail and hint of a database error', () => {
    const e = toRestError(dbError('P0001', 'last_manager', 'An account needs a manager.'), true);
    expect(e.body()).toEqual({ code: 'P0001', details: 'An account needs a manager.', hint: null, message: 'last_manager' });
    expect(e.status).toBe(400);
  });

  it('honours RAISE SQLSTATE PGRST with JSON message and detail', () => {
    const e = toRestError(dbError('PGRST', '{"code":"123","message":"custom","hint":"h"}', '{"status":418,"headers":{"X-A":"b"}}'), true);
    expect(e.status).toBe(418);
    expect(e.body()).toEqual({ code: '123', details: null, hint: 'h', message: 'custom' });
    expect(e.headers).toEqual({ 'X-A': 'b' });
    expect(toRestError(dbError('PGRST', 'not json'), true).code).toBe('PGRST121');
  });

  it('hides unexpected errors behind a generic 500 without a stack', async () => {
    const e = toRestError(new TypeError('secret internals at foo.ts:12'), true);
    expect(e.status).toBe(500);
    const res = errorResponse(e);
    const text = await res.text();
    expect(text).not.toContain('secret');
    expect(JSON.parse(text)).toEqual({ code: 'PGRSTX00', details: null, hint: null, message: 'Internal server error' });
  });

  it('sets Content-Type and Proxy-Status', () => {
    const res = errorResponse(new RestError(406, 'PGRST116', 'Cannot coerce the result to a single JSON object', 'The result contains 0 rows'));
    expect(res.status).toBe(406);
    expect(res.headers.get('proxy-status')).toBe('PostgREST; error=PGRST116');
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });
});
