// Small lexical helpers shared by the query-string parsers (select, filters, order, columns).

/** Splits on `sep` outside double quotes and parentheses; a backslash escapes the next char inside quotes. */
export function splitTopLevel(input: string, sep = ','): string[] | null {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (quoted) {
      if (ch === '\\') i++;
      else if (ch === '"') quoted = false;
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === '(') depth++;
    else if (ch === ')') {
      depth--;
      if (depth < 0) return null;
    } else if (ch === sep && depth === 0) {
      parts.push(input.slice(start, i));
      start = i + 1;
    }
  }
  if (quoted || depth !== 0) return null;
  parts.push(input.slice(start));
  return parts;
}

/** `"a\"b"` → `a"b`; anything not wholly quoted comes back unchanged. */
export function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    return value.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  return value;
}

/**
 * Reads a field name at `pos`: either `"quoted name"` or a run of characters that are not reserved in the
 * grammar (`,.:()!"` and `->`). Returns the name and the position after it, or null when there is none.
 */
export function readName(input: string, pos: number): { name: string; end: number } | null {
  if (input[pos] === '"') {
    const close = input.indexOf('"', pos + 1);
    if (close < 0 || close === pos + 1) return null;
    return { name: input.slice(pos + 1, close), end: close + 1 };
  }
  let end = pos;
  while (end < input.length && !',.:()!"'.includes(input[end]) && !input.startsWith('->', end)) end++;
  if (end === pos) return null;
  return { name: input.slice(pos, end), end };
}

/** Type names allowed in `col::type` casts: identifiers, optionally one `[]`. Emitted unquoted. */
export const CAST_TYPE = /^[A-Za-z_][A-Za-z0-9_]*(\[\])?$/;
