import type { MiddlewareHandler } from 'hono';
import { createRemoteJWKSet, customFetch, errors, jwtVerify, type JWTPayload } from 'jose';
import { AppError } from '../errors';
import { createUserClient } from '../services/supabase';
import type { AppEnv, Fetch } from '../types';

type JWKS = ReturnType<typeof createRemoteJWKSet>;
/** Returns the (cached) key set of a Supabase project. */
export type JwksFor = (supabaseUrl: string) => JWKS;

/** Only asymmetric algorithms: HS256 (e.g. signed with the anon key as secret) and `none` never pass. */
const ALGORITHMS = ['ES256', 'RS256'];

/**
 * Key sets per JWKS URL. One cache per app instance; the default app lives as long as the isolate,
 * so keys are fetched once and refetched by jose only for an unknown `kid` (after its cooldown).
 */
export function createJwksCache(fetch: Fetch): JwksFor {
  const sets = new Map<string, JWKS>();
  return (supabaseUrl: string): JWKS => {
    const url = `${supabaseUrl}/auth/v1/.well-known/jwks.json`;
    let set = sets.get(url);
    if (!set) {
      set = createRemoteJWKSet(new URL(url), { [customFetch]: fetch, timeoutDuration: 5000 });
      sets.set(url, set);
    }
    return set;
  };
}

/**
 * Requires `Authorization: Bearer <jwt>` from Supabase Auth, verified against the project's JWKS
 * (issuer `${SUPABASE_URL}/auth/v1`, audience `authenticated`, role `authenticated`).
 * Puts `user`, `jwt` and a Supabase client acting as the caller on the context.
 * Needs `config` and `deps` on the context (set in app.ts).
 */
export const auth = (jwks: JwksFor): MiddlewareHandler<AppEnv> => async (c, next) => {
  const header = c.req.header('Authorization');
  if (!header) throw new AppError('unauthorized', 401, 'Missing Authorization header; send "Authorization: Bearer <access token>"');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw new AppError('unauthorized', 401, 'Authorization header must have the form "Bearer <access token>"');
  const jwt = match[1];

  const { supabaseUrl, supabaseAnonKey } = c.var.config;
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(jwt, jwks(supabaseUrl), {
      algorithms: ALGORITHMS,
      audience: 'authenticated',
      issuer: `${supabaseUrl}/auth/v1`,
      requiredClaims: ['sub', 'exp'],
    }));
  } catch (error) {
    throw verificationError(error);
  }

  if (payload.role !== 'authenticated' || typeof payload.sub !== 'string' || payload.sub === '') {
    throw new AppError('invalid_token', 401, 'Token is not the access token of a signed-in user');
  }

  c.set('jwt', jwt);
  c.set('user', { id: payload.sub, email: typeof payload.email === 'string' ? payload.email : null });
  c.set('supabase', createUserClient(supabaseUrl, supabaseAnonKey, jwt, c.var.deps.fetch));
  await next();
};

function verificationError(error: unknown): AppError {
  const invalid = (message: string) => new AppError('invalid_token', 401, message, { cause: error });
  if (error instanceof errors.JWTExpired) return invalid('Token has expired; sign in again');
  if (error instanceof errors.JWTClaimValidationFailed) return invalid(`Token claim "${error.claim}" is not accepted (${error.reason})`);
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return invalid(`Token algorithm is not accepted; expected one of ${ALGORITHMS.join(', ')}`);
  }
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWSSignatureVerificationFailed) {
    return invalid('Token signature does not match any key of this project');
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid || error instanceof errors.JWKInvalid) {
    return invalid('Token is malformed');
  }
  // Could not load or use the key set (network, timeout, bad JWKS): not the caller's fault.
  console.error('[auth] JWKS unavailable:', error instanceof Error ? error.message : error);
  return new AppError('upstream_failed', 502, 'Could not load the signing keys to verify the token', { cause: error });
}
