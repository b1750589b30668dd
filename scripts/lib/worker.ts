// The Worker under `wrangler dev`, configured for a local stack. Used by `npm run dev` and the e2e tests.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { bin, startProcess, stopProcess, waitForHttp, type Service } from './processes.ts';

export interface WorkerOptions {
  port: number;
  supabaseUrl: string;
  anonKey: string;
  serviceRoleKey: string;
  siteUrl: string;
  mailboxUrl: string;
  log?: (line: string) => void;
}

export async function startWorker(opts: WorkerOptions): Promise<Service> {
  // wrangler.toml serves ./dist/web as static assets; before the first `npm run build` there is nothing to
  // serve, and wrangler refuses a missing folder.
  if (!existsSync('dist/web/index.html')) {
    mkdirSync('dist/web', { recursive: true });
    writeFileSync('dist/web/index.html', '<!doctype html><title>Application Center</title><p>Run <code>npm run build</code> to serve the SPA from the Worker; during development use the vite URL.</p>\n');
  }
  const vars = {
    SUPABASE_URL: opts.supabaseUrl,
    SUPABASE_ANON_KEY: opts.anonKey,
    SUPABASE_SERVICE_ROLE_KEY: opts.serviceRoleKey,
    SITE_URL: opts.siteUrl,
    MAIL_DRIVER: 'mailbox',
    MAILBOX_URL: opts.mailboxUrl,
  };
  const child = startProcess(
    'worker',
    bin('wrangler'),
    ['dev', '--ip', '127.0.0.1', '--port', String(opts.port), '--show-interactive-dev-session=false', ...Object.entries(vars).flatMap(([k, v]) => ['--var', `${k}:${v}`])],
    { env: { CI: 'true', CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' }, log: opts.log },
  );
  const url = `http://127.0.0.1:${opts.port}`;
  try {
    await waitForHttp(`${url}/api/health`, child, 90_000);
  } catch (e) {
    await stopProcess(child);
    throw e;
  }
  return { url, stop: () => stopProcess(child) };
}
