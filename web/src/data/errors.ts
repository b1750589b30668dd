// Machine error codes the SPA knows how to explain, and a pure mapping from whatever an API returned
// (supabase-js auth error, PostgREST error, Worker error body, fetch failure) to one of them.
// The database puts its machine code into `message`; auth puts it into `code`; the Worker into `error.code`.

export const ERROR_CODES = [
  'not_allowed',
  'last_manager',
  'contact_person_cannot_be_removed',
  'contact_not_manager',
  'invalid_plan',
  'invalid_domain',
  'cluster_not_in_account',
  'already_customer',
  'member_not_found',
  'already_member',
  'rate_limited',
  'invitation_expired',
  'invitation_used',
  'invitation_not_found',
  'invitation_wrong_user',
  'invalid_email',
  'validation_failed',
  'invalid_credentials',
  'weak_password',
  'same_password',
  'over_email_send_rate_limit',
  'otp_expired',
  'mail_failed',
  'network',
  'unknown',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** An error the SPA raises itself; `code` is always one it can translate. */
export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message?: string) {
    super(message ?? code);
    this.name = 'AppError';
    this.code = code;
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** Codes other services use for something we already have a message for. */
const ALIASES: Record<string, ErrorCode> = {
  '42501': 'not_allowed', // insufficient_privilege (RLS / grant)
  PGRST301: 'not_allowed', // JWT invalid
  PGRST302: 'not_allowed', // anonymous access disabled
  PGRST303: 'not_allowed', // JWT claims invalid
  insufficient_privilege: 'not_allowed',
  forbidden: 'not_allowed',
  unauthorized: 'not_allowed',
  invalid_token: 'not_allowed', // Worker: expired or foreign JWT
  bad_jwt: 'not_allowed',
  no_authorization: 'not_allowed',
  session_not_found: 'not_allowed',
  session_expired: 'not_allowed',
  '22P02': 'validation_failed', // invalid text representation, e.g. a malformed uuid
  '23514': 'validation_failed', // check violation
  bad_json: 'validation_failed',
  email_address_invalid: 'invalid_email',
  invalid_grant: 'invalid_credentials',
  over_request_rate_limit: 'over_email_send_rate_limit',
  invitation_revoked: 'invitation_not_found',
};

const MESSAGE_PATTERNS: Array<[RegExp, ErrorCode]> = [
  [/invalid login credentials/i, 'invalid_credentials'],
  [/(token|link) (has expired|is invalid)|invalid or has expired/i, 'otp_expired'],
  [/failed to fetch|networkerror|fetch failed|load failed|network request failed/i, 'network'],
];

function fromString(value: unknown): ErrorCode | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  if (isErrorCode(value)) return value;
  return ALIASES[value];
}

/** Maps anything thrown or returned as `error` to an ErrorCode. Never throws. */
export function errorCode(err: unknown): ErrorCode {
  if (err === null || err === undefined) return 'unknown';
  if (typeof err === 'string') return fromString(err) ?? 'unknown';
  if (typeof err !== 'object') return 'unknown';
  const e = err as Record<string, unknown>;

  // Worker: {error: {code, message}}
  if (e.error && typeof e.error === 'object') return errorCode(e.error);

  if (e.name === 'AuthRetryableFetchError') return 'network';

  // Exact codes first (the database's code in `message` beats the SQLSTATE alias in `code`: 42501 +
  // invitation_wrong_user is invitation_wrong_user), then aliases.
  const candidates = [e.code, e.message, e.error_code];
  for (const candidate of candidates) if (isErrorCode(candidate)) return candidate;
  for (const candidate of candidates) {
    const code = fromString(candidate);
    if (code) return code;
  }
  // "P0001: last_manager" style or a code followed by a sentence.
  if (typeof e.message === 'string') {
    const first = /^([a-z_]+)\b/.exec(e.message.trim())?.[1];
    if (first && isErrorCode(first) && first !== 'unknown' && first !== 'network') return first;
    for (const [pattern, code] of MESSAGE_PATTERNS) if (pattern.test(e.message)) return code;
  }
  if (e.status === 0) return 'network';
  return 'unknown';
}

/** Turns an API error into an AppError (keeps the original as `cause` for the console only). */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const appError = new AppError(errorCode(err));
  (appError as { cause?: unknown }).cause = err;
  return appError;
}
