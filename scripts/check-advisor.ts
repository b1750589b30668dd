// `npm run check:advisor`: the project's security and performance advisor. Builds a throw-away database
// from the migrations (or uses DATABASE_URL, e.g. a real Supabase) and prints every check with its findings.
// Exits 1 when anything is found.
import pg from 'pg';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './lib/free-port.ts';
import { startPostgres } from '../supabase/local/postgres.ts';
import { migrate } from '../supabase/local/migrate.ts';
import { CHECKS } from './lib/advisor-checks.ts';

async function main() {
  let stop = async () => {};
  let url = process.env.DATABASE_URL;
  if (!url) {
    const pgHandle = await startPostgres({ dataDir: join(mkdtempSync(join(tmpdir(), 'ac-advisor-')), 'pg'), port: await freePort(), ephemeral: true });
    await migrate({ connectionString: pgHandle.connectionString });
    url = pgHandle.connectionString;
    stop = pgHandle.stop;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let total = 0;
  try {
    for (const [name, { sql, params = [] }] of Object.entries(CHECKS)) {
      const { rows } = await client.query(sql, params);
      const findings = rows.map((r) => String(Object.values(r)[0]));
      total += findings.length;
      console.log(`${findings.length === 0 ? 'ok  ' : 'FAIL'} ${String(findings.length).padStart(3)} finding(s)  ${name}`);
      for (const f of findings) console.log(`          - ${f}`);
    }
  } finally {
    await client.end();
    await stop();
  }
  console.log(total === 0 ? `\nAdvisor: ${Object.keys(CHECKS).length} checks, 0 findings.` : `\nAdvisor: ${total} finding(s).`);
  process.exit(total === 0 ? 0 : 1);
}

void main();
