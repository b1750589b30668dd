// Horizontal filters: `col=[not.]op[(any|all)|(fts config)].value` and logic trees `or=(...)`, `and=(...)`,
// `not.or=(...)` with nesting, as postgrest-js writes them. Values stay strings; build-sql binds them.
import { RestError, notImplemented, parseError } from './errors.ts';
import { readName, splitTopLevel, unquote } from './tokens.ts';

export interface Condition {
  type: 'cond';
  column: string;
  negate: boolean;
  op: string;
  /** the raw value; for `in` see `list`, for `is` one of null|not_null|true|false|unknown */
  value: string;
  list?: string[];
  quantifier?: 'any' | 'all';
  /** text-search configuration of fts/plfts/phfts/wfts */
  config?: string;
}
export interface Logic {
  type: 'and' | 'or';
  negate: boolean;
  children: Filter[];
}
export type Filter = Condition | Logic;

/** Comparison operators and their SQL; `in`, `is` and the fts family are handled on their own. */
export const SQL_OPERATORS: Record<string, string> = {
  eq: '=',
  neq: '<>',
  gt: '>',
  gte: '>=',
  lt: '<',
  lte: '<=',
  like: 'like',
  ilike: 'ilike',
  match: '~',
  imatch: '~*',
  isdistinct: 'is distinct from',
  cs: '@>',
  cd: '<@',
  ov: '&&',
  sl: '<<',
  sr: '>>',
  nxr: '&<',
  nxl: '&>',
  adj: '-|-',
};
const QUANTIFIABLE = new Set(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'like', 'ilike', 'match', 'imatch']);
const FTS = new Set(['fts', 'plfts', 'phfts', 'wfts']);
const IS_VALUES = new Set(['null', 'not_null', 'true', 'false', 'unknown']);
const OPERATOR_LIST = 'eq, gt, ...';

/** Items of `in.(a,"b,c")`; null when the list is malformed. */
export function parseInList(raw: string): string[] | null {
  if (!raw.startsWith('(') || !raw.endsWith(')')) return null;
  const inner = raw.slice(1, -1);
  if (inner === '') return [];
  const parts = splitTopLevel(inner);
  if (!parts) return null;
  return parts.map(unquote);
}

/** Parses `[not.]op.value` for `column`. `inLogic` strips double quotes around a value, as in logic trees. */
export function parseOperation(column: string, expr: string, inLogic = false, whole = expr): Condition {
  let rest = expr;
  let negate = false;
  if (rest.startsWith('not.')) {
    negate = true;
    rest = rest.slice(4);
  }
  const m = /^([a-z]+)(?:\((any|all)\)|\(([A-Za-z0-9_]+)\))?\./.exec(rest);
  const op = m?.[1];
  if (!m || !op || !(op in SQL_OPERATORS || op === 'in' || op === 'is' || FTS.has(op))) {
    throw parseError('filter', whole, `unexpected "${rest.slice(0, 1)}" expecting "not" or operator (${OPERATOR_LIST})`);
  }
  if (m[2] && !QUANTIFIABLE.has(op)) throw parseError('filter', whole, `operator ${op} does not take a quantifier`);
  if (m[3] && !FTS.has(op)) throw parseError('filter', whole, `operator ${op} does not take a configuration`);
  const raw = rest.slice(m[0].length);
  const cond: Condition = { type: 'cond', column, negate, op, value: raw };
  if (m[2]) cond.quantifier = m[2] as 'any' | 'all';
  if (m[3]) cond.config = m[3];
  if (op === 'in') {
    const list = parseInList(raw);
    if (!list) throw parseError('filter', whole, 'expecting a parenthesised list: in.(a,b,"c,d")');
    cond.list = list;
  } else if (op === 'is') {
    const v = raw.toLowerCase();
    if (!IS_VALUES.has(v)) throw parseError('filter', whole, `unexpected "${raw}" expecting null, not_null, true, false or unknown`);
    cond.value = v;
  } else if (inLogic) {
    cond.value = unquote(raw);
  }
  return cond;
}

function checkColumnKey(column: string, whole: string): void {
  if (column.includes('->')) throw notImplemented('JSON paths (->, ->>) in filters are not supported by the local REST stand-in');
  if (column === '') throw parseError('filter', whole, 'empty column name');
}

/** Parses the body of a logic tree, `(a.eq.1,and(b.gt.2,c.is.null))`. */
export function parseLogicBody(type: 'and' | 'or', negate: boolean, raw: string): Logic {
  if (!raw.startsWith('(') || !raw.endsWith(')')) throw parseError('logic tree', raw, 'expecting "("');
  const parts = splitTopLevel(raw.slice(1, -1));
  if (!parts || parts.length === 0 || parts.includes('')) throw parseError('logic tree', raw, 'unbalanced or empty logic tree');
  const children = parts.map((part): Filter => {
    const nested = /^(not\.)?(and|or)\(/.exec(part);
    if (nested) return parseLogicBody(nested[2] as 'and' | 'or', !!nested[1], part.slice(nested[0].length - 1));
    const name = readName(part, 0);
    if (!name || part[name.end] !== '.') {
      if (part.includes('->')) checkColumnKey('->', raw);
      throw parseError('logic tree', raw, `unexpected "${part}" expecting field.operator.value`);
    }
    return parseOperation(name.name, part.slice(name.end + 1), true, raw);
  });
  return { type, negate, children };
}

/** Query keys that are not filters. */
export const RESERVED_PARAMS = new Set(['select', 'order', 'limit', 'offset', 'columns', 'on_conflict']);

/**
 * Turns the non-reserved query parameters into filters. Keys with a dot other than `not.or`/`not.and` refer to
 * embedded resources, which the stand-in does not have: PostgREST answers those with PGRST108.
 */
export function parseFilters(params: [string, string][], skip: (key: string) => boolean = () => false): Filter[] {
  const out: Filter[] = [];
  for (const [key, value] of params) {
    if (RESERVED_PARAMS.has(key) || skip(key)) continue;
    const logic = /^(not\.)?(and|or)$/.exec(key);
    if (logic) {
      out.push(parseLogicBody(logic[2] as 'and' | 'or', !!logic[1], value));
      continue;
    }
    const dot = key.indexOf('.');
    if (dot > 0 && !key.startsWith('"')) {
      const resource = key.slice(0, dot);
      throw new RestError(400, 'PGRST108', `'${resource}' is not an embedded resource in this request`, null, `Verify that '${resource}' is included in the 'select' query parameter.`);
    }
    const column = unquote(key);
    checkColumnKey(column, value);
    out.push(parseOperation(column, value));
  }
  return out;
}

/** Every column a filter tree names, to check them against the catalog. */
export function filterColumns(filters: Filter[]): string[] {
  return filters.flatMap((f) => (f.type === 'cond' ? [f.column] : filterColumns(f.children)));
}
