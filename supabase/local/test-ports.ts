// Tests use fixed ports (56101..56199), but those lie in Linux's ephemeral range (32768..60999): an outgoing
// connection of a parallel test can hold one for a while. So each test file names a few candidates of its own
// and takes the first that is free right now.
import { createServer } from 'node:net';

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ host: '127.0.0.1', port, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/** The first candidate whose ports (candidate + each offset) are all free. */
export async function pickFreePorts(candidates: number[], offsets: number[] = [0]): Promise<number> {
  for (const base of candidates) {
    const free = await Promise.all(offsets.map((o) => isFree(base + o)));
    if (free.every(Boolean)) return base;
  }
  throw new Error(`none of the test ports ${candidates.join(', ')} is free`);
}
