import { describe, expect, it } from 'vitest';
import { contentRange, parseRange, readRangeStatus } from './range.ts';

describe('parseRange', () => {
  it('uses limit/offset, the Range header and max-rows together', () => {
    expect(parseRange(null, null, null)).toEqual({ offset: 0, limit: null });
    expect(parseRange('10', '5', null)).toEqual({ offset: 5, limit: 10 });
    expect(parseRange(null, null, '0-9')).toEqual({ offset: 0, limit: 10 });
    expect(parseRange(null, null, '5-')).toEqual({ offset: 5, limit: null });
    expect(parseRange('3', null, '0-9')).toEqual({ offset: 0, limit: 3 });
    expect(parseRange(null, null, null, 1000)).toEqual({ offset: 0, limit: 1000 });
    expect(parseRange('5000', '10', null, 1000)).toEqual({ offset: 10, limit: 1000 });
    expect(parseRange('0', null, null)).toEqual({ offset: 0, limit: 0 });
  });

  it('refuses bad numbers', () => {
    expect(() => parseRange('x', null, null)).toThrow(expect.objectContaining({ code: 'PGRST100' }));
    expect(() => parseRange('-1', null, null)).toThrow(expect.objectContaining({ code: 'PGRST103', status: 416 }));
    expect(() => parseRange(null, null, '9-2')).toThrow(expect.objectContaining({ code: 'PGRST103' }));
  });
});

describe('content range and status', () => {
  it('formats like PostgREST', () => {
    expect(contentRange(0, 9, 100)).toBe('0-9/100');
    expect(contentRange(0, 9, null)).toBe('0-9/*');
    expect(contentRange(0, -1, 0)).toBe('*/0');
    expect(contentRange(1, 0, null)).toBe('*/*');
    expect(contentRange(0, 2, 0)).toBe('*/0');
  });

  it('answers 206 for a partial page, 416 beyond the end, 200 otherwise', () => {
    expect(readRangeStatus(0, 3, 3)).toEqual({ status: 200, contentRange: '0-2/3' });
    expect(readRangeStatus(0, 2, 3)).toEqual({ status: 206, contentRange: '0-1/3' });
    expect(readRangeStatus(2, 1, 3)).toEqual({ status: 206, contentRange: '2-2/3' });
    expect(readRangeStatus(5, 0, 3).status).toBe(416);
    expect(readRangeStatus(0, 2, null)).toEqual({ status: 200, contentRange: '0-1/*' });
    expect(readRangeStatus(0, 0, 0)).toEqual({ status: 200, contentRange: '*/0' });
  });
});
