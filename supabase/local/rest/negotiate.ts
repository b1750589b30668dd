// Content negotiation: the response media type from `Accept`, the schema from Accept-Profile/Content-Profile.
import { RestError } from './errors.ts';

export interface Media {
  /** one JSON object instead of an array (application/vnd.pgrst.object+json) */
  singular: boolean;
  stripNulls: boolean;
  contentType: string;
}

const ARRAY = 'application/json; charset=utf-8';
const OBJECT = 'application/vnd.pgrst.object+json; charset=utf-8';

/** Picks the first acceptable entry of `Accept`; none acceptable → 406 PGRST107. */
export function negotiateMedia(accept: string | null | undefined): Media {
  if (!accept || accept.trim() === '') return { singular: false, stripNulls: false, contentType: ARRAY };
  const entries = accept.split(',').map((e) => e.trim()).filter(Boolean);
  for (const entry of entries) {
    const [type, ...rawParams] = entry.split(';').map((s) => s.trim().toLowerCase());
    const stripNulls = rawParams.includes('nulls=stripped');
    if (type === 'application/vnd.pgrst.object+json' || type === 'application/vnd.pgrst.object') {
      return { singular: true, stripNulls, contentType: stripNulls ? OBJECT.replace(';', ';nulls=stripped;') : OBJECT };
    }
    if (type === 'application/json' || type === 'application/vnd.pgrst.array+json' || type === '*/*' || type === 'application/*') {
      return { singular: false, stripNulls: stripNulls && type === 'application/vnd.pgrst.array+json', contentType: ARRAY };
    }
  }
  throw new RestError(406, 'PGRST107', `None of these media types are available: ${entries.map((e) => e.split(';')[0]).join(', ')}`);
}

/** The request's schema: the profile header for its method, else the first exposed schema. */
export function negotiateSchema(method: string, headers: Headers, schemas: string[]): string {
  const read = method === 'GET' || method === 'HEAD';
  const wanted = headers.get(read ? 'accept-profile' : 'content-profile');
  if (wanted == null) return schemas[0];
  if (!schemas.includes(wanted)) {
    throw new RestError(406, 'PGRST106', `Invalid schema: ${wanted}`, null, `Only the following schemas are exposed: ${schemas.join(', ')}`);
  }
  return wanted;
}

/** json_strip_nulls for the top level objects of a body (PostgREST strips recursively; so do we). */
export function stripNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripNulls);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, stripNulls(v)]));
  }
  return value;
}
