import { describeFailure } from '../describe-failure.ts';
import type { CheckFailure, Exchange } from '../types.ts';
import type { ProbeCheck } from './check.ts';

/** A request missing a required parameter or header must be refused with a 4xx. */
export function judgeMissingRequired(exchange: Exchange, label: string): CheckFailure[] {
  const { status } = exchange.response;
  if (status >= 400 && status < 500) return [];
  const verdict =
    status >= 500 ? 'server error on a missing required input' : 'missing required input accepted';
  return [describeFailure(exchange, `${verdict}: ${label} answered ${status}, expected 4xx`)];
}

export const missingRequiredRejected: ProbeCheck<'missing-required-rejected'> = {
  kind: 'probe',
  id: 'missing-required-rejected',
  description: 'A request without a required query parameter or header is refused with a 4xx.',
  judge: ({ exchange, label }) => judgeMissingRequired(exchange, label),
};
