import type { MiddlewareHandler } from 'hono';
import { AppError } from './errors';

/** Raw bindings as wrangler (or a test) passes them. Anything may be missing until validated. */
export type Bindings = {
  SUPABASE_URL?: string;
  SUPABASE_ANON_KEY?: string;
  SUPABASE_SERVICE_ROLE_KEY?: string;
  SITE_URL?: string;
  MAIL_DRIVER?: string;
  MAILBOX_URL?: string;
  RESEND_API_KEY?: string;
  MAIL_FROM?: string;
  BRAND_NAME?: string;
  SUPPORT_EMAIL?: string;
  SUPPORT_PHONE?: string;
  SUPPORT_HOURS?: string;
  /** Base URLs of the other centers; cluster links are `${URL}/clusters/C-xxxx`. Optional (no links when unset). */
  MANAGED_CENTER_URL?: string;
  MONITORING_CENTER_URL?: string;
  /** Static assets (the built SPA); absent in unit tests. */
  ASSETS?: { fetch(request: Request): Promise<Response> };
};

export type MailConfig =
  | { driver: 'mailbox'; from: string; mailboxUrl: string }
  | { driver: 'resend'; from: string; resendApiKey: string };

/** The validated environment. URLs carry no trailing slash. */
export type Config = {
  supabaseUrl: string;
  supabaseAnonKey: string;
  supabaseServiceRoleKey: string;
  siteUrl: string;
  mail: MailConfig;
  brand: { name: string; supportEmail: string; supportPhone: string; supportHours: string };
  /** Base URLs of the Managed Center and the Monitoring Center ('' = not configured). No trailing slash. */
  centers: { managedCenterUrl: string; monitoringCenterUrl: string };
};

const cache = new WeakMap<object, Config>();

/**
 * Validates the environment on first use (per env object) and names every missing variable.
 * Throws AppError 500 `config_missing` / `config_invalid`; the message names the variable(s).
 */
export function loadConfig(env: Bindings | undefined): Config {
  const raw: Bindings = env ?? {};
  const cached = cache.get(raw);
  if (cached) return cached;

  const missing: string[] = [];
  const get = (name: keyof Bindings & string): string => {
    const value = raw[name];
    if (typeof value !== 'string' || value.trim() === '') {
      missing.push(name);
      return '';
    }
    return value.trim();
  };
  const optional = (name: keyof Bindings & string): string => {
    const value = raw[name];
    return typeof value === 'string' ? value.trim() : '';
  };

  const supabaseUrl = get('SUPABASE_URL');
  const supabaseAnonKey = get('SUPABASE_ANON_KEY');
  const supabaseServiceRoleKey = get('SUPABASE_SERVICE_ROLE_KEY');
  const siteUrl = get('SITE_URL');
  const driver = get('MAIL_DRIVER');
  const from = get('MAIL_FROM');
  const brandName = get('BRAND_NAME');
  const mailboxUrl = driver === 'mailbox' ? get('MAILBOX_URL') : '';
  const resendApiKey = driver === 'resend' ? get('RESEND_API_KEY') : '';

  if (missing.length > 0) {
    throw configError('config_missing', `Missing environment variable${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`);
  }

  const invalid: string[] = [];
  const url = (name: string, value: string): string => {
    try {
      const u = new URL(value);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('not http(s)');
      return value.replace(/\/+$/, '');
    } catch {
      invalid.push(`${name} must be an http(s) URL`);
      return value;
    }
  };
  const optionalUrl = (name: string, value: string): string => (value === '' ? '' : url(name, value));
  const config: Config = {
    supabaseUrl: url('SUPABASE_URL', supabaseUrl),
    supabaseAnonKey,
    supabaseServiceRoleKey,
    siteUrl: url('SITE_URL', siteUrl),
    mail:
      driver === 'resend'
        ? { driver: 'resend', from, resendApiKey }
        : { driver: 'mailbox', from, mailboxUrl: driver === 'mailbox' ? url('MAILBOX_URL', mailboxUrl) : '' },
    brand: {
      name: brandName,
      supportEmail: optional('SUPPORT_EMAIL'),
      supportPhone: optional('SUPPORT_PHONE'),
      supportHours: optional('SUPPORT_HOURS'),
    },
    centers: {
      managedCenterUrl: optionalUrl('MANAGED_CENTER_URL', optional('MANAGED_CENTER_URL')),
      monitoringCenterUrl: optionalUrl('MONITORING_CENTER_URL', optional('MONITORING_CENTER_URL')),
    },
  };
  if (driver !== 'mailbox' && driver !== 'resend') invalid.push(`MAIL_DRIVER must be "mailbox" or "resend" (got "${driver}")`);
  if (invalid.length > 0) throw configError('config_invalid', `Invalid environment: ${invalid.join('; ')}`);

  cache.set(raw, config);
  return config;
}

function configError(code: string, message: string): AppError {
  console.error(`[env] ${message}`);
  return new AppError(code, 500, message);
}

/** Middleware: validates the environment and puts it on the context as `config`. */
export const requireConfig = (): MiddlewareHandler<{ Bindings: Bindings; Variables: { config: Config } }> =>
  async (c, next) => {
    c.set('config', loadConfig(c.env));
    await next();
  };
