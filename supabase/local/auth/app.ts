// The local Supabase Auth (GoTrue) stand-in: the endpoints supabase-js 2.109 calls for this app, with GoTrue's
// paths, shapes, statuses and error codes (docs: /work/shared/SUPABASE-CONTRACT.md section A).
// Routes are relative to /auth/v1; createSupabaseApp (../server.ts) mounts it there.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AuthAppOptions, AuthEnv } from './context.ts';
import { MAX_BODY_BYTES } from './body.ts';
import { AuthError, errors, renderAuthError } from './errors.ts';
import { adminGenerateLinkRoutes } from './routes/admin-generate-link.ts';
import { adminUserRoutes } from './routes/admin-users.ts';
import { jwksRoutes } from './routes/jwks.ts';
import { logoutRoutes } from './routes/logout.ts';
import { recoverRoutes } from './routes/recover.ts';
import { tokenRoutes } from './routes/token.ts';
import { userRoutes } from './routes/user.ts';
import { verifyRoutes } from './routes/verify.ts';

export type { AuthAppOptions, OutgoingMail } from './context.ts';

export function createAuthApp(opts: AuthAppOptions): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  app.onError(renderAuthError);
  app.use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw errors.validation('Request body is larger than 1 MB');
      },
    }),
  );
  for (const routes of [tokenRoutes, logoutRoutes, userRoutes, recoverRoutes, verifyRoutes, adminGenerateLinkRoutes, adminUserRoutes, jwksRoutes]) {
    app.route('/', routes(opts));
  }
  // Last, so it only answers what no route above did; a catch-all route (not notFound) also works when mounted.
  app.all('*', () => {
    throw new AuthError(404, 'not_found', 'Not Found');
  });
  return app;
}
