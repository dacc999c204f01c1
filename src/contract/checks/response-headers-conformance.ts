import { describeFailure, findDocumentedResponse } from '../describe-failure.ts';
import type { CheckFailure } from '../types.ts';
import type { ResponseCheck } from './check.ts';

export const responseHeadersConformance: ResponseCheck<'response-headers-conformance'> = {
  kind: 'response',
  id: 'response-headers-conformance',
  description:
    'Headers the spec requires are present; documented headers that are present match their schema.',
  judge({ operation, exchange, validators }) {
    const documented = findDocumentedResponse(operation, exchange.response.status);
    if (!documented) return [];
    const failures: CheckFailure[] = [];
    for (const header of documented.response.headers) {
      const value = exchange.response.headers[header.name];
      if (value === undefined) {
        if (header.required) {
          failures.push(
            describeFailure(exchange, `required header "${header.name}" missing (status ${documented.key})`),
          );
        }
        continue;
      }
      for (const error of validators.validateHeader(header.schema, value)) {
        failures.push(
          describeFailure(exchange, `header "${header.name}: ${value}" ${error.message}`, {
            schemaPath: `responses/${documented.key}/headers/${header.name}/schema${error.schemaPath.slice(1)}`,
            keyword: error.keyword,
          }),
        );
      }
    }
    return failures;
  },
};
