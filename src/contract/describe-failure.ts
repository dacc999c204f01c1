import type { SpecOperation, SpecResponse } from '../spec/types.ts';
import { formatCurl } from './format-curl.ts';
import type { CheckFailure, Exchange } from './types.ts';

const EXCERPT_LENGTH = 600;

/** A failure with everything needed to reproduce it: the request, a response excerpt and a curl line. */
export function describeFailure(
  exchange: Exchange,
  message: string,
  extra: Partial<Pick<CheckFailure, 'instancePath' | 'schemaPath' | 'keyword'>> = {},
): CheckFailure {
  const { request, response } = exchange;
  const excerpt =
    response.bodyText.length > EXCERPT_LENGTH
      ? `${response.bodyText.slice(0, EXCERPT_LENGTH)}…`
      : response.bodyText;
  const contentType = response.headers['content-type'];
  return {
    message,
    request,
    response: { status: response.status, ...(contentType ? { contentType } : {}), excerpt },
    ...extra,
    curl: formatCurl(request),
  };
}

/**
 * The documented response for a status: the exact code, then a range (`4XX`), then `default`. `default`
 * covers error statuses (>= 400), and success only for an operation that documents no 2xx: our spec
 * declares `default` as "an unexpected error" on every operation, and letting it cover a 2xx beside
 * a documented 200 would make an undocumented success code impossible to catch.
 */
export function findDocumentedResponse(
  op: SpecOperation,
  status: number,
): { key: string; response: SpecResponse } | undefined {
  for (const key of [String(status), `${String(status)[0]}XX`]) {
    const response = op.responses[key];
    if (response) return { key, response };
  }
  // xtrf's descriptions document every operation's answers under `default` alone.
  const fallback = op.responses.default;
  const noSuccess = !Object.keys(op.responses).some((key) => /^2/.test(key));
  return fallback && (status >= 400 || noSuccess) ? { key: 'default', response: fallback } : undefined;
}

/** `application/json; charset=utf-8` → `application/json`. */
export const mediaTypeOf = (header: string | undefined): string | undefined =>
  header?.split(';')[0]?.trim().toLowerCase() || undefined;

/** The documented media entry matching a content type, honouring `application/*` and `*\/*` ranges. */
export function findMedia(response: SpecResponse, contentType: string | undefined) {
  const type = mediaTypeOf(contentType);
  if (!type) return undefined;
  for (const [key, media] of Object.entries(response.content)) {
    const k = key.toLowerCase();
    if (k === type || k === '*/*' || (k.endsWith('/*') && type.startsWith(k.slice(0, -1))))
      return { key, media };
  }
  return undefined;
}
