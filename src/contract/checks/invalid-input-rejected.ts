import { describeFailure } from '../describe-failure.ts';
import type { CheckFailure, Exchange } from '../types.ts';
import type { ProbeCheck } from './check.ts';

export function judgeRejected(exchange: Exchange, label: string): CheckFailure[] {
  const { status } = exchange.response;
  if (status >= 400 && status < 500) return [];
  const verdict = status >= 500 ? 'server error on invalid input' : 'invalid input accepted';
  return [describeFailure(exchange, `${verdict}: ${label} answered ${status}, expected 4xx`)];
}

export const invalidInputRejected: ProbeCheck<'invalid-input-rejected'> = {
  kind: 'probe',
  id: 'invalid-input-rejected',
  description:
    'Requests that break the spec (values just outside every bound, lengths in code points, unknown enum values, ' +
    'wrong types, missing required body fields, unknown properties where forbidden) get a 4xx, never 2xx or 5xx. ' +
    'Every such request is checked invalid against the schema before it is sent; unknown query parameters are ' +
    'never sent as invalid, since the spec does not forbid them.',
  judge: ({ exchange, label }) => judgeRejected(exchange, label),
};
