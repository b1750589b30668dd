import { describe, expect, it } from 'vitest';
import { RestError } from './errors.ts';
import { parseSelect } from './parse-select.ts';

const ctx = { relation: 'clusters', schema: 'public' };
const fail = (input: string): RestError => {
  try {
    parseSelect(input, ctx);
  } catch (e) {
    return e as RestError;
  }
  throw new Error(`no error for ${input}`);
};

describe('parseSelect', () => {
  it('defaults to * when missing or empty', () => {
    expect(parseSelect(null, ctx)).toEqual([{ type: 'star' }]);
    expect(parseSelect('', ctx)).toEqual([{ type: 'star' }]);
  });

  it('reads columns, aliases, casts and quoted names', () => {
    expect(parseSelect('*,id,nr:cluster_number,created_at::text,n:name::text,"odd name"', ctx)).toEqual([
      { type: 'star' },
      { type: 'field', name: 'id' },
      { type: 'field', name: 'cluster_number', alias: 'nr' },
      { type: 'field', name: 'created_at', cast: 'text' },
      { type: 'field', name: 'name', alias: 'n', cast: 'text' },
      { type: 'field', name: 'odd name' },
    ]);
    expect(parseSelect('"a,b":id', ctx)).toEqual([{ type: 'field', name: 'id', alias: 'a,b' }]);
  });

  it('refuses embedding with PGRST200 naming both sides', () => {
    for (const input of ['id,accounts(*)', 'a:accounts(id)', 'accounts!inner(id)', '...accounts(id)']) {
      const e = fail(input);
      expect(e.code).toBe('PGRST200');
      expect(e.status).toBe(400);
      expect(e.message).toBe("Could not find a relationship between 'clusters' and 'accounts' in the schema cache");
    }
  });

  it('refuses aggregates with PGRST123', () => {
    expect(fail('count()').code).toBe('PGRST123');
    expect(fail('id.sum()').code).toBe('PGRST123');
  });

  it('refuses casts that are not plain type names (no SQL through the cast)', () => {
    for (const input of ['id::text;drop table x', 'id::text)', 'id::"text"', 'id::int4 or 1=1']) {
      expect(fail(input).code).toBe('PGRST100');
    }
    expect(parseSelect('tags::text[]', ctx)).toEqual([{ type: 'field', name: 'tags', cast: 'text[]' }]);
  });

  it('reports malformed input as PGRST100', () => {
    for (const input of ['id,', '"id', 'id)', ',id', 'a:']) expect(fail(input).code).toBe('PGRST100');
  });

  it('refuses JSON paths as not implemented', () => {
    expect(fail('data->>x').code).toBe('PGRST127');
  });
});
