import { REFERENCE_SPEC } from '../../fixtures/contract/reference-spec.ts';
import type { Exchange } from '../../src/contract/types.ts';
import { createValidators } from '../../src/contract/validators.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';
import type { SpecOperation } from '../../src/spec/types.ts';

// The fixture's frozen copy of the spec: these tests do not move when the bundled spec does.
const loaded = await loadSpec(REFERENCE_SPEC);
if (!loaded.ok) throw new Error(loaded.error);
export const spec = loaded.value;
export const validators = createValidators(spec.operations);

export function operation(id: string): SpecOperation {
  const op = spec.operations.find((o) => o.operationId === id);
  if (!op) throw new Error(`no operation ${id}`);
  return op;
}

export function exchange(status: number, body: unknown, headers: Record<string, string> = {}): Exchange {
  const bodyText = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  return {
    request: {
      method: 'GET',
      url: 'http://127.0.0.1:1/accounts',
      headers: { authorization: 'Bearer $TOGAI_TOKEN' },
    },
    response: {
      status,
      headers: { 'content-type': 'application/json', ...headers },
      bodyText,
      ...(typeof body === 'object' ? { json: body } : {}),
    },
  };
}

export const account = (id: string) => ({
  id,
  togaiAccountId: `account.${id}.x`,
  customerId: 'CUST_1',
  togaiCustomerId: 'customer.c1.x',
  name: `Account ${id}`,
  status: 'ACTIVE',
});
