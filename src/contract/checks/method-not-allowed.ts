import { describeFailure } from '../describe-failure.ts';
import type { CheckFailure, Exchange } from '../types.ts';
import type { ProbeCheck } from './check.ts';

/**
 * RFC 9110 §15.5.6: a method the resource does not support answers 405 with an `Allow` header naming the
 * ones it does. A 404 would tell a client the path does not exist; a 2xx runs an undocumented operation.
 */
export function judgeMethodNotAllowed(
  exchange: Exchange,
  label: string,
  documented: readonly string[] = [],
): CheckFailure[] {
  const { status, headers } = exchange.response;
  if (status !== 405)
    return [
      describeFailure(
        exchange,
        `undocumented method accepted or misrouted: ${label} answered ${status}, expected 405`,
      ),
    ];
  if (!headers.allow) return [describeFailure(exchange, `405 without an Allow header: ${label}`)];
  // Allow names what the path supports: every documented method must be there (HEAD, OPTIONS may be extra).
  const allowed = headers.allow.split(',').map((m) => m.trim().toUpperCase());
  const missing = documented.filter((m) => !allowed.includes(m.toUpperCase()));
  if (missing.length)
    return [
      describeFailure(
        exchange,
        `405 Allow "${headers.allow}" leaves out documented ${missing.join(', ')}: ${label}`,
      ),
    ];
  return [];
}

export const methodNotAllowed: ProbeCheck<'method-not-allowed'> = {
  kind: 'probe',
  id: 'method-not-allowed',
  description:
    'A method the spec does not document for a path answers 405 with an Allow header (read-only runs send only ' +
    'undocumented GETs; --writes also sends PUT/PATCH/DELETE/POST, to item paths holding ids the run created).',
  judge: ({ exchange, label, expect }) =>
    judgeMethodNotAllowed(exchange, label, expect.kind === 'status' ? (expect.allow ?? []) : []),
};
