import { describeFailure } from '../describe-failure.ts';
import type { ResponseCheck } from './check.ts';

export const maxResponseTime: ResponseCheck<'max-response-time'> = {
  kind: 'response',
  id: 'max-response-time',
  description: 'With --max-response-time MS: every response arrives within MS milliseconds.',
  skipReason: (limits) =>
    limits.maxResponseTimeMs === undefined ? 'no limit set: pass --max-response-time MS' : undefined,
  judge({ exchange, limits }) {
    const limit = limits.maxResponseTimeMs;
    const elapsed = exchange.elapsedMs;
    if (limit === undefined || elapsed === undefined || elapsed <= limit) return [];
    return [
      describeFailure(exchange, `slow response: ${Math.round(elapsed)} ms, over the limit of ${limit} ms`),
    ];
  },
};
