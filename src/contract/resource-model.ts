import type { JsonSchema, SpecOperation } from '../spec/types.ts';

/**
 * Request-side facts of operations the phases use. What a resource is (its create, read, delete, key
 * and list envelope) is the shared model of src/spec/resources, which the mock infers the same way.
 */

export const findOperation = (
  ops: readonly SpecOperation[],
  method: string,
  path: string,
): SpecOperation | undefined => ops.find((op) => op.method === method && op.path === path);

/** The collection a path parameter names an item of: `/accounts/{account_id}/x` → `/accounts`. */
export const collectionOf = (op: SpecOperation, param: string): string =>
  op.path.slice(0, op.path.indexOf(`/{${param}}`));

/** A POST to a path with no parameter creates an item of it when an item path exists below it. */
export const isCreateOperation = (op: SpecOperation): boolean =>
  op.method === 'post' && !op.path.includes('{');

export const jsonSchemaOf = (op: SpecOperation): JsonSchema | undefined =>
  op.requestBody?.content['application/json']?.schema ??
  Object.values(op.requestBody?.content ?? {})[0]?.schema;

export const jsonExampleOf = (op: SpecOperation): unknown =>
  op.requestBody?.content['application/json']?.example ??
  Object.values(op.requestBody?.content ?? {})[0]?.example;

/** Names of parameters that carry a server-issued cursor: no generated value is a valid one. */
export const isCursorParam = (name: string): boolean =>
  /(^|_|[a-z])(next|page|continuation)?_?(token|cursor)$/i.test(name);
