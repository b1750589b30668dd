import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError, errorBody } from './errors';
import { createJwksCache } from './middleware/auth';
import { accessRoutes } from './routes/access';
import { configRoutes } from './routes/config';
import { contactPersonRoutes } from './routes/contact-person';
import { invitationRoutes } from './routes/invitations';
import { outboxRoutes } from './routes/outbox';
import type { AppEnv, Deps } from './types';

/**
 * Builds the Worker. `deps.fetch` replaces every outgoing request (JWKS, Supabase, mail) — tests pass a
 * stub; the default is the runtime's fetch. Works in workerd and in plain Node 20:
 * `createApp().request('/api/config', init, env)`.
 */
export function createApp(overrides: Partial<Deps> = {}) {
  const deps: Deps = { fetch: overrides.fetch ?? ((input, init) => fetch(input, init)), ...(overrides.mailDriver ? { mailDriver: overrides.mailDriver } : {}) };
  const jwks = createJwksCache(deps.fetch);

  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });

  app.onError((error, c) => {
    if (error instanceof AppError) return c.json(errorBody(error.code, error.message), error.status, error.headers);
    if (error instanceof HTTPException) {
      const status = error.status;
      return c.json(errorBody(status === 413 ? 'payload_too_large' : 'bad_request', error.message || 'Bad request'), status);
    }
    console.error('[app] unhandled error:', error);
    return c.json(errorBody('internal_error', 'Internal server error'), 500);
  });

  app.notFound((c) => {
    const path = new URL(c.req.url).pathname;
    if (!path.startsWith('/api/') && path !== '/api' && c.env?.ASSETS) return c.env.ASSETS.fetch(c.req.raw);
    return c.json(errorBody('not_found', `No route for ${c.req.method} ${path}`), 404);
  });

  return app.route('/api', configRoutes()).route('/api', invitationRoutes(jwks))
    .route('/api', contactPersonRoutes(jwks))
    .route('/api', accessRoutes(jwks))
    .route('/api', outboxRoutes(jwks));
}

export type App = ReturnType<typeof createApp>;
/** For the SPA's typed client: `hc<AppType>('/')`. */
export type AppType = App;
