// The `Prefer` request header (PostgREST preferences.rst). postgrest-js appends, so values arrive joined by ", ".
import { RestError } from './errors.ts';

export interface Preferences {
  return?: 'minimal' | 'headers-only' | 'representation';
  count?: 'exact' | 'planned' | 'estimated';
  resolution?: 'merge-duplicates' | 'ignore-duplicates';
  missing?: 'default' | 'null';
  tx?: 'commit' | 'rollback';
  handling?: 'lenient' | 'strict';
  maxAffected?: number;
  /** preferences that were understood, in the canonical `k=v` form, for `Preference-Applied` */
  applied: string[];
}

const ALLOWED: Record<string, string[]> = {
  return: ['minimal', 'headers-only', 'representation'],
  count: ['exact', 'planned', 'estimated'],
  resolution: ['merge-duplicates', 'ignore-duplicates'],
  missing: ['default', 'null'],
  tx: ['commit', 'rollback'],
  handling: ['lenient', 'strict'],
};

export function parsePrefer(header: string | null | undefined): Preferences {
  const prefs: Preferences = { applied: [] };
  const invalid: string[] = [];
  for (const raw of (header ?? '').split(',')) {
    const item = raw.trim();
    if (item === '') continue;
    const [k, v = ''] = item.split('=', 2).map((s) => s.trim());
    if (k === 'max-affected' && /^\d+$/.test(v)) {
      prefs.maxAffected = Number(v);
    } else if (k in ALLOWED && ALLOWED[k].includes(v)) {
      (prefs as unknown as Record<string, string>)[k] = v;
    } else {
      invalid.push(item);
    }
  }
  if (prefs.handling === 'strict' && invalid.length > 0) {
    throw new RestError(400, 'PGRST122', 'Invalid preferences given with handling=strict', `Invalid preferences: ${invalid.join(', ')}`);
  }
  return prefs;
}
