import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * The one error type of the Worker. Thrown anywhere, rendered by `onError` in app.ts as
 * `{"error":{"code":"...","message":"..."}}` with `status`.
 * `code` is a stable machine code (the SPA translates it); `message` is an English sentence.
 */
export class AppError extends Error {
  override readonly name = 'AppError';

  constructor(
    readonly code: string,
    readonly status: ContentfulStatusCode,
    message: string,
    options?: { cause?: unknown; headers?: Record<string, string> },
  ) {
    super(message, options);
    this.headers = options?.headers ?? {};
  }

  /** Extra response headers, e.g. Retry-After on 429. */
  readonly headers: Record<string, string>;
}

export type ErrorBody = { error: { code: string; message: string } };

export const errorBody = (code: string, message: string): ErrorBody => ({ error: { code, message } });
