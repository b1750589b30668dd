import type { Session, User } from '@supabase/supabase-js';
import { query } from '@solidjs/router';
import { createContext, createEffect, createSignal, on, onCleanup, useContext, type Accessor, type ParentProps } from 'solid-js';
import { useI18n } from '../i18n';
import { toAppError } from './errors';
import { supabase } from './supabase';

export interface SessionState {
  /** false until supabase-js has read the stored session (INITIAL_SESSION). */
  ready: Accessor<boolean>;
  session: Accessor<Session | null>;
  user: Accessor<User | null>;
  email: Accessor<string | null>;
  signIn: (email: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
}

/** Signs in with e-mail and password; throws AppError (invalid_credentials, network, …). */
export async function signIn(email: string, password: string): Promise<void> {
  const { error } = await supabase().auth.signInWithPassword({ email: email.trim(), password });
  if (error) throw toAppError(error);
}

/** Signs out everywhere; if the server cannot be reached, at least forgets the session here. */
export async function signOut(): Promise<void> {
  const { error } = await supabase().auth.signOut();
  if (error) await supabase().auth.signOut({ scope: 'local' });
  query.clear(); // nothing of the previous user stays in the cache
}

const SessionContext = createContext<SessionState>();

export function SessionProvider(props: ParentProps) {
  const [ready, setReady] = createSignal(false);
  const [session, setSession] = createSignal<Session | null>(null);

  // Keep the callback synchronous and free of supabase calls (supabase-js holds a lock while it runs).
  const { data } = supabase().auth.onAuthStateChange((_event, next) => {
    setSession(next);
    setReady(true);
  });
  onCleanup(() => data.subscription.unsubscribe());

  const user = () => session()?.user ?? null;

  // A language chosen in the header is also the language of the user's e-mails (profiles.language).
  const { lang } = useI18n();
  createEffect(
    on(
      lang,
      (next) => {
        const id = user()?.id;
        if (id) void supabase().from('profiles').update({ language: next }).eq('id', id).then(() => undefined);
      },
      { defer: true },
    ),
  );

  const state: SessionState = {
    ready,
    session,
    user,
    email: () => user()?.email ?? null,
    signIn,
    signOut,
  };
  return <SessionContext.Provider value={state}>{props.children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession() must be used inside <SessionProvider>');
  return value;
}
