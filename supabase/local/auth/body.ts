// Reading request bodies at the edge of each route: JSON objects only, fields checked for type, so that
// bad input becomes a 400 in GoTrue's shape and never reaches SQL as the wrong type.
import type { Context } from 'hono';
import { errors } from './errors.ts';

export const MAX_BODY_BYTES = 1024 * 1024;

export type JsonObject = Record<string, unknown>;

/** For endpoints whose body is optional (DELETE /admin/users/:id): no body reads as {}. */
export async function readOptionalJsonObject(c: Context): Promise<JsonObject> {
  const text = await c.req.text();
  return text.trim() === '' ? {} : parseJsonObject(text);
}

export async function readJsonObject(c: Context): Promise<JsonObject> {
  return parseJsonObject(await c.req.text());
}

function parseJsonObject(text: string): JsonObject {
  // bodyLimit (app.ts) already refuses large bodies; this guards callers that skip the middleware.
  if (text.length > MAX_BODY_BYTES) throw errors.validation('Request body is larger than 1 MB');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw errors.badJson((e as Error).message);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw errors.badJson('the body must be a JSON object');
  return value as JsonObject;
}

function typeError(name: string, expected: string): Error {
  return errors.badJson(`field "${name}" must be ${expected}`);
}

/** A string field; absent and null read as undefined, like an unset Go string. */
export function optionalString(body: JsonObject, name: string): string | undefined {
  const v = body[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw typeError(name, 'a string');
  return v;
}

export function optionalBoolean(body: JsonObject, name: string): boolean | undefined {
  const v = body[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw typeError(name, 'a boolean');
  return v;
}

/** A JSON object field (metadata); null reads as undefined. */
export function optionalObject(body: JsonObject, name: string): JsonObject | undefined {
  const v = body[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw typeError(name, 'an object');
  return v as JsonObject;
}
