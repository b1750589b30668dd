import { describe, expect, it } from 'vitest';
import { parseOrder } from './parse-order.ts';

describe('parseOrder', () => {
  it('reads directions and nulls placement as postgrest-js writes them', () => {
    expect(parseOrder('a.asc.nullslast,b.desc,c,d.nullsfirst,"e f".desc')).toEqual([
      { column: 'a', direction: 'asc', nulls: 'last' },
      { column: 'b', direction: 'desc' },
      { column: 'c' },
      { column: 'd', nulls: 'first' },
      { column: 'e f', direction: 'desc' },
    ]);
    expect(parseOrder(null)).toEqual([]);
  });

  it('refuses anything else with PGRST100 (no SQL through order)', () => {
    for (const input of ['a.up', 'a.asc.desc', 'a.asc;drop table t', ',a', 'a.desc.nullslast.x']) {
      expect(() => parseOrder(input)).toThrow(expect.objectContaining({ code: 'PGRST100', status: 400 }));
    }
  });

  it('takes anything before the first dot as a column name, to be checked against the catalog', () => {
    expect(parseOrder('a desc;drop table t')).toEqual([{ column: 'a desc;drop table t' }]);
  });
});
