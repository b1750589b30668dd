// `order=a.asc.nullslast,b.desc,"c d".nullsfirst` as postgrest-js writes it.
import { notImplemented, parseError } from './errors.ts';
import { readName, splitTopLevel } from './tokens.ts';

export interface OrderTerm {
  column: string;
  direction?: 'asc' | 'desc';
  nulls?: 'first' | 'last';
}

export function parseOrder(input: string | null | undefined): OrderTerm[] {
  if (input == null || input === '') return [];
  const parts = splitTopLevel(input);
  if (!parts) throw parseError('order', input, 'unbalanced quotes');
  return parts.map((part) => {
    const name = readName(part, 0);
    if (!name) throw parseError('order', input, `unexpected "${part.slice(0, 1)}" expecting field name`);
    if (part.startsWith('->', name.end)) throw notImplemented('JSON paths (->, ->>) in order are not supported by the local REST stand-in');
    const term: OrderTerm = { column: name.name };
    const mods = part.slice(name.end);
    if (mods === '') return term;
    if (!mods.startsWith('.')) throw parseError('order', input, `unexpected "${mods}" after ${name.name}`);
    const words = mods.slice(1).split('.');
    let i = 0;
    if (words[i] === 'asc' || words[i] === 'desc') term.direction = words[i++] as 'asc' | 'desc';
    if (words[i] === 'nullsfirst' || words[i] === 'nullslast') term.nulls = words[i++] === 'nullsfirst' ? 'first' : 'last';
    if (i !== words.length) throw parseError('order', input, `unexpected "${words[i]}" expecting "asc", "desc", "nullsfirst" or "nullslast"`);
    return term;
  });
}
