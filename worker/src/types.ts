import type { SupabaseClient } from '@supabase/supabase-js';
import type { Bindings, Config } from './env';
import type { MailDriver } from './services/mail/types';

/** A fetch that can be swapped for a stub in tests (JWKS, Supabase, mail endpoints). */
export type Fetch = typeof fetch;

/** What the app factory can be given; everything has a production default. */
export type Deps = {
  fetch: Fetch;
  /** Replaces the configured mail driver for outbox delivery (tests: a driver that fails N times). */
  mailDriver?: MailDriver;
};

/** The user the verified JWT belongs to. */
export type AuthUser = { id: string; email: string | null };

export type AppEnv = {
  Bindings: Bindings;
  Variables: {
    deps: Deps;
    /** Validated environment (set by the `config` middleware). */
    config: Config;
    /** Set by the `auth` middleware. */
    user: AuthUser;
    /** Supabase client acting as the caller (their JWT): RLS decides. Set by `auth`. */
    supabase: SupabaseClient;
    /** The caller's raw JWT (set by `auth`). */
    jwt: string;
  };
};
