// GET /.well-known/jwks.json (api/jwks.go): the public signing key, so the Worker can verify user JWTs.
import { Hono } from 'hono';
import type { AuthAppOptions, AuthEnv } from '../context.ts';

export function jwksRoutes({ keys }: AuthAppOptions): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  app.get('/.well-known/jwks.json', (c) => {
    c.header('Cache-Control', 'public, max-age=600');
    return c.json(keys.jwks);
  });
  return app;
}
