import { describe, expect, it } from 'vitest';
import { parsePrefer } from './prefer.ts';

describe('parsePrefer', () => {
  it('reads the preferences postgrest-js appends', () => {
    expect(parsePrefer('return=representation, count=exact')).toMatchObject({ return: 'representation', count: 'exact' });
    expect(parsePrefer('handling=strict, max-affected=3')).toMatchObject({ handling: 'strict', maxAffected: 3 });
    expect(parsePrefer(null)).toEqual({ applied: [] });
  });

  it('ignores unknown preferences unless handling=strict', () => {
    expect(parsePrefer('return=everything, foo')).toEqual({ applied: [] });
    expect(() => parsePrefer('handling=strict, foo=bar')).toThrow(expect.objectContaining({ code: 'PGRST122', status: 400 }));
  });
});
