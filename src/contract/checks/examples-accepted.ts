import type { ProbeCheck } from './check.ts';
import { judgeAccepted } from './valid-input-accepted.ts';

export const examplesAccepted: ProbeCheck<'examples-accepted'> = {
  kind: 'probe',
  id: 'examples-accepted',
  description:
    "The spec's own examples (parameter examples, request body examples) are accepted by the server the spec " +
    'describes. An example that breaks its own schema is a defect of the description, and reported as one.',
  judge: ({ operation, exchange, label, expect }) =>
    expect.kind === 'accept' ? judgeAccepted(operation, exchange, label, expect, 'spec example refused') : [],
};
