// supabase-js clients as the app builds them, for tests running in Node 20.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { stack } from './stack-info.ts';

const options = {
  auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  // Node 20 has no global WebSocket; supabase-js refuses to start without one.
  realtime: { transport: WebSocket as unknown as typeof globalThis.WebSocket },
};

export function anonClient(): SupabaseClient {
  return createClient(stack().supabaseUrl, stack().anonKey, options);
}

export function serviceClient(): SupabaseClient {
  return createClient(stack().supabaseUrl, stack().serviceRoleKey, options);
}

/** A client acting with a given access token, as the Worker does with the caller's JWT. */
export function clientWithToken(accessToken: string): SupabaseClient {
  return createClient(stack().supabaseUrl, stack().anonKey, {
    ...options,
    global: { headers: { Authorization: `Bearer ${accessToken}` } },
  });
}

export async function signIn(email: string, password: string): Promise<{ client: SupabaseClient; accessToken: string; userId: string }> {
  const client = anonClient();
  const { data, error } = await client.auth.signInWithPassword({ email, password });
  if (error || !data.session) throw new Error(`sign-in of ${email} failed: ${error?.message}`);
  return { client, accessToken: data.session.access_token, userId: data.user.id };
}
