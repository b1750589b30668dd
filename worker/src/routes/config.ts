import { Hono } from 'hono';
import { requireConfig } from '../env';
import type { AppEnv } from '../types';

/** Public: what the SPA needs before anyone signs in. Never the service key. */
export const configRoutes = () =>
  new Hono<AppEnv>()
    .get('/health', (c) => c.json({ ok: true as const }))
    .get('/config', requireConfig(), (c) => {
      const { supabaseUrl, supabaseAnonKey, brand, centers } = c.var.config;
      c.header('Cache-Control', 'no-store');
      return c.json({
        supabaseUrl,
        supabaseAnonKey,
        brand: { name: brand.name, supportEmail: brand.supportEmail, supportPhone: brand.supportPhone, supportHours: brand.supportHours },
        centers: { managedCenterUrl: centers.managedCenterUrl, monitoringCenterUrl: centers.monitoringCenterUrl },
      });
    });
