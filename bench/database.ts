// The database part of the benchmark: for each persona and each query the SPA makes, (a) RLS as
// authenticated, (b) service_role with a hand-written filter, (c) supabase-js through the REST stand-in;
// then the plan of (a) with the plans of the helpers it calls.
import type pg from 'pg';
import { explain, timeAsync, timeStatement, type PlanReport, type Stats } from './measure.ts';
import type { BenchQuery, InvoiceShape } from './queries.ts';
import { queriesFor } from './queries.ts';
import type { RestBench } from './rest.ts';
import type { Persona } from './seed.ts';

export interface QueryResult {
  persona: Persona;
  query: BenchQuery;
  a: Stats;
  b: Stats;
  c: Stats;
  plan: PlanReport;
}

export interface DbRunOptions {
  iterations: number;
  warmup: number;
}

export async function runDatabaseBench(
  db: pg.Client,
  explainDb: pg.Client,
  rest: RestBench,
  personas: Persona[],
  invoices: InvoiceShape | null,
  opts: DbRunOptions,
): Promise<QueryResult[]> {
  const results: QueryResult[] = [];
  for (const persona of personas) {
    const client = await rest.clientFor(persona.userId);
    for (const query of queriesFor(persona, invoices)) {
      const a = await timeStatement(db, { role: 'authenticated', userId: persona.userId }, query.rls, opts.iterations, opts.warmup);
      const b = await timeStatement(db, { role: 'service_role' }, query.service, opts.iterations, opts.warmup);
      const c = await timeAsync(
        async () => {
          const { data, error } = await query.rest(client);
          if (error) throw new Error(`${query.name} over REST failed: ${JSON.stringify(error)}`);
          return Array.isArray(data) ? data.length : 0;
        },
        opts.iterations,
        opts.warmup,
      );
      const plan = await explain(explainDb, persona.userId, query.rls);
      results.push({ persona, query, a, b, c, plan });
    }
  }
  return results;
}
