import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { loadSpec } from '../../src/spec/load-spec.ts';

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/** Validates a response body against the spec's schema for (operationId, status); returns the errors. */
export async function createResponseValidator(): Promise<
  (operationId: string, status: number, body: unknown) => string[]
> {
  const spec = await loadSpec();
  if (!spec.ok) throw new Error(spec.error);
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const cache = new Map<string, ValidateFunction>();
  return (operationId, status, body) => {
    const operation = spec.value.operations.find((o) => o.operationId === operationId);
    if (!operation) return [`no operation ${operationId}`];
    const response = operation.responses[String(status)] ?? operation.responses.default;
    if (!response) return [`status ${status} is not documented for ${operationId}`];
    const schema = response.content['application/json']?.schema;
    if (!schema) return body === undefined ? [] : ['a body where the spec declares none'];
    const key = `${operationId}:${status}`;
    let validate = cache.get(key);
    if (!validate) {
      validate = ajv.compile(schema);
      cache.set(key, validate);
    }
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  };
}
