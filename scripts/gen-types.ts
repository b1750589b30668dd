// `npm run gen:types`: regenerates the database types of web and worker (TYPES_FILES) from a throw-away
// database built from supabase/migrations (or DATABASE_URL when set, e.g. a real Supabase project).
// Run it after every migration; test/db/types.test.ts fails while the committed files are stale.
import pg from 'pg';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './lib/free-port.ts';
import { startPostgres } from '../supabase/local/postgres.ts';
import { migrate } from '../supabase/local/migrate.ts';
import { generateTypes, TYPES_FILES } from './lib/gen-types.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

async function main() {
  let stop = async () => {};
  let url = process.env.DATABASE_URL;
  if (!url) {
    const handle = await startPostgres({ dataDir: join(mkdtempSync(join(tmpdir(), 'ac-gen-types-')), 'pg'), port: await freePort(), ephemeral: true });
    stop = handle.stop;
    await migrate({ connectionString: handle.connectionString });
    url = handle.connectionString;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const text = await generateTypes(client);
    for (const file of TYPES_FILES) {
      writeFileSync(join(root, file), text);
      console.log(`wrote ${file}`);
    }
  } finally {
    await client.end();
    await stop();
  }
}

void main();
