import type { Fetch } from '../../types';
import { MailError } from './types';

/** POSTs JSON and throws MailError unless the answer is 2xx. Shared by the HTTP drivers. */
export async function postJson(fetch: Fetch, driver: string, url: string, body: unknown, headers: Record<string, string> = {}): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  } catch (error) {
    throw new MailError(`${driver}: request failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (!res.ok) {
    const detail = (await res.text().catch(() => '')).slice(0, 300);
    throw new MailError(`${driver}: HTTP ${res.status}${detail ? `: ${detail}` : ''}`);
  }
  await res.body?.cancel();
}
