import type { Result } from '../shared/result.ts';
import type { ApiError } from './errors.ts';
import { jsonOf, targetOf } from './fixture-from-har.ts';
import type { HarEntry } from './har.ts';
import { readHarEntries } from './read-har.ts';
import type { Fallback, FallbackRequest, FallbackResponse } from './types.ts';

/** Headers a replayed answer does not repeat: the server computes them again for the body it sends. */
const NOT_REPLAYED = new Set([
  'content-length',
  'content-encoding',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'date',
]);

/** Method, path and query (names sorted, repeated values in order): what a replayed request must match. */
function keyOf(method: string, path: string, query: Iterable<[string, string]>): string {
  const pairs = [...query].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${method.toUpperCase()} ${path} ${new URLSearchParams(pairs).toString()}`;
}

/** The part of a recorded path the mock sees: without the upstream's prefix (`/v1`), found from the resources. */
function prefixOf(entries: readonly HarEntry[]): string {
  for (const entry of entries) {
    const path = new URL(entry.request.url, 'http://recording').pathname;
    if (!targetOf(path)) continue;
    const at = path.search(/\/(accounts|customers)(\/|$)/);
    return at > 0 ? path.slice(0, at) : '';
  }
  return '';
}

/**
 * A fallback that answers an operation the store does not implement with the latest recorded answer to
 * the same method, path and query, and hands anything else to `next` (Prism in the Node adapter, the
 * spec's examples in a browser). Only JSON (or empty) bodies are replayed. Environment-free.
 */
export function createRecordedFallback(har: unknown, next: Fallback): Result<Fallback, ApiError> {
  const read = readHarEntries(har);
  if (!read.ok) return read;
  const prefix = prefixOf(read.value);
  const answers = new Map<string, FallbackResponse>();
  for (const entry of read.value) {
    const url = new URL(entry.request.url, 'http://recording');
    const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) || '/' : url.pathname;
    const { text, encoding } = entry.response.content;
    const body = jsonOf(text, encoding);
    if (text && body === undefined) continue;
    const headers: Record<string, string> = {};
    for (const { name, value } of entry.response.headers)
      if (!NOT_REPLAYED.has(name.toLowerCase())) headers[name.toLowerCase()] = value;
    answers.set(keyOf(entry.request.method, path, url.searchParams), {
      status: entry.response.status,
      headers,
      body,
    });
  }
  const lookup = (request: FallbackRequest) => {
    const pairs: [string, string][] = [];
    for (const [name, value] of Object.entries(request.query))
      for (const v of Array.isArray(value) ? value : [value]) pairs.push([name, v]);
    return answers.get(keyOf(request.method, request.path, pairs));
  };
  return {
    ok: true,
    value: async (request, prefer) => {
      // A forced `Prefer` answer is the next mocker's business, never a recording's.
      const forced = prefer.code !== undefined || prefer.example !== undefined || prefer.dynamic === true;
      const recorded = forced ? undefined : lookup(request);
      return recorded ? structuredClone(recorded) : next(request, prefer);
    },
  };
}
