import { createValidators } from '../../src/contract/validators.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';

/**
 * Validates a response body against the spec's schema for (operationId, status) with the contract
 * runner's own validators; returns the errors, empty when valid.
 */
export async function createResponseValidator(): Promise<
  (operationId: string, status: number, body: unknown) => string[]
> {
  const spec = await loadSpec();
  if (!spec.ok) throw new Error(spec.error);
  const { operations } = spec.value;
  const validators = createValidators(operations);
  return (operationId, status, body) => {
    const operation = operations.find((o) => o.operationId === operationId);
    if (!operation) return [`no operation ${operationId}`];
    const response = operation.responses[String(status)] ?? operation.responses.default;
    if (!response) return [`status ${status} is not documented for ${operationId}`];
    const schema = response.content['application/json']?.schema;
    if (!schema) return body === undefined ? [] : ['a body where the spec declares none'];
    return validators.validateBody(schema, body).map((e) => `${e.instancePath} ${e.message}`);
  };
}
