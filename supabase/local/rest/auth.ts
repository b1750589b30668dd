// Which role a request runs as (PostgREST Auth.hs): no Bearer token → the anon role; a token is verified by
// the injected verifier and its `role` claim (default: anon) is used. Failures are PGRST301/PGRST303 (401).
import { RestError } from './errors.ts';

export interface Identity {
  role: string;
  claims: Record<string, unknown>;
  /** true when a JWT was presented (42501 is then 403, not 401) */
  authenticated: boolean;
}

function invalidToken(code: 'PGRST301' | 'PGRST303', message: string, details: string | null = null): RestError {
  return new RestError(401, code, message, details, null, {
    'WWW-Authenticate': `Bearer error="invalid_token", error_description=${JSON.stringify(message)}`,
  });
}

/** Maps whatever the verifier threw (keys.ts JwtError, jose errors, anything) to PostgREST's JWT errors. */
export function jwtErrorFor(err: unknown): RestError {
  const e = err as { code?: unknown; claim?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = typeof e?.message === 'string' ? e.message : '';
  if (code === 'jwt_expired' || code === 'ERR_JWT_EXPIRED' || /expired/i.test(message)) return invalidToken('PGRST303', 'JWT expired');
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') {
    if (e.claim === 'nbf') return invalidToken('PGRST303', 'JWT not yet valid');
    if (e.claim === 'iat') return invalidToken('PGRST303', 'JWT issued at future');
    if (e.claim === 'aud') return invalidToken('PGRST303', 'JWT not in audience');
    return invalidToken('PGRST303', 'Parsing claims failed');
  }
  if (code === 'ERR_JOSE_ALG_NOT_ALLOWED' || code === 'ERR_JOSE_NOT_SUPPORTED' || /alg|signing method/i.test(message)) {
    return invalidToken('PGRST301', 'Wrong or unsupported encoding algorithm');
  }
  return invalidToken('PGRST301', 'JWT cryptographic operation failed');
}

export async function identify(
  authorization: string | null | undefined,
  verifyJwt: (token: string) => Promise<Record<string, unknown>>,
  anonRole: string,
): Promise<Identity> {
  const m = authorization ? /^Bearer(?:\s+(.*))?$/i.exec(authorization.trim()) : null;
  if (!m) return { role: anonRole, claims: { role: anonRole }, authenticated: false };
  const token = (m[1] ?? '').trim();
  if (token === '') throw invalidToken('PGRST301', 'Empty JWT is sent in Authorization header');
  const parts = token.split('.').length;
  if (parts !== 3) throw invalidToken('PGRST301', `Expected 3 parts in JWT; got ${parts}`);
  let claims: Record<string, unknown>;
  try {
    claims = await verifyJwt(token);
  } catch (err) {
    throw jwtErrorFor(err);
  }
  const role = typeof claims.role === 'string' && claims.role !== '' ? claims.role : anonRole;
  return { role, claims: { ...claims, role }, authenticated: role !== anonRole };
}
