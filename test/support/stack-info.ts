import { inject } from 'vitest';

export interface StackInfo {
  supabaseUrl: string;
  anonKey: string;
  serviceRoleKey: string;
  databaseUrl: string;
  mailboxUrl: string;
  workerPort: number;
  /** false when the tests run against a real Supabase */
  local: boolean;
  /** local stack only: where its signing key lives (tests forge expired and wrong-audience tokens with it) */
  keysDir?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackInfo;
  }
}

export const stack = (): StackInfo => inject('stack');
