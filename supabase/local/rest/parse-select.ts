// The `select` query parameter: `*`, `col`, `alias:col`, `col::type`, `alias:col::type`, quoted names.
// Resource embedding (`rel(...)`, `rel!hint(...)`, `...rel(...)`) and aggregates are recognised and refused
// with PostgREST's own errors, because the stand-in has no relationship cache.
import { RestError, notImplemented, parseError } from './errors.ts';
import { CAST_TYPE, readName, splitTopLevel } from './tokens.ts';

export type SelectItem = { type: 'star' } | { type: 'field'; name: string; alias?: string; cast?: string };

export interface SelectContext {
  /** `schema.relation` being read, for PGRST200's message */
  relation: string;
  schema: string;
}

const AGGREGATES = new Set(['count', 'sum', 'avg', 'max', 'min']);

function noRelationship(ctx: SelectContext, target: string): RestError {
  return new RestError(
    400,
    'PGRST200',
    `Could not find a relationship between '${ctx.relation}' and '${target}' in the schema cache`,
    `Searched for a foreign key relationship between '${ctx.relation}' and '${target}' in the schema '${ctx.schema}', but no matches were found.`,
  );
}

function parseItem(raw: string, whole: string, ctx: SelectContext): SelectItem {
  if (raw === '*') return { type: 'star' };
  if (raw === '') throw parseError('select', whole, 'unexpected empty field in select');
  if (raw.startsWith('...')) throw noRelationship(ctx, readName(raw, 3)?.name ?? raw.slice(3));
  if (raw === 'count()') throw new RestError(400, 'PGRST123', 'Use of aggregate functions is not allowed');

  let pos = 0;
  let first = readName(raw, pos);
  if (!first) throw parseError('select', whole, `unexpected "${raw[pos] ?? ''}" expecting field name (* or [a..z0..9_$])`);
  pos = first.end;
  let alias: string | undefined;
  if (raw[pos] === ':' && raw[pos + 1] !== ':') {
    alias = first.name;
    const second = readName(raw, pos + 1);
    if (!second) throw parseError('select', whole, `unexpected "${raw[pos + 1] ?? ''}" expecting field name`);
    first = second;
    pos = second.end;
  }
  const name = first.name;
  if (raw[pos] === '(' || raw[pos] === '!') throw noRelationship(ctx, name);
  if (raw.startsWith('->', pos)) throw notImplemented('JSON paths (->, ->>) in select are not supported by the local REST stand-in');
  if (raw[pos] === '.') {
    const fn = raw.slice(pos + 1).replace(/\(\).*$/, '');
    if (AGGREGATES.has(fn)) throw new RestError(400, 'PGRST123', 'Use of aggregate functions is not allowed');
    throw parseError('select', whole, `unexpected "." in field ${name}`);
  }
  let cast: string | undefined;
  if (raw.startsWith('::', pos)) {
    cast = raw.slice(pos + 2);
    if (!CAST_TYPE.test(cast)) throw parseError('select', whole, `unexpected cast type "${cast}"`);
    pos = raw.length;
  }
  if (pos !== raw.length) throw parseError('select', whole, `unexpected "${raw.slice(pos)}" after field ${name}`);
  const item: SelectItem = { type: 'field', name };
  if (alias !== undefined) item.alias = alias;
  if (cast !== undefined) item.cast = cast;
  return item;
}

/** Parses `select`; a missing or empty parameter means `*` (postgrest-js always sends one). */
export function parseSelect(input: string | null | undefined, ctx: SelectContext): SelectItem[] {
  if (input == null || input === '') return [{ type: 'star' }];
  const parts = splitTopLevel(input);
  if (!parts) throw parseError('select', input, 'unbalanced quotes or parentheses');
  return parts.map((p) => parseItem(p, input, ctx));
}
