import type { BodyRead, CoreRequest } from '../../core/index.ts';

/**
 * The core's view of a web `Request` (MSW hands the resolver one): the path without the base URL's
 * own path, still percent-encoded; headers with lower-case names; the body read only when the core
 * asks, and no further than its limit.
 */
export function toCoreRequest(request: Request, url: URL, prefix: string): CoreRequest {
  const headers: Record<string, string> = {};
  // Headers iterate with lower-case names, repeated ones joined by ", " as HTTP joins them.
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const path = url.pathname.slice(prefix.length);
  return {
    method: request.method,
    path: path === '' ? '/' : path,
    query: url.searchParams,
    headers,
    ...(request.body !== null ? { body: (limit: number) => readBody(request, limit) } : {}),
  };
}

/** Reads the body up to `limit` bytes; a compressed body is refused rather than inflated. */
async function readBody(request: Request, limit: number): Promise<BodyRead> {
  const encoding = request.headers.get('content-encoding');
  if (encoding !== null && encoding.toLowerCase() !== 'identity')
    return { ok: false, reason: 'unsupported-encoding' };
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) return { ok: false, reason: 'too-large' };
  const stream = request.body;
  if (stream === null) return { ok: true, bytes: new Uint8Array(0) };
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        // Not awaited: under msw/node the cancel of an intercepted body never settles.
        reader.cancel().catch(() => {});
        return { ok: false, reason: 'too-large' };
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, reason: 'aborted' };
  }
  if (chunks.length === 1) return { ok: true, bytes: chunks[0] as Uint8Array };
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return { ok: true, bytes };
}
