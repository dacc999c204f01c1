import { ok, type Result } from '../shared/result.ts';
import { type ApiError, apiError } from './errors.ts';
import type { HarEntry } from './har.ts';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The entries of a parsed HAR, in the order they were recorded (by `startedDateTime`, stable). Entries
 * without a request method and URL or a response status are refused with the index of the first one.
 */
export function readHarEntries(har: unknown): Result<HarEntry[], ApiError> {
  const entries = isRecord(har) && isRecord(har.log) ? har.log.entries : undefined;
  if (!Array.isArray(entries))
    return {
      ok: false,
      error: apiError('INVALID_REQUEST', 'recording: not a HAR file (no log.entries array)'),
    };
  for (const [i, entry] of entries.entries()) {
    const request = isRecord(entry) ? entry.request : undefined;
    const response = isRecord(entry) ? entry.response : undefined;
    const valid =
      isRecord(request) &&
      typeof request.method === 'string' &&
      typeof request.url === 'string' &&
      isRecord(response) &&
      typeof response.status === 'number' &&
      isRecord(response.content);
    if (!valid)
      return {
        ok: false,
        error: apiError(
          'INVALID_REQUEST',
          `recording: log.entries[${i}] has no request method and url, or no response status and content`,
        ),
      };
  }
  const timeOf = (entry: HarEntry) => Date.parse(entry.startedDateTime) || 0;
  return ok([...(entries as HarEntry[])].sort((a, b) => timeOf(a) - timeOf(b)));
}
