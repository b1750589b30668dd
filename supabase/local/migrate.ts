// Brings a local database to the state of a real Supabase project: platform bootstrap, then every migration
// not yet applied (recorded where the Supabase CLI records them), then optionally the seed.
import pg from 'pg';
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const supabaseDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const migrationsDir = join(supabaseDir, 'migrations');
export const seedFile = join(supabaseDir, 'seed.sql');
const bootstrapFile = join(supabaseDir, 'local', 'bootstrap.sql');

export interface MigrateOptions {
  connectionString: string;
  seed?: boolean;
  log?: (line: string) => void;
}

export function listMigrations(): { version: string; name: string; file: string }[] {
  return readdirSync(migrationsDir)
    .filter((f) => /^\d+_.+\.sql$/.test(f))
    .sort()
    .map((f) => {
      const [, version, name] = /^(\d+)_(.+)\.sql$/.exec(f)!;
      return { version, name, file: join(migrationsDir, f) };
    });
}

export async function migrate(opts: MigrateOptions): Promise<{ applied: string[] }> {
  const log = opts.log ?? (() => {});
  const client = new pg.Client({ connectionString: opts.connectionString });
  await client.connect();
  try {
    await client.query(readFileSync(bootstrapFile, 'utf8'));
    const done = new Set(
      (await client.query<{ version: string }>('select version from supabase_migrations.schema_migrations')).rows.map((r) => r.version),
    );
    const applied: string[] = [];
    for (const m of listMigrations()) {
      if (done.has(m.version)) continue;
      const sql = readFileSync(m.file, 'utf8');
      await client.query('begin');
      try {
        await client.query(sql);
        await client.query('insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)', [m.version, m.name, [sql]]);
        await client.query('commit');
      } catch (e) {
        await client.query('rollback');
        throw new Error(`migration ${m.version}_${m.name} failed: ${(e as Error).message}`);
      }
      applied.push(`${m.version}_${m.name}`);
      log(`applied migration ${m.version}_${m.name}`);
    }
    if (opts.seed) {
      await client.query(readFileSync(seedFile, 'utf8'));
      log('applied seed.sql');
    }
    return { applied };
  } finally {
    await client.end();
  }
}
