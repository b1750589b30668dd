import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { every } from 'hono/combine';
import { AppError } from '../errors';

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;

/**
 * Edge checks before a route validates its JSON body: size limit (413 `payload_too_large`),
 * `Content-Type: application/json` (415 `unsupported_media_type`), parseable JSON (400 `invalid_json`).
 * The parsed body stays in Hono's body cache, so `validator('json', ...)` reuses it.
 */
export const jsonBody = (maxBytes: number): MiddlewareHandler =>
  every(
    bodyLimit({
      maxSize: maxBytes,
      onError: () => {
        throw new AppError('payload_too_large', 413, `Request body must be at most ${maxBytes} bytes`);
      },
    }),
    async (c, next) => {
      const mediaType = (c.req.header('Content-Type') ?? '').split(';')[0]!.trim();
      if (!JSON_TYPE.test(mediaType)) {
        throw new AppError('unsupported_media_type', 415, 'Content-Type must be application/json');
      }
      try {
        await c.req.json();
      } catch {
        throw new AppError('invalid_json', 400, 'Request body is not valid JSON');
      }
      await next();
    },
  );
