// GoTrue's error shapes (internal/api/errors.go, apierrors/). Every failure in the Auth stand-in is an AuthError
// value thrown from where it is found and rendered here, in one place.
import type { Context } from 'hono';

export class AuthError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** extra top-level fields GoTrue adds for some codes, e.g. `weak_password: { reasons }` */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

/** The OAuth2-style error GoTrue still uses for a few token-endpoint cases (no error code, no header). */
export class OAuthError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
    this.name = 'OAuthError';
  }
}

export const API_VERSION_HEADER = 'x-supabase-api-version';
const API_VERSION_2024 = '2024-01-01';

/** auth-js sends 2024-01-01; GoTrue answers newer clients with `{code,message}` and echoes the version. */
function speaksApiVersion2024(c: Context): boolean {
  const v = c.req.header(API_VERSION_HEADER);
  return !!v && /^\d{4}-\d{2}-\d{2}$/.test(v) && v >= API_VERSION_2024;
}

/** Postgres data exceptions (class 22: value too long, bad encoding, …) come from input the routes let through. */
const isPostgresDataError = (err: Error) => /^22[0-9A-Z]{3}$/.test(String((err as { code?: unknown }).code));

function asAuthError(err: Error): AuthError {
  if (err instanceof AuthError) return err;
  if (isPostgresDataError(err)) return new AuthError(400, 'validation_failed', `Invalid input: ${err.message}`);
  console.error('[auth stand-in] unexpected failure:', err);
  return new AuthError(500, 'unexpected_failure', 'Unexpected failure, please check server logs for more information');
}

export function renderAuthError(err: Error, c: Context): Response {
  if (err instanceof OAuthError) {
    return c.json({ error: err.error, error_description: err.description }, 400);
  }
  const e = asAuthError(err);
  c.header('x-sb-error-code', e.code);
  const status = e.status as 400;
  if (speaksApiVersion2024(c)) {
    c.header(API_VERSION_HEADER, API_VERSION_2024);
    return c.json({ code: e.code, message: e.message, ...e.extra }, status);
  }
  return c.json({ code: e.status, error_code: e.code, msg: e.message, ...e.extra }, status);
}

// The errors several routes share, worded as GoTrue words them.
export const errors = {
  badJson: (detail: string) => new AuthError(400, 'bad_json', `Could not parse request body as JSON: ${detail}`),
  validation: (message: string, status = 400) => new AuthError(status, 'validation_failed', message),
  emailExists: () => new AuthError(422, 'email_exists', 'A user with this email address has already been registered'),
  weakPassword: (minLength: number) =>
    new AuthError(422, 'weak_password', `Password should be at least ${minLength} characters.`, { weak_password: { reasons: ['length'] } }),
  notImplementedHere: (what: string) => new AuthError(422, 'validation_failed', `${what} is not supported by the local Auth stand-in.`),
};
