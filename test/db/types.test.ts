// The committed database types (web and worker) are generated from the migrations: this regenerates them from
// the test database (built from supabase/migrations) in memory and fails while a committed file is stale.
import { afterAll, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { adminPool, closeAdminPool } from '../support/sql.ts';
import { generateTypes, TYPES_FILES } from '../../scripts/lib/gen-types.ts';

afterAll(closeAdminPool);

it.each(TYPES_FILES)('%s is up to date with supabase/migrations (else run `npm run gen:types`)', async (file) => {
  const fresh = await generateTypes(adminPool());
  expect(fresh).toContain('audit_log: {');
  const committed = readFileSync(join(import.meta.dirname, '..', '..', file), 'utf8');
  expect(committed === fresh, `${file} is stale: run \`npm run gen:types\` and commit the result`).toBe(true);
});
