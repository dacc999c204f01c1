import { describeFailure, findDocumentedResponse } from '../describe-failure.ts';
import type { ResponseCheck } from './check.ts';

export const statusCodeConformance: ResponseCheck<'status-code-conformance'> = {
  kind: 'response',
  id: 'status-code-conformance',
  description: 'Every status is documented for the operation (`default` covers error statuses only).',
  judge({ operation, exchange }) {
    const { status } = exchange.response;
    if (findDocumentedResponse(operation, status)) return [];
    const documented = Object.keys(operation.responses).join(', ');
    return [
      describeFailure(
        exchange,
        `undocumented status ${status} for ${operation.operationId} (documented: ${documented})`,
      ),
    ];
  },
};
