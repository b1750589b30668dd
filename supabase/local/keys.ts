// Signing keys of the local stack: one ES256 key pair (like a hosted project's asymmetric JWT signing key),
// created on first start and kept in the git-ignored data folder so sessions and API keys survive restarts.
// The anon and service-role keys are long-lived ES256 JWTs signed with it, labelled development-only.
import { SignJWT, calculateJwkThumbprint, decodeProtectedHeader, errors, exportJWK, generateKeyPair, importJWK, jwtVerify } from 'jose';
import type { JWK, JWTPayload } from 'jose';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type JwtErrorCode = 'bad_jwt' | 'jwt_expired';

/** Why a token was refused; `code` is stable, `message` is for people and logs. */
export class JwtError extends Error {
  constructor(
    readonly code: JwtErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'JwtError';
  }
}

export type JwtClaims = JWTPayload & Record<string, unknown>;

export interface VerifyOptions {
  /** Audiences accepted when a token carries `aud`; a token without `aud` (the API keys) is accepted. */
  audience?: string | string[];
}

export interface PublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  kid: string;
  alg: 'ES256';
  use: 'sig';
  key_ops: ['verify'];
}

export interface LocalKeys {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: PublicJwk;
  jwks: { keys: PublicJwk[] };
  anonKey: string;
  serviceRoleKey: string;
  /** Signs `claims` with iat = now and exp = now + expiresInSec (iss defaults to the issuer). */
  sign(claims: Record<string, unknown>, expiresInSec: number): Promise<string>;
  /** Returns the claims of a token signed by this key, or throws a JwtError. */
  verify(token: string, opts?: VerifyOptions): Promise<JwtClaims>;
}

/** Same leeway as PostgREST gives clocks that disagree a little. */
const CLOCK_LEEWAY_SEC = 30;
const API_KEY_LIFETIME_SEC = 10 * 365 * 24 * 3600;
const DEFAULT_AUDIENCE = 'authenticated';
const KEY_FILE = 'jwt-signing-key.json';

interface StoredKeys {
  comment: string;
  kid: string;
  privateJwk: JWK;
  issuer: string;
  anonKey: string;
  serviceRoleKey: string;
}

export async function loadOrCreateKeys(dir: string, issuer: string): Promise<LocalKeys> {
  const file = join(dir, KEY_FILE);
  const stored = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as StoredKeys) : undefined;
  const privateJwk = stored?.privateJwk ?? (await exportJWK((await generateKeyPair('ES256', { extractable: true })).privateKey));
  const { x, y } = privateJwk;
  if (!x || !y) throw new Error(`${file} does not hold an EC P-256 private key`);
  const kid = stored?.kid ?? (await calculateJwkThumbprint({ kty: 'EC', crv: 'P-256', x, y }));
  const privateKey = (await importJWK(privateJwk, 'ES256')) as CryptoKey;
  const publicJwk: PublicJwk = { kty: 'EC', crv: 'P-256', x, y, kid, alg: 'ES256', use: 'sig', key_ops: ['verify'] };
  const publicKey = (await importJWK({ kty: 'EC', crv: 'P-256', x, y }, 'ES256')) as CryptoKey;

  const sign = (claims: Record<string, unknown>, expiresInSec: number): Promise<string> => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ iss: issuer, ...claims, iat: now, exp: now + expiresInSec })
      .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
      .sign(privateKey);
  };

  const verify = async (token: string, opts: VerifyOptions = {}): Promise<JwtClaims> => {
    try {
      // Refuse before any parsing of claims: only ES256 with this key (no `none`, no HS256 with a known string).
      if (decodeProtectedHeader(token).alg !== 'ES256') throw new JwtError('bad_jwt', 'signing method is not ES256');
      const { payload } = await jwtVerify(token, publicKey, { algorithms: ['ES256'], clockTolerance: CLOCK_LEEWAY_SEC });
      checkAudience(payload.aud, opts.audience ?? DEFAULT_AUDIENCE);
      return payload as JwtClaims;
    } catch (e) {
      throw toJwtError(e);
    }
  };

  // The API keys are re-issued only when missing or when the issuer (the API URL) changed.
  let anonKey = stored?.anonKey;
  let serviceRoleKey = stored?.serviceRoleKey;
  if (!anonKey || !serviceRoleKey || stored?.issuer !== issuer) {
    anonKey = await sign({ role: 'anon', ref: 'local-dev-only' }, API_KEY_LIFETIME_SEC);
    serviceRoleKey = await sign({ role: 'service_role', ref: 'local-dev-only' }, API_KEY_LIFETIME_SEC);
  }
  if (!stored || stored.anonKey !== anonKey || stored.serviceRoleKey !== serviceRoleKey) {
    mkdirSync(dir, { recursive: true });
    const content: StoredKeys = {
      comment: 'Local development only. Never use this key or these API keys anywhere else.',
      kid,
      privateJwk,
      issuer,
      anonKey,
      serviceRoleKey,
    };
    writeFileSync(file, JSON.stringify(content, null, 2) + '\n', { mode: 0o600 });
  }

  return { kid, privateKey, publicJwk, jwks: { keys: [publicJwk] }, anonKey, serviceRoleKey, sign, verify };
}

function checkAudience(aud: JWTPayload['aud'], expected: string | string[]): void {
  if (aud === undefined) return;
  const accepted = Array.isArray(expected) ? expected : [expected];
  const given = Array.isArray(aud) ? aud : [aud];
  if (!given.some((a) => accepted.includes(a))) throw new JwtError('bad_jwt', 'token has invalid claims: token has invalid audience');
}

function toJwtError(e: unknown): JwtError {
  if (e instanceof JwtError) return e;
  if (e instanceof errors.JWTExpired) return new JwtError('jwt_expired', 'token has invalid claims: token is expired');
  if (e instanceof errors.JWSSignatureVerificationFailed) return new JwtError('bad_jwt', 'signature is invalid');
  if (e instanceof errors.JOSEAlgNotAllowed) return new JwtError('bad_jwt', 'signing method is not ES256');
  if (e instanceof errors.JWTClaimValidationFailed) return new JwtError('bad_jwt', `token has invalid claims: ${e.message}`);
  return new JwtError('bad_jwt', 'token is malformed');
}
