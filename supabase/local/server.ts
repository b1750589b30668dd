// The local Supabase API on one port, as Kong composes it on hosted Supabase and in the CLI: /auth/v1 and
// /rest/v1 behind an apikey check and CORS for browsers.
import { Hono } from 'hono';
import { cors } from 'hono/cors';

export interface SupabaseAppOptions {
  auth: Hono<any>;
  rest: Hono<any>;
  /** When given, an apikey must be one of these (the anon and service-role keys), like Kong's consumers. */
  apiKeys?: string[];
}

/** Paths Kong leaves open in the Supabase CLI's kong.yml: e-mail links and key discovery need no apikey. */
const OPEN_PATHS = new Set(['/auth/v1/verify', '/auth/v1/.well-known/jwks.json']);

const ALLOWED_HEADERS = [
  'authorization',
  'apikey',
  'content-type',
  'x-client-info',
  'x-supabase-api-version',
  'accept-profile',
  'content-profile',
  'prefer',
  'range',
];
const EXPOSED_HEADERS = ['content-range', 'x-total-count', 'link', 'x-sb-error-code', 'x-supabase-api-version'];

export function createSupabaseApp({ auth, rest, apiKeys }: SupabaseAppOptions): Hono {
  const app = new Hono();
  app.use(
    cors({
      origin: '*',
      allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      allowHeaders: ALLOWED_HEADERS,
      exposeHeaders: EXPOSED_HEADERS,
      maxAge: 3600,
    }),
  );
  app.use(async (c, next) => {
    if (OPEN_PATHS.has(c.req.path)) return next();
    const key = c.req.header('apikey') ?? c.req.query('apikey');
    if (!key) return c.json({ message: 'No API key found in request' }, 401);
    if (apiKeys && !apiKeys.includes(key)) {
      return c.json({ message: 'Invalid API key', hint: 'Double check your Supabase `anon` or `service_role` API key.' }, 401);
    }
    return next();
  });
  app.route('/auth/v1', auth);
  app.route('/rest/v1', rest);
  app.notFound((c) => c.json({ message: 'no Route matched with those values' }, 404));
  return app;
}
