import { describeFailure, findDocumentedResponse, findMedia } from '../describe-failure.ts';
import type { ResponseCheck } from './check.ts';

export const contentTypeConformance: ResponseCheck<'content-type-conformance'> = {
  kind: 'response',
  id: 'content-type-conformance',
  description: 'A response with a documented body has a Content-Type, and it is one the spec documents.',
  judge({ operation, exchange }) {
    const documented = findDocumentedResponse(operation, exchange.response.status);
    if (!documented) return [];
    const types = Object.keys(documented.response.content);
    const header = exchange.response.headers['content-type'];
    const hasBody = exchange.response.bodyText.length > 0;
    if (types.length === 0) return [];
    if (!header) {
      return [
        describeFailure(
          exchange,
          hasBody
            ? `content type missing: status ${exchange.response.status} has a body but no Content-Type (expected ${types.join(' or ')})`
            : `content type missing: status ${exchange.response.status} documents ${types.join(' or ')} but the response is empty`,
        ),
      ];
    }
    if (findMedia(documented.response, header)) return [];
    return [
      describeFailure(
        exchange,
        `undocumented content type "${header}" for status ${exchange.response.status} (expected ${types.join(' or ')})`,
      ),
    ];
  },
};
