import { describeFailure } from '../describe-failure.ts';
import type { CheckFailure, Exchange } from '../types.ts';
import type { SequenceCheck } from './check.ts';

/** An item a create answered 2xx for can be read at its item path right away. */
export function judgeAvailable(exchange: Exchange, key: string): CheckFailure[] {
  if (exchange.response.status === 200) return [];
  return [
    describeFailure(
      exchange,
      `created item ${key} is not available: reading it answered ${exchange.response.status}`,
    ),
  ];
}

export const resourceAvailability: SequenceCheck<'resource-availability'> = {
  kind: 'sequence',
  id: 'resource-availability',
  phase: 'stateful',
  description:
    'With --writes, for every resource with a create and an item path (keyed by whatever its path template ' +
    'names): the created item can be read back at once.',
};
