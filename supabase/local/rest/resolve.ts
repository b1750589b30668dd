// Looks names from the request up in the schema cache and answers misses with PostgREST's errors.
// A miss is a `CatalogMiss`, which tells app.ts to reload the cache once and try again.
import { RestError } from './errors.ts';
import { closestName } from './catalog.ts';
import type { CatalogSnapshot, Column, Relation, Routine } from './catalog.ts';

export class CatalogMiss extends RestError {}

export function findRelation(snap: CatalogSnapshot, schema: string, name: string): Relation {
  const inSchema = snap.relations.get(schema);
  const rel = inSchema?.get(name);
  if (rel) return rel;
  const near = closestName(name, inSchema?.keys() ?? []);
  throw new CatalogMiss(
    404,
    'PGRST205',
    `Could not find the table '${schema}.${name}' in the schema cache`,
    null,
    near ? `Perhaps you meant the table '${schema}.${near}'` : null,
  );
}

/** A column named in select, filters or order: unknown → the error Postgres gives for it (42703, 400). */
export function checkColumn(columns: Map<string, Column>, relationName: string, column: string): Column {
  const col = columns.get(column);
  if (col) return col;
  const near = closestName(column, columns.keys());
  throw new CatalogMiss(
    400,
    '42703',
    `column ${relationName}.${column} does not exist`,
    null,
    near ? `Perhaps you meant to reference the column "${relationName}.${near}".` : null,
  );
}

/** A key of a write payload (or the `columns` parameter) that is not a column → PGRST204. */
export function checkBodyColumn(rel: Relation, column: string): Column {
  const col = rel.columns.get(column);
  if (col) return col;
  throw new CatalogMiss(400, 'PGRST204', `Could not find the '${column}' column of '${rel.name}' in the schema cache`);
}

export interface RoutineCall {
  routine: Routine;
  /** the whole JSON body goes to a single unnamed json/jsonb parameter */
  singleJson: boolean;
}

/** Every parameter name of any overload of `name`; used to tell GET arguments from filters. */
export function routineParamNames(snap: CatalogSnapshot, schema: string, name: string): Set<string> {
  return new Set((snap.routines.get(schema)?.get(name) ?? []).flatMap((r) => r.params.map((p) => p.name)));
}

/** Picks the overload whose parameters accept exactly these argument names (PostgREST's rule). */
export function findRoutine(snap: CatalogSnapshot, schema: string, name: string, keys: string[], jsonBody: boolean): RoutineCall {
  const overloads = snap.routines.get(schema)?.get(name) ?? [];
  const matches = overloads.filter((r) => {
    if (r.params.some((p) => p.name === '')) return false;
    const names = new Set(r.params.map((p) => p.name));
    return keys.every((k) => names.has(k)) && r.params.every((p) => p.hasDefault || keys.includes(p.name));
  });
  if (matches.length === 1) return { routine: matches[0], singleJson: false };
  if (matches.length > 1) {
    const list = matches.map((r) => `${r.schema}.${r.name}(${r.params.map((p) => `${p.name} => ${p.type}`).join(', ')})`).join(', ');
    throw new RestError(300, 'PGRST203', `Could not choose the best candidate function between: ${list}`, null, 'Try renaming the parameters or the function itself in the database so function overloading can be resolved');
  }
  if (jsonBody) {
    const single = overloads.find((r) => r.params.length === 1 && r.params[0].name === '' && (r.params[0].type === 'json' || r.params[0].type === 'jsonb'));
    if (single) return { routine: single, singleJson: true };
  }
  const sorted = [...keys].sort();
  const func = `${schema}.${name}`;
  const withParams = sorted.length === 0 ? ' without parameters' : ` with parameter${sorted.length > 1 ? 's' : ''} ${sorted.join(', ')}`;
  const near = overloads.length === 0 ? closestName(name, snap.routines.get(schema)?.keys() ?? []) : null;
  throw new CatalogMiss(
    404,
    'PGRST202',
    `Could not find the function ${func}${sorted.length === 0 ? ' without parameters' : `(${sorted.join(', ')})`} in the schema cache`,
    `Searched for the function ${func}${withParams}${jsonBody ? ' or with a single unnamed json/jsonb parameter' : ''}, but no matches were found in the schema cache.`,
    near ? `Perhaps you meant to call the function ${schema}.${near}` : null,
  );
}
