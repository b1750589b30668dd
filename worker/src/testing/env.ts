import type { Bindings } from '../env';
import { SUPABASE_URL } from './keys';

export const ANON_KEY = 'anon-key-for-tests';
export const SERVICE_KEY = 'service-role-key-for-tests';
export const MAILBOX_URL = 'http://mailbox.test';
export const SITE_URL = 'http://portal.test';

/** A complete environment (mailbox driver); override or remove (undefined) single variables. */
export function testEnv(overrides: Partial<Record<keyof Bindings, string | undefined>> = {}): Bindings {
  const env: Record<string, string | undefined> = {
    SUPABASE_URL,
    SUPABASE_ANON_KEY: ANON_KEY,
    SUPABASE_SERVICE_ROLE_KEY: SERVICE_KEY,
    SITE_URL,
    MAIL_DRIVER: 'mailbox',
    MAILBOX_URL,
    MAIL_FROM: 'Example Hosting <no-reply@example.test>',
    BRAND_NAME: 'Example Hosting',
    SUPPORT_EMAIL: 'support@example.test',
    SUPPORT_PHONE: '+49 5251 000000',
    SUPPORT_HOURS: 'Mo–Fr 9–17 Uhr',
    MANAGED_CENTER_URL: 'https://managed.example.test/',
    MONITORING_CENTER_URL: 'https://monitoring.example.test',
    ...overrides,
  };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  return env as Bindings;
}
