import type { Fetch } from '../types';

export type RecordedRequest = { method: string; url: URL; headers: Headers; body: string };
export type Handler = (req: RecordedRequest) => Response | Promise<Response>;

/**
 * A fetch that never touches the network: each request is recorded and answered by the first route
 * whose method and path (prefix match on origin + pathname) fit. Unknown requests answer 599 and are
 * recorded too, so a test sees them.
 */
export function fakeFetch(routes: Record<string, Handler>) {
  const calls: RecordedRequest[] = [];
  const fetch: Fetch = async (input, init) => {
    const request = new Request(input as RequestInfo, init);
    const recorded: RecordedRequest = {
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      body: request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text(),
    };
    calls.push(recorded);
    const target = `${recorded.url.origin}${recorded.url.pathname}`;
    for (const [key, handler] of Object.entries(routes)) {
      const [method, prefix] = key.split(' ') as [string, string];
      if (method === recorded.method && target.startsWith(prefix)) return handler(recorded);
    }
    return new Response(`no fake route for ${recorded.method} ${target}`, { status: 599 });
  };
  return {
    fetch,
    calls,
    to: (method: string, prefix: string) => calls.filter((c) => c.method === method && `${c.url.origin}${c.url.pathname}`.startsWith(prefix)),
  };
}

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

/** Response.json() is `unknown` under workers-types; tests read loosely typed JSON through this. */
export const readJson = async (res: Response): Promise<any> => res.json();
