import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from './config';

const good = {
  supabaseUrl: 'http://127.0.0.1:54321/',
  supabaseAnonKey: 'eyJ.anon',
  brand: { name: 'Hoster', supportEmail: 'help@hoster.test', supportPhone: '+49 1', supportHours: '24/7' },
  centers: { managedCenterUrl: 'https://managed.hoster.test', monitoringCenterUrl: 'https://monitoring.hoster.test' },
};

describe('parseConfig', () => {
  it('accepts the Worker shape and trims the URL', () => {
    expect(parseConfig(good)).toEqual({ ...good, supabaseUrl: 'http://127.0.0.1:54321' });
  });
  it('keeps only http(s) center URLs', () => {
    expect(parseConfig({ ...good, centers: { managedCenterUrl: 'javascript:alert(1)', monitoringCenterUrl: 'https://m.test/' } })?.centers).toEqual({
      managedCenterUrl: '',
      monitoringCenterUrl: 'https://m.test',
    });
    expect(parseConfig({ supabaseUrl: 'https://x.supabase.co', supabaseAnonKey: 'k' })?.centers).toEqual({ managedCenterUrl: '', monitoringCenterUrl: '' });
  });
  it('tolerates a missing brand', () => {
    expect(parseConfig({ supabaseUrl: 'https://x.supabase.co', supabaseAnonKey: 'k' })?.brand.name).toBe('');
  });
  it('rejects unusable bodies', () => {
    expect(parseConfig(null)).toBeNull();
    expect(parseConfig({ supabaseUrl: 'x', supabaseAnonKey: 'k' })).toBeNull();
    expect(parseConfig({ supabaseUrl: 'https://x', supabaseAnonKey: '' })).toBeNull();
  });
});

describe('loadConfig', () => {
  it('fetches /api/config', async () => {
    const fetchFn = (async (url: string) => {
      expect(url).toBe('/api/config');
      return new Response(JSON.stringify(good), { status: 200 });
    }) as unknown as typeof fetch;
    await expect(loadConfig(fetchFn)).resolves.toMatchObject({ brand: { name: 'Hoster' } });
  });
  it('fails on an error status', async () => {
    const fetchFn = (async () => new Response('{}', { status: 500 })) as unknown as typeof fetch;
    await expect(loadConfig(fetchFn)).rejects.toThrow();
  });
});
