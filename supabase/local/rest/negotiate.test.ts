import { describe, expect, it } from 'vitest';
import { negotiateMedia, negotiateSchema, stripNulls } from './negotiate.ts';

describe('negotiateMedia', () => {
  it('gives arrays by default and one object for vnd.pgrst.object+json', () => {
    expect(negotiateMedia(null).singular).toBe(false);
    expect(negotiateMedia('*/*').singular).toBe(false);
    expect(negotiateMedia('application/json').singular).toBe(false);
    expect(negotiateMedia('application/vnd.pgrst.object+json').singular).toBe(true);
    expect(negotiateMedia('application/vnd.pgrst.object+json;nulls=stripped')).toMatchObject({ singular: true, stripNulls: true });
    expect(negotiateMedia('application/vnd.pgrst.array+json;nulls=stripped')).toMatchObject({ singular: false, stripNulls: true });
  });

  it('refuses media types it cannot produce with 406 PGRST107', () => {
    expect(() => negotiateMedia('text/csv')).toThrow(expect.objectContaining({ status: 406, code: 'PGRST107' }));
  });
});

describe('negotiateSchema', () => {
  const schemas = ['public', 'api'];
  it('reads Accept-Profile for reads and Content-Profile for writes', () => {
    expect(negotiateSchema('GET', new Headers({ 'Accept-Profile': 'api' }), schemas)).toBe('api');
    expect(negotiateSchema('POST', new Headers({ 'Content-Profile': 'api' }), schemas)).toBe('api');
    expect(negotiateSchema('POST', new Headers({ 'Accept-Profile': 'api' }), schemas)).toBe('public');
    expect(negotiateSchema('HEAD', new Headers(), schemas)).toBe('public');
  });

  it('refuses other schemas with 406 PGRST106 and the v13 message', () => {
    try {
      negotiateSchema('GET', new Headers({ 'Accept-Profile': 'auth' }), ['public']);
      throw new Error('no error');
    } catch (e) {
      expect(e).toMatchObject({ status: 406, code: 'PGRST106', message: 'Invalid schema: auth', hint: 'Only the following schemas are exposed: public' });
    }
  });
});

describe('stripNulls', () => {
  it('drops null members recursively', () => {
    expect(stripNulls([{ a: 1, b: null, c: { d: null, e: 2 } }])).toEqual([{ a: 1, c: { e: 2 } }]);
  });
});
