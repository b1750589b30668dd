import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { Fetch } from '../types';

/**
 * Realtime is never used by the Worker, but createClient builds a realtime client eagerly and, in plain
 * Node 20 (integration tests), throws when there is no global WebSocket. Hand it a placeholder that is
 * never instantiated; workerd and Node 22+ have a native WebSocket and get that.
 */
class NoWebSocket {
  constructor() {
    throw new Error('WebSocket is not available in this runtime; the Worker does not use Realtime');
  }
}
const transport = (globalThis as { WebSocket?: unknown }).WebSocket ?? NoWebSocket;

const noSession = { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false } as const;

/** A client that acts as the caller: every request carries their JWT, so RLS decides. */
export function createUserClient(url: string, anonKey: string, jwt: string, fetch: Fetch): SupabaseClient {
  return createClient(url, anonKey, {
    global: { headers: { Authorization: `Bearer ${jwt}` }, fetch },
    auth: noSession,
    realtime: { transport: transport as any },
  });
}

/** Service-role client. Only services/auth-admin.ts may call this. */
export function createServiceClient(url: string, serviceRoleKey: string, fetch: Fetch): SupabaseClient {
  return createClient(url, serviceRoleKey, {
    global: { fetch },
    auth: noSession,
    realtime: { transport: transport as any },
  });
}
