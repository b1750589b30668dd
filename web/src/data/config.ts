// Runtime configuration from the Worker (`GET /api/config`): nothing provider-specific is built into the SPA.

export interface Brand {
  name: string;
  supportEmail: string;
  supportPhone: string;
  supportHours: string;
}

/** Base URLs of the other centers ('' = not configured); cluster links are `${url}/clusters/C-xxxx`. */
export interface Centers {
  managedCenterUrl: string;
  monitoringCenterUrl: string;
}

export interface AppConfig {
  supabaseUrl: string;
  supabaseAnonKey: string;
  brand: Brand;
  centers: Centers;
}

const httpUrl = (v: unknown): string => (/^https?:\/\//.test(str(v)) ? str(v).replace(/\/+$/, '') : '');

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/** Validates the body of /api/config; returns null when it is unusable. */
export function parseConfig(body: unknown): AppConfig | null {
  if (!body || typeof body !== 'object') return null;
  const b = body as Record<string, unknown>;
  const brand = (b.brand && typeof b.brand === 'object' ? b.brand : {}) as Record<string, unknown>;
  const centers = (b.centers && typeof b.centers === 'object' ? b.centers : {}) as Record<string, unknown>;
  const supabaseUrl = str(b.supabaseUrl);
  const supabaseAnonKey = str(b.supabaseAnonKey);
  if (!/^https?:\/\//.test(supabaseUrl) || !supabaseAnonKey) return null;
  return {
    supabaseUrl: supabaseUrl.replace(/\/+$/, ''),
    supabaseAnonKey,
    brand: {
      name: str(brand.name),
      supportEmail: str(brand.supportEmail),
      supportPhone: str(brand.supportPhone),
      supportHours: str(brand.supportHours),
    },
    centers: { managedCenterUrl: httpUrl(centers.managedCenterUrl), monitoringCenterUrl: httpUrl(centers.monitoringCenterUrl) },
  };
}

export async function loadConfig(fetchFn: typeof fetch = fetch): Promise<AppConfig> {
  const response = await fetchFn('/api/config', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`GET /api/config: ${response.status}`);
  const config = parseConfig(await response.json());
  if (!config) throw new Error('GET /api/config: unusable body');
  return config;
}
