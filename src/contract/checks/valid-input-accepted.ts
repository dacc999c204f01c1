import type { SpecOperation } from '../../spec/types.ts';
import { describeFailure } from '../describe-failure.ts';
import type { CheckFailure, Exchange, Expectation } from '../types.ts';
import type { ProbeCheck } from './check.ts';

type Accept = Extract<Expectation, { kind: 'accept' }>;

/**
 * Valid input may still get a 404 when the request names an id the server never listed (a spec example, a
 * generated id) and a 409 from a create; anything else that is not 2xx is a rejection. Whether that 404 or
 * 409 is documented is status-code-conformance's question, not this one's.
 */
export function judgeAccepted(
  _op: SpecOperation,
  exchange: Exchange,
  label: string,
  expect: Accept,
  verdict = 'valid input rejected',
): CheckFailure[] {
  const { status } = exchange.response;
  if (status >= 200 && status < 300) return [];
  if ((status === 404 && expect.mayBeMissing === true) || (status === 409 && expect.mayConflict === true))
    return [];
  return [describeFailure(exchange, `${verdict}: ${label} answered ${status}`)];
}

export const validInputAccepted: ProbeCheck<'valid-input-accepted'> = {
  kind: 'probe',
  id: 'valid-input-accepted',
  description:
    'Schema-valid requests (boundary values just inside every constraint, lengths counted in code points with ' +
    'astral characters, each enum value, fuzzed values) get 2xx, or a documented 404 for an id the server never ' +
    'listed, or 409 from a create. Every such request is checked valid against the schema before it is sent.',
  judge: ({ operation, exchange, label, expect }) =>
    expect.kind === 'accept' ? judgeAccepted(operation, exchange, label, expect) : [],
};
