import { describe, expect, it } from 'vitest';
import type { CatalogSnapshot, Routine } from './catalog.ts';
import { closestName } from './catalog.ts';
import { CatalogMiss, findRelation, findRoutine } from './resolve.ts';

const routine = (name: string, params: [string, boolean][], type = 'text'): Routine => ({
  schema: 'public',
  name,
  params: params.map(([n, d]) => ({ name: n, type, hasDefault: d })),
  volatility: 'volatile',
  returnsSet: false,
  returns: 'scalar',
  returnType: 'text',
  columns: new Map(),
});

const snap: CatalogSnapshot = {
  relations: new Map([['public', new Map([['clusters', { schema: 'public', name: 'clusters', kind: 'table', columns: new Map(), primaryKey: [] }]])]]),
  routines: new Map([
    [
      'public',
      new Map([
        ['get_invitation', [routine('get_invitation', [['p_token', false]])]],
        ['opt', [routine('opt', [['a', false], ['b', true]])]],
        ['whole', [routine('whole', [['', false]], 'jsonb')]],
      ]),
    ],
  ]),
};

describe('findRelation', () => {
  it('answers an unknown table with PGRST205 and a hint', () => {
    expect(() => findRelation(snap, 'public', 'cluster')).toThrow(CatalogMiss);
    try {
      findRelation(snap, 'public', 'cluster');
    } catch (e) {
      expect(e).toMatchObject({ status: 404, code: 'PGRST205', message: "Could not find the table 'public.cluster' in the schema cache", hint: "Perhaps you meant the table 'public.clusters'" });
    }
  });
});

describe('findRoutine', () => {
  it('matches argument names, allowing omitted defaults', () => {
    expect(findRoutine(snap, 'public', 'get_invitation', ['p_token'], true).routine.name).toBe('get_invitation');
    expect(findRoutine(snap, 'public', 'opt', ['a'], true).routine.name).toBe('opt');
    expect(findRoutine(snap, 'public', 'whole', ['x', 'y'], true)).toMatchObject({ singleJson: true });
  });

  it('answers a wrong argument set or an unknown function with PGRST202', () => {
    try {
      findRoutine(snap, 'public', 'get_invitation', ['token', 'extra'], true);
      throw new Error('no error');
    } catch (e) {
      expect(e).toMatchObject({
        status: 404,
        code: 'PGRST202',
        message: 'Could not find the function public.get_invitation(extra, token) in the schema cache',
        details: 'Searched for the function public.get_invitation with parameters extra, token or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.',
      });
    }
    expect(() => findRoutine(snap, 'public', 'nope', [], true)).toThrow(expect.objectContaining({ message: 'Could not find the function public.nope without parameters in the schema cache' }));
  });
});

describe('closestName', () => {
  it('suggests only close names', () => {
    expect(closestName('profile', ['profiles', 'clusters'])).toBe('profiles');
    expect(closestName('xyz', ['profiles'])).toBeNull();
  });
});
