// `npm run dev`: the whole Application Center on this machine, no Docker: embedded Postgres with migrations
// and demo seed, the Supabase Auth/REST stand-in, the mailbox, the Worker under wrangler dev, the SPA under vite.
import { startLocalStack } from '../supabase/local/stack.ts';
import { startWorker } from './lib/worker.ts';
import { bin, startProcess, stopAllProcesses, stopProcess, waitForHttp } from './lib/processes.ts';
import { DEMO_LOGINS } from './lib/demo-logins.ts';

const SPA_URL = 'http://127.0.0.1:5173';
const WORKER_PORT = 8787;
const verbose = process.argv.includes('--verbose');
const log = (line: string) => {
  if (verbose || /error|fail|warn/i.test(line)) console.log(line);
};

async function main() {
  const stops: (() => Promise<void>)[] = [];
  let stopping = false;
  const stopAll = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping …');
    await stopAllProcesses(); // also children whose start had not finished yet
    for (const stop of stops.reverse()) await stop().catch((e) => console.error(e));
    process.exit(code);
  };
  // before anything starts, so that a Ctrl-C during start-up leaves nothing behind
  process.on('SIGINT', () => void stopAll());
  process.on('SIGTERM', () => void stopAll());

  console.log('Starting Application Center …');
  const starting = startLocalStack({ dataDir: '.local/supabase', siteUrl: SPA_URL, seed: true, log });
  // stopping waits for a start in progress, then stops what it started
  stops.push(() => starting.then((s) => s.stop(), () => {}));
  const stack = await starting;
  if (stopping) return;

  try {
    const worker = await startWorker({
      port: WORKER_PORT,
      supabaseUrl: stack.supabaseUrl,
      anonKey: stack.anonKey,
      serviceRoleKey: stack.serviceRoleKey,
      siteUrl: SPA_URL,
      mailboxUrl: stack.mailboxUrl,
      log,
    });
    stops.push(worker.stop);
    // wrangler dev runs no cron trigger: deliver the e-mail outbox (retries included) every 15 s, like the
    // production cron does every minute (docs/decisions/003-email-outbox.md).
    const deliver = setInterval(() => {
      fetch(`${worker.url}/api/internal/deliver`, { method: 'POST', headers: { Authorization: `Bearer ${stack.serviceRoleKey}` } })
        .then((r) => r.body?.cancel())
        .catch((e) => log(`outbox delivery failed: ${(e as Error).message}`));
    }, 15_000);
    stops.push(async () => clearInterval(deliver));

    const vite = startProcess('web', bin('vite'), ['--config', 'web/vite.config.ts', '--host', '127.0.0.1', '--port', '5173', '--strictPort'], {
      env: { WORKER_URL: worker.url },
      log,
    });
    stops.push(() => stopProcess(vite));
    await waitForHttp(SPA_URL, vite);

    console.log(`
Application Center is running (Ctrl-C stops everything):

  App             ${SPA_URL}
  Mailbox         ${stack.mailboxUrl}     every e-mail sent (invitations, password resets)
  Worker API      ${worker.url}/api/health
  Supabase API    ${stack.supabaseUrl}    (local stand-in: /auth/v1, /rest/v1)
  Postgres        ${stack.databaseUrl}

Demo logins (password for all: demo-password, development only):
${DEMO_LOGINS.map((d) => `  ${d.email.padEnd(24)} ${d.role}`).join('\n')}
`);
  } catch (e) {
    console.error(`Start failed: ${(e as Error).message}`);
    await stopAll(1);
  }
}

void main();
