import { describe, expect, it, vi } from 'vitest';
import { createApp } from '../app';
import { testEnv } from '../testing/env';
import { readJson } from '../testing/fake-fetch';

describe('GET /api/health', () => {
  it('answers {ok:true} even without configuration', async () => {
    const res = await createApp().request('/api/health', {}, {});
    expect(res.status).toBe(200);
    expect(await readJson(res)).toEqual({ ok: true });
  });
});

describe('GET /api/config', () => {
  it('serves the public configuration and the brand, never the service key', async () => {
    const res = await createApp().request('/api/config', {}, testEnv({ SUPABASE_URL: 'http://127.0.0.1:54321/' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      supabaseUrl: 'http://127.0.0.1:54321',
      supabaseAnonKey: 'anon-key-for-tests',
      brand: { name: 'Example Hosting', supportEmail: 'support@example.test', supportPhone: '+49 5251 000000', supportHours: 'Mo–Fr 9–17 Uhr' },
      centers: { managedCenterUrl: 'https://managed.example.test', monitoringCenterUrl: 'https://monitoring.example.test' },
    });
    expect(text).not.toContain('service-role-key-for-tests');
  });

  it('serves empty center URLs when they are not set, and refuses a center URL that is not http(s)', async () => {
    const res = await createApp().request('/api/config', {}, testEnv({ MANAGED_CENTER_URL: undefined, MONITORING_CENTER_URL: '' }));
    expect((await readJson(res)).centers).toEqual({ managedCenterUrl: '', monitoringCenterUrl: '' });
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const bad = await createApp().request('/api/config', {}, testEnv({ MANAGED_CENTER_URL: 'javascript:alert(1)' }));
    expect(bad.status).toBe(500);
    expect((await readJson(bad)).error.message).toMatch(/MANAGED_CENTER_URL/);
    vi.restoreAllMocks();
  });

  it('serves empty support fields when they are not set', async () => {
    const res = await createApp().request('/api/config', {}, testEnv({ SUPPORT_EMAIL: undefined, SUPPORT_PHONE: undefined, SUPPORT_HOURS: undefined }));
    expect((await readJson(res)).brand).toEqual({ name: 'Example Hosting', supportEmail: '', supportPhone: '', supportHours: '' });
  });
});
