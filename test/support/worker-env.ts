// The Worker's environment for tests that run its app in Node against the test stack.
import { stack } from './stack-info.ts';

export const workerEnv = (extra: Record<string, string> = {}) => ({
  SUPABASE_URL: stack().supabaseUrl,
  SUPABASE_ANON_KEY: stack().anonKey,
  SUPABASE_SERVICE_ROLE_KEY: stack().serviceRoleKey,
  SITE_URL: 'http://app.test',
  MAIL_DRIVER: 'mailbox',
  MAILBOX_URL: stack().mailboxUrl,
  MAIL_FROM: 'Application Center <noreply@example.test>',
  BRAND_NAME: 'Example Hosting',
  ...extra,
});
