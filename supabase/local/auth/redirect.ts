// Which redirect_to an e-mail link may carry. GoTrue accepts the site URL's host and its uri_allow_list
// (config.toml additional_redirect_urls: the SPA and the Worker on loopback) and otherwise silently falls back
// to the site URL, so a mail never links to a foreign site.
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function allowedRedirect(candidate: string | undefined, siteUrl: string): string | undefined {
  if (!candidate) return undefined;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const site = new URL(siteUrl);
  return url.hostname === site.hostname || LOOPBACK_HOSTS.has(url.hostname) ? candidate : undefined;
}

/** `base` with extra query parameters, keeping the ones it already has. */
export function withQuery(base: string, params: Record<string, string>): string {
  const url = new URL(base);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}
