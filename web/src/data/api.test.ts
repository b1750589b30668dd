import { describe, expect, it } from 'vitest';
import { readWorkerResponse } from './api';
import { AppError } from './errors';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('readWorkerResponse', () => {
  it('returns the body of a success', async () => {
    await expect(readWorkerResponse(json(201, { invitation: { id: '1' } }))).resolves.toEqual({ invitation: { id: '1' } });
  });
  it('throws the Worker error code', async () => {
    await expect(readWorkerResponse(json(403, { error: { code: 'not_allowed', message: 'no' } }))).rejects.toMatchObject({ code: 'not_allowed' });
    await expect(readWorkerResponse(json(502, { error: { code: 'mail_failed', message: 'x' } }))).rejects.toBeInstanceOf(AppError);
  });
  it('copes with a body that is not JSON', async () => {
    await expect(readWorkerResponse(new Response('<html>', { status: 500 }))).rejects.toMatchObject({ code: 'unknown' });
    await expect(readWorkerResponse(new Response('', { status: 403 }))).rejects.toMatchObject({ code: 'not_allowed' });
  });
});
