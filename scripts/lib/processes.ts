// Child processes of the local stack (wrangler dev, vite): started, awaited until they answer, stopped.
import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';

export const bin = (name: string) => join(process.cwd(), 'node_modules', '.bin', name);

export interface Service {
  url: string;
  stop(): Promise<void>;
}

/** Every child still running, so that a Ctrl-C during start-up stops even those not handed back yet. */
const running = new Set<ChildProcess>();

export async function stopAllProcesses(): Promise<void> {
  await Promise.all([...running].map(stopProcess));
}

export function startProcess(
  name: string,
  command: string,
  args: string[],
  opts: { env?: Record<string, string>; log?: (line: string) => void } = {},
): ChildProcess {
  const child = spawn(command, args, {
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // own process group, so stop() also ends grandchildren (workerd, esbuild)
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const log = opts.log ?? (() => {});
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) if (line.trim()) log(`[${name}] ${line}`);
    });
  }
  return child;
}

export async function waitForHttp(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited with code ${child.exitCode} before answering`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }, 5_000);
  await exited;
  clearTimeout(timer);
}
