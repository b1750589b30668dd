/**
 * Where to go after signing in: only a path on this site (no "//evil.example", no "https://…"),
 * and never back to the sign-in page itself.
 */
export function safeRedirect(target: string | null | undefined, fallback = '/'): string {
  if (!target || typeof target !== 'string') return fallback;
  if (!target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return fallback;
  if (/^\/login(?:[/?#]|$)/.test(target)) return fallback;
  return target;
}

export function loginUrl(returnTo: string): string {
  const target = safeRedirect(returnTo, '');
  return target && target !== '/' ? `/login?redirect=${encodeURIComponent(target)}` : '/login';
}
