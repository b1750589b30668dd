// e2e: builds the SPA and serves it from the Worker under wrangler dev, exactly as production serves it
// (one origin for the SPA and /api), against the e2e project's local stack.
import type { TestProject } from 'vitest/node';
import { execFileSync } from 'node:child_process';
import { bin } from '../../../scripts/lib/processes.ts';
import { startWorker } from '../../../scripts/lib/worker.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const stack = project.getProvidedContext().stack;
  execFileSync(bin('vite'), ['build', '--config', 'web/vite.config.ts', '--logLevel', 'error'], { stdio: 'inherit' });
  const appUrl = `http://127.0.0.1:${stack.workerPort}`;
  const worker = await startWorker({
    port: stack.workerPort,
    supabaseUrl: stack.supabaseUrl,
    anonKey: stack.anonKey,
    serviceRoleKey: stack.serviceRoleKey,
    siteUrl: appUrl,
    mailboxUrl: stack.mailboxUrl,
  });
  project.provide('appUrl', appUrl);
  // wrangler dev runs no cron trigger: stand in for it (every 2 s here, so retried mails arrive in time)
  const cron = setInterval(() => {
    fetch(`${appUrl}/api/internal/deliver`, { method: 'POST', headers: { Authorization: `Bearer ${stack.serviceRoleKey}` } }).catch(() => {});
  }, 2000);
  return async () => {
    clearInterval(cron);
    await worker.stop();
  };
}
