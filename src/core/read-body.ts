import { fail, ok, type Result } from '../shared/result.ts';
import { isJsonType } from '../spec/json-media.ts';
import { type ApiError, apiError } from './errors.ts';
import type { BodyRead, CoreRequest } from './types.ts';

export const MAX_BODY_BYTES = 100 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

const READ_FAILURES: Readonly<
  Record<Exclude<BodyRead, { ok: true }>['reason'], (limit: number) => ApiError>
> = {
  'too-large': (limit) =>
    apiError('PAYLOAD_TOO_LARGE', `body: larger than the ${limit} bytes this server accepts`),
  aborted: () => apiError('INVALID_REQUEST', 'body: the request was aborted'),
  'length-mismatch': () => apiError('INVALID_REQUEST', 'body: shorter or longer than its Content-Length'),
  'unsupported-encoding': () =>
    apiError('UNSUPPORTED_MEDIA_TYPE', 'Content-Encoding: only identity is accepted'),
};

/**
 * A JSON request body: Content-Type first (415), then at most `limit` bytes (413), UTF-8 (400),
 * JSON (400). No body, or an empty one, is `undefined`: validation then says whether one is required.
 * Any JSON value passes (`42`, `null`): the schema, not the parser, says "body: must be object".
 */
export async function readJsonBody(
  request: CoreRequest,
  limit = MAX_BODY_BYTES,
): Promise<Result<unknown, ApiError>> {
  const { body } = request;
  if (body === undefined) return ok(undefined);
  const contentType = request.headers['content-type'] ?? '';
  if (!isJsonType(contentType)) {
    const got = JSON.stringify((request.headers['content-type'] ?? 'none').slice(0, 60));
    return fail(apiError('UNSUPPORTED_MEDIA_TYPE', `Content-Type: must be application/json, got ${got}`));
  }
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1];
  if (charset !== undefined && charset.toLowerCase() !== 'utf-8' && charset.toLowerCase() !== 'utf8') {
    return fail(
      apiError(
        'UNSUPPORTED_MEDIA_TYPE',
        `Content-Type: unsupported charset "${charset.slice(0, 40).toUpperCase()}"`,
      ),
    );
  }
  let bytes: Uint8Array;
  if (typeof body === 'function') {
    const read = await body(limit);
    if (!read.ok) return fail(READ_FAILURES[read.reason](limit));
    bytes = read.bytes;
  } else {
    if (body.byteLength > limit) return fail(READ_FAILURES['too-large'](limit));
    bytes = body;
  }
  if (bytes.byteLength === 0) return ok(undefined);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return fail(apiError('INVALID_JSON', 'body: is not valid UTF-8'));
  }
  try {
    return ok(JSON.parse(text));
  } catch (error) {
    return fail(
      apiError('INVALID_JSON', `body: is not valid JSON (${(error as Error).message.slice(0, 200)})`),
    );
  }
}
