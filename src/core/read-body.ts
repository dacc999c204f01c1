import { parseChunked } from '@discoveryjs/json-ext';
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
  seen?: (bytes: Uint8Array) => void,
): Promise<Result<unknown, ApiError>> {
  const read = await readBodyBytes(request, limit);
  if (!read.ok || read.value === undefined) return read;
  seen?.(read.value);
  let text: string;
  try {
    text = utf8.decode(read.value);
  } catch {
    return fail(NOT_UTF8);
  }
  try {
    return ok(JSON.parse(text));
  } catch (error) {
    return fail(notJson(error));
  }
}

/** Bytes parsed between two turns given to other requests: a few milliseconds of work. */
export const PARSE_SLICE_BYTES = 256 * 1024;

/**
 * `readJsonBody` for bodies of many megabytes (`POST /__admin/import`): the same checks and
 * errors, but decoded and parsed a slice at a time, waiting for `pause` between slices, so other
 * requests are answered while it is parsed (@discoveryjs/json-ext's `parseChunked` keeps the
 * state between slices and parses each with `JSON.parse`). `tooLarge` words the 413.
 */
export async function readLargeJsonBody(
  request: CoreRequest,
  limit: number,
  pause: () => Promise<void>,
  tooLarge?: (limit: number) => ApiError,
): Promise<Result<unknown, ApiError>> {
  const read = await readBodyBytes(request, limit, tooLarge);
  if (!read.ok || read.value === undefined) return read;
  const bytes = read.value;
  let badUtf8 = false;
  async function* slices(): AsyncGenerator<string> {
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
    try {
      for (let at = 0; at < bytes.byteLength; at += PARSE_SLICE_BYTES) {
        if (at > 0) await pause();
        yield decoder.decode(bytes.subarray(at, at + PARSE_SLICE_BYTES), { stream: true });
      }
      const rest = decoder.decode();
      if (rest) yield rest;
    } catch (error) {
      badUtf8 = error instanceof TypeError;
      throw error;
    }
  }
  try {
    return ok(await parseChunked(slices));
  } catch (error) {
    return fail(badUtf8 ? NOT_UTF8 : notJson(error));
  }
}

const NOT_UTF8 = apiError('INVALID_JSON', 'body: is not valid UTF-8');
const notJson = (error: unknown) =>
  apiError('INVALID_JSON', `body: is not valid JSON (${(error as Error).message.slice(0, 200)})`);

/** Content-Type (415), charset (415), then at most `limit` bytes (413); none or empty: undefined. */
async function readBodyBytes(
  request: CoreRequest,
  limit: number,
  tooLarge: (limit: number) => ApiError = READ_FAILURES['too-large'],
): Promise<Result<Uint8Array | undefined, ApiError>> {
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
    if (!read.ok)
      return fail(read.reason === 'too-large' ? tooLarge(limit) : READ_FAILURES[read.reason](limit));
    bytes = read.bytes;
  } else {
    if (body.byteLength > limit) return fail(tooLarge(limit));
    bytes = body;
  }
  return ok(bytes.byteLength === 0 ? undefined : bytes);
}
