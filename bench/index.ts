// `npm run bench` (full scale) or `npm run bench -- --small` (a quick run in seconds).
// Optional: --skip-db, --skip-bundle, --skip-worker, --iterations N.
// Exit code 1 when a plan scans a large table sequentially or a part of the benchmark fails.
import { bundleReport } from './bundle.ts';
import { runDatabaseBench, type QueryResult } from './database.ts';
import { connect, startBenchDb } from './db.ts';
import { LARGE_TABLE_ROWS } from './measure.ts';
import { invoiceShape } from './queries.ts';
import { startRest } from './rest.ts';
import { FULL, personas, seed, SMALL, tableExists } from './seed.ts';
import { workerReport } from './worker.ts';

const TARGET = { rlsRatio: 1.2, rlsP50: 3, restRatio: 2 };

const args = process.argv.slice(2);
const small = args.includes('--small');
const flag = (name: string) => args.includes(name);
const iterArg = args.indexOf('--iterations');
const iterations = iterArg >= 0 ? Number(args[iterArg + 1]) : small ? 50 : 200;
const log = (line = '') => console.log(line);
const ms = (n: number) => n.toFixed(2).padStart(6);
const mark = (ok: boolean) => (ok ? 'met' : 'MISSED');

async function database(): Promise<boolean> {
  const size = small ? SMALL : FULL;
  log(`== Database (${small ? 'SMALL' : 'FULL'} scale) ==`);
  const db = await startBenchDb(log);
  const rest = await startRest(db.authenticatorUrl);
  const su = await connect(db.url);
  const explainDb = await connect(db.url);
  try {
    log(
      `seeding ${size.accounts.toLocaleString('en')} customer accounts, ${size.clusters.toLocaleString('en')} clusters, ` +
        `${size.adminAssignments.toLocaleString('en')} administrator assignments, ${size.managers.toLocaleString('en')} managers, ` +
        `invoices for ${size.invoiceMonths} months:`,
    );
    const seeded = await seed(su, size, log);
    const hasInvoices = await tableExists(su, 'public.invoices');
    log(`seeded in ${(seeded.ms / 1000).toFixed(1)} s${seeded.invoices === null ? '' : `, ${seeded.invoices.toLocaleString('en')} invoices`}`);
    const invoices = hasInvoices && seeded.invoices !== null ? await invoiceShape(su) : null;

    const results = await runDatabaseBench(su, explainDb, rest, personas(), invoices, { iterations, warmup: Math.ceil(iterations / 5) });
    printTable(results, small);
    if (!invoices) log(`invoices: skipped: ${hasInvoices ? 'the seed does not fit the invoices table (see above)' : 'no invoices table'}`);
    return printPlans(results);
  } finally {
    await su.end();
    await explainDb.end();
    await rest.stop();
    await db.stop();
  }
}

function printTable(results: QueryResult[], quick: boolean) {
  log();
  log(`Times in ms, p50 / p95 of ${iterations} runs each, same run. (a) authenticated under RLS, (b) service_role with a`);
  log(`hand-written filter, (c) supabase-js -> REST stand-in (in-process app.fetch, no TCP) -> Postgres.`);
  log(`Targets: a/b <= ${TARGET.rlsRatio} and (a) p50 <= ${TARGET.rlsP50} ms${quick ? ' (at full scale; this is the quick run)' : ''}; c/a <= ${TARGET.restRatio}.`);
  log();
  const head = `${'persona'.padEnd(28)} ${'query'.padEnd(34)} ${'rows'.padStart(5)}  ${'(a) RLS'.padEnd(15)} ${'(b) service'.padEnd(15)} ${'(c) REST'.padEnd(15)} ${'a/b'.padStart(5)} ${'c/a'.padStart(5)}  targets`;
  log(head);
  log('-'.repeat(head.length + 10));
  for (const r of results) {
    const ab = r.a.p50 / r.b.p50;
    const ca = r.c.p50 / r.a.p50;
    const rowsNote = r.a.rows === r.b.rows && r.a.rows === r.c.rows ? String(r.a.rows) : `${r.a.rows}/${r.b.rows}/${r.c.rows}!`;
    const verdict = [
      `a/b ${mark(ab <= TARGET.rlsRatio)}`,
      `p50 ${mark(r.a.p50 <= TARGET.rlsP50)}`,
      `c/a ${mark(ca <= TARGET.restRatio)}`,
    ].join(', ');
    log(
      `${r.persona.label.padEnd(28)} ${`${r.query.screen}: ${r.query.name}`.padEnd(34)} ${rowsNote.padStart(5)}  ` +
        `${ms(r.a.p50)} /${ms(r.a.p95)} ${ms(r.b.p50)} /${ms(r.b.p95)} ${ms(r.c.p50)} /${ms(r.c.p95)} ${ab.toFixed(2).padStart(5)} ${ca.toFixed(2).padStart(5)}  ${verdict}`,
    );
  }
  const mismatch = results.filter((r) => r.a.rows !== r.b.rows || r.a.rows !== r.c.rows);
  if (mismatch.length) log(`ROW COUNTS DIFFER (a/b/c) for: ${mismatch.map((r) => `${r.persona.key} ${r.query.name}`).join(', ')}`);
}

function printPlans(results: QueryResult[]): boolean {
  log();
  log(`Plans of the RLS queries (auto_explain, actual rows; helper functions' statements below the statement).`);
  log(`A sequential scan over a table of >= ${LARGE_TABLE_ROWS.toLocaleString('en')} rows fails the run.`);
  let ok = true;
  for (const r of results) {
    log();
    log(`-- ${r.persona.label}: ${r.query.screen}: ${r.query.name}`);
    log(r.plan.text);
    if (r.plan.seqScans.length) {
      ok = false;
      log(`FAIL: sequential scan over ${r.plan.seqScans.map((s) => `${s.table} (${Math.round(s.rows).toLocaleString('en')} rows)`).join(', ')}`);
    }
  }
  log();
  log(ok ? 'plans: no sequential scan over a large table' : 'plans: FAIL, sequential scan over a large table (see above)');
  return ok;
}

async function main() {
  const started = performance.now();
  let ok = true;
  if (!flag('--skip-db')) ok = (await database()) && ok;
  if (!flag('--skip-bundle')) ok = (await bundleReport(log)) && ok;
  if (!flag('--skip-worker')) ok = (await workerReport(log, { requests: small ? 300 : 2000 })) && ok;
  log();
  log(`bench finished in ${((performance.now() - started) / 1000).toFixed(0)} s${ok ? '' : ' with failures'}`);
  process.exitCode = ok ? 0 : 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
