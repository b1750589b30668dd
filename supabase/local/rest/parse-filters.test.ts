import { describe, expect, it } from 'vitest';
import { RestError } from './errors.ts';
import { filterColumns, parseFilters, parseInList, parseOperation } from './parse-filters.ts';

const fail = (fn: () => unknown): RestError => {
  try {
    fn();
  } catch (e) {
    return e as RestError;
  }
  throw new Error('no error');
};

describe('parseOperation', () => {
  it('reads every comparison operator, keeping the value verbatim', () => {
    for (const op of ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'like', 'ilike', 'match', 'imatch', 'isdistinct', 'cs', 'cd', 'ov']) {
      expect(parseOperation('a', `${op}.x.y,z`)).toEqual({ type: 'cond', column: 'a', negate: false, op, value: 'x.y,z' });
    }
    expect(parseOperation('a', 'eq.')).toMatchObject({ op: 'eq', value: '' });
    expect(parseOperation('a', 'eq."quoted"').value).toBe('"quoted"');
  });

  it('reads not., in lists, is values, quantifiers and fts configs', () => {
    expect(parseOperation('a', 'not.eq.1')).toMatchObject({ negate: true, op: 'eq', value: '1' });
    expect(parseOperation('a', 'in.(1,"b,c",d)').list).toEqual(['1', 'b,c', 'd']);
    expect(parseOperation('a', 'not.in.()').list).toEqual([]);
    expect(parseOperation('a', 'is.NULL').value).toBe('null');
    expect(parseOperation('a', 'is.not_null').value).toBe('not_null');
    expect(parseOperation('a', 'like(any).{a*,b*}')).toMatchObject({ op: 'like', quantifier: 'any', value: '{a*,b*}' });
    expect(parseOperation('a', 'wfts(english).cat dog')).toMatchObject({ op: 'wfts', config: 'english', value: 'cat dog' });
  });

  it('refuses unknown operators, bad is values and malformed lists with PGRST100', () => {
    for (const expr of ['5', 'equals.5', 'eq', 'is.maybe', 'in.1,2', 'in.(1,"2)', 'cs(any).x', 'eq(english).x']) {
      const e = fail(() => parseOperation('a', expr));
      expect(e.code).toBe('PGRST100');
      expect(e.status).toBe(400);
      expect(e.message).toContain('failed to parse filter');
    }
  });
});

describe('parseInList', () => {
  it('unquotes values and keeps escaped quotes', () => {
    expect(parseInList('("a\\"b",c)')).toEqual(['a"b', 'c']);
    expect(parseInList('x')).toBeNull();
  });
});

describe('parseFilters', () => {
  it('skips reserved parameters and and-s the rest in order', () => {
    const filters = parseFilters([
      ['select', 'id'],
      ['order', 'id'],
      ['limit', '1'],
      ['offset', '1'],
      ['columns', '"a"'],
      ['a', 'eq.1'],
      ['b', 'is.true'],
    ]);
    expect(filters.map((f) => (f.type === 'cond' ? f.column : f.type))).toEqual(['a', 'b']);
  });

  it('parses nested logic trees with quoted values', () => {
    const [tree] = parseFilters([['or', '(a.eq.1,and(b.gt.2,c.is.null),not.and(d.in.(1,2),e.eq."x,y"))']]);
    expect(tree).toEqual({
      type: 'or',
      negate: false,
      children: [
        { type: 'cond', column: 'a', negate: false, op: 'eq', value: '1' },
        {
          type: 'and',
          negate: false,
          children: [
            { type: 'cond', column: 'b', negate: false, op: 'gt', value: '2' },
            { type: 'cond', column: 'c', negate: false, op: 'is', value: 'null' },
          ],
        },
        {
          type: 'and',
          negate: true,
          children: [
            { type: 'cond', column: 'd', negate: false, op: 'in', value: '(1,2)', list: ['1', '2'] },
            { type: 'cond', column: 'e', negate: false, op: 'eq', value: 'x,y' },
          ],
        },
      ],
    });
    expect(filterColumns([tree])).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(parseFilters([['not.or', '(a.eq.1,a.eq.2)']])[0]).toMatchObject({ type: 'or', negate: true });
  });

  it('refuses broken logic trees with PGRST100', () => {
    for (const v of ['a.eq.1', '(a.eq.1', '(a.eq.1,)', '()', '(a)', '(a.zz.1)']) {
      expect(fail(() => parseFilters([['or', v]])).code).toBe('PGRST100');
    }
  });

  it('answers embedded-resource filters with PGRST108', () => {
    const e = fail(() => parseFilters([['accounts.name', 'eq.x']]));
    expect(e.code).toBe('PGRST108');
    expect(e.message).toBe("'accounts' is not an embedded resource in this request");
  });
});
