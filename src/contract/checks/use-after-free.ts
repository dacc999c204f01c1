import { describeFailure } from '../describe-failure.ts';
import type { CheckFailure, Exchange } from '../types.ts';
import type { SequenceCheck } from './check.ts';

/** After a successful delete, the item is gone: reading, updating or deleting it again answers 404 (or 410). */
export function judgeAfterDelete(exchange: Exchange, what: string): CheckFailure[] {
  const { status } = exchange.response;
  if (status === 404 || status === 410) return [];
  return [describeFailure(exchange, `use after delete: ${what} answered ${status}, expected 404`)];
}

export const useAfterFree: SequenceCheck<'use-after-free'> = {
  kind: 'sequence',
  id: 'use-after-free',
  phase: 'stateful',
  description:
    'With --writes, for every resource with a create and an item path: after a delete answers 2xx, reading, ' +
    'updating and deleting the item again answer 404.',
};
