import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { AppConfig } from './config';

// The one supabase-js client of the SPA, created from the runtime configuration at start-up.
let client: SupabaseClient | undefined;

export function initSupabase(config: AppConfig): SupabaseClient {
  client ??= createClient(config.supabaseUrl, config.supabaseAnonKey, {
    auth: { persistSession: true, autoRefreshToken: true, detectSessionInUrl: true },
  });
  return client;
}

export function supabase(): SupabaseClient {
  if (!client) throw new Error('supabase() called before initSupabase()');
  return client;
}
