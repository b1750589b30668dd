import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { AppError } from '../errors';
import { requireConfig } from '../env';
import type { JwksFor } from '../middleware/auth';
import { auth } from '../middleware/auth';
import { fromPostgrest } from '../services/postgrest-error';
import type { AppEnv } from '../types';
import { parseClusterRef, rightsFor, type ClusterRole } from './access-rights';

const originOf = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
};

/**
 * GET /api/access?cluster=C-2001 (or the cluster id) with `Authorization: Bearer <user JWT>`: the caller's
 * role on the cluster and what it allows, for the Managed Center and the Monitoring Center. Read through
 * `my_clusters` with the caller's JWT, so RLS decides; a cluster the caller cannot reach (or that does not
 * exist) answers role null and no rights. Browsers on the two centers' origins may call it (CORS).
 */
export const accessRoutes = (jwks: JwksFor) =>
  new Hono<AppEnv>()
    .use(
      '/access',
      requireConfig(),
      async (c, next) => {
        const allowed = [c.var.config.centers.managedCenterUrl, c.var.config.centers.monitoringCenterUrl].map(originOf).filter(Boolean);
        return cors({ origin: (origin) => (allowed.includes(origin) ? origin : null), allowHeaders: ['Authorization'], allowMethods: ['GET'], maxAge: 600 })(c, next);
      },
    )
    .get('/access', auth(jwks), async (c) => {
      const ref = parseClusterRef(c.req.query('cluster'));
      if (!ref) throw new AppError('validation_failed', 400, 'Query parameter "cluster" must be a cluster number (C-2001) or a cluster id');
      const { data, error, status } = await c.var.supabase
        .from('my_clusters')
        .select('id,cluster_number,my_role')
        .eq(ref.by === 'number' ? 'cluster_number' : 'id', ref.value)
        .limit(1);
      if (error) throw fromPostgrest(error, status, 'Reading the cluster');
      const row = (data ?? [])[0] as { id: string; cluster_number: string; my_role: string } | undefined;
      const role: ClusterRole = row?.my_role === 'manager' ? 'manager' : row?.my_role === 'administrator' ? 'administrator' : null;
      c.header('Cache-Control', 'no-store');
      return c.json({
        cluster: row?.cluster_number ?? (ref.by === 'number' ? ref.value : null),
        clusterId: row?.id ?? (ref.by === 'id' ? ref.value : null),
        role,
        rights: rightsFor(role),
      });
    });
