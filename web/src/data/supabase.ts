import { AuthClient } from '@supabase/auth-js';
import { PostgrestClient } from '@supabase/postgrest-js';
import type { AppConfig } from './config';

// The one Supabase client of the SPA, created from the runtime configuration at start-up.
// Only the two parts the app uses, Auth (GoTrue) and PostgREST, instead of supabase-js' createClient, which
// also bundles Realtime, Storage and Functions (~26 kB gzipped of the login page's JavaScript; see
// docs/performance.md). Wired as createClient wires them: same storage key (sessions survive the switch),
// apikey on every request, the signed-in user's access token (else the anon key) as Bearer for PostgREST.
export interface AppSupabase {
  auth: InstanceType<typeof AuthClient>;
  from: PostgrestClient['from'];
  rpc: PostgrestClient['rpc'];
}

let client: AppSupabase | undefined;

function createAppClient(url: string, key: string): AppSupabase {
  const base = url.replace(/\/+$/, '');
  const auth = new AuthClient({
    url: `${base}/auth/v1`,
    headers: { Authorization: `Bearer ${key}`, apikey: key },
    storageKey: `sb-${new URL(base).hostname.split('.')[0]}-auth-token`,
    persistSession: true,
    autoRefreshToken: true,
    detectSessionInUrl: true,
  });
  const fetchWithAuth: typeof fetch = async (input, init) => {
    const { data } = await auth.getSession();
    const headers = new Headers(init?.headers);
    if (!headers.has('apikey')) headers.set('apikey', key);
    if (!headers.has('Authorization')) headers.set('Authorization', `Bearer ${data.session?.access_token ?? key}`);
    return fetch(input, { ...init, headers });
  };
  const rest = new PostgrestClient(`${base}/rest/v1`, { headers: { apikey: key }, fetch: fetchWithAuth });
  return { auth, from: (relation: string) => rest.from(relation), rpc: rest.rpc.bind(rest) as PostgrestClient['rpc'] };
}

export function initSupabase(config: AppConfig): AppSupabase {
  client ??= createAppClient(config.supabaseUrl, config.supabaseAnonKey);
  return client;
}

export function supabase(): AppSupabase {
  if (!client) throw new Error('supabase() called before initSupabase()');
  return client;
}
