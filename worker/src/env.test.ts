import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from './env';
import { AppError } from './errors';
import { testEnv } from './testing/env';

const errorOf = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
};

describe('loadConfig', () => {
  afterEach(() => vi.restoreAllMocks());

  it('returns the normalised configuration of a complete environment', () => {
    const config = loadConfig(testEnv({ SUPABASE_URL: 'http://127.0.0.1:54321/', SITE_URL: 'http://127.0.0.1:5173/' }));
    expect(config.supabaseUrl).toBe('http://127.0.0.1:54321');
    expect(config.siteUrl).toBe('http://127.0.0.1:5173');
    expect(config.mail).toEqual({ driver: 'mailbox', from: 'Example Hosting <no-reply@example.test>', mailboxUrl: 'http://mailbox.test' });
    expect(config.brand.name).toBe('Example Hosting');
  });

  it.each(['SUPABASE_URL', 'SUPABASE_ANON_KEY', 'SUPABASE_SERVICE_ROLE_KEY', 'SITE_URL', 'MAIL_DRIVER', 'MAIL_FROM', 'BRAND_NAME', 'MAILBOX_URL'] as const)(
    'names a missing %s (500 config_missing) and logs it',
    (name) => {
      const log = vi.spyOn(console, 'error').mockImplementation(() => {});
      const error = errorOf(() => loadConfig(testEnv({ [name]: undefined })));
      expect(error.status).toBe(500);
      expect(error.code).toBe('config_missing');
      expect(error.message).toContain(name);
      expect(log).toHaveBeenCalledWith(expect.stringContaining(name));
    },
  );

  it('treats a blank value as missing and lists every missing variable', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const error = errorOf(() => loadConfig(testEnv({ SUPABASE_ANON_KEY: '  ', BRAND_NAME: undefined })));
    expect(error.message).toBe('Missing environment variables: SUPABASE_ANON_KEY, BRAND_NAME');
  });

  it('needs RESEND_API_KEY only for the resend driver', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(loadConfig(testEnv({ MAIL_DRIVER: 'resend', RESEND_API_KEY: 're_123', MAILBOX_URL: undefined })).mail).toEqual({
      driver: 'resend',
      from: 'Example Hosting <no-reply@example.test>',
      resendApiKey: 're_123',
    });
    expect(errorOf(() => loadConfig(testEnv({ MAIL_DRIVER: 'resend' }))).message).toContain('RESEND_API_KEY');
  });

  it('rejects an unknown MAIL_DRIVER and a SUPABASE_URL that is no URL (config_invalid)', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const driver = errorOf(() => loadConfig(testEnv({ MAIL_DRIVER: 'smtp' })));
    expect(driver.code).toBe('config_invalid');
    expect(driver.message).toContain('MAIL_DRIVER');
    const url = errorOf(() => loadConfig(testEnv({ SUPABASE_URL: 'localhost:54321' })));
    expect(url.code).toBe('config_invalid');
    expect(url.message).toContain('SUPABASE_URL');
  });

  it('treats an absent env object as all variables missing', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(errorOf(() => loadConfig(undefined)).message).toContain('SUPABASE_URL');
  });
});
