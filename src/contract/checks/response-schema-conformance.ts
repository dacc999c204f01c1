import { describeFailure, findDocumentedResponse, findMedia } from '../describe-failure.ts';
import type { ResponseCheck } from './check.ts';

const MAX_ERRORS_PER_RESPONSE = 10;

const escapePointer = (segment: string): string => segment.replace(/~/g, '~0').replace(/\//g, '~1');

export const responseSchemaConformance: ResponseCheck<'response-schema-conformance'> = {
  kind: 'response',
  id: 'response-schema-conformance',
  description: 'The body is valid against the documented schema; failures name the JSON pointer and keyword.',
  judge({ operation, exchange, validators }) {
    const { response } = exchange;
    const documented = findDocumentedResponse(operation, response.status);
    // Undocumented statuses and content types are other checks' failures; nothing to validate against.
    const media = documented && findMedia(documented.response, response.headers['content-type']);
    if (!documented || !media?.media.schema) return [];
    if (response.json === undefined) {
      const what = response.bodyText.trim() === '' ? 'empty' : 'not valid JSON';
      return [
        describeFailure(
          exchange,
          `response body is ${what}; status ${documented.key} documents a ${media.key} schema`,
        ),
      ];
    }
    const base = `responses/${documented.key}/content/${escapePointer(media.key)}/schema`;
    const errors = validators.validateBody(media.media.schema, response.json);
    return errors.slice(0, MAX_ERRORS_PER_RESPONSE).map((error) =>
      describeFailure(exchange, `body ${error.instancePath} ${error.message} (keyword "${error.keyword}")`, {
        instancePath: error.instancePath,
        schemaPath: `${base}${error.schemaPath.slice(1)}`,
        keyword: error.keyword,
      }),
    );
  },
};
