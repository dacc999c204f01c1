import type { JsonSchema, SpecOperation } from '../spec/types.ts';
import { mergeAllOf } from './schema/merge-all-of.ts';

/** Pure facts about the spec's resources: which operation creates, reads or deletes an item, and its key. */

export const findOperation = (
  ops: readonly SpecOperation[],
  method: string,
  path: string,
): SpecOperation | undefined => ops.find((op) => op.method === method && op.path === path);

/** The collection a path parameter names an item of: `/accounts/{account_id}/x` → `/accounts`. */
export const collectionOf = (op: SpecOperation, param: string): string =>
  op.path.slice(0, op.path.indexOf(`/{${param}}`));

/** The operation on one item of `collection` (`/accounts/{account_id}`, nothing after it). */
export const itemOperation = (
  ops: readonly SpecOperation[],
  method: string,
  collection: string,
): SpecOperation | undefined =>
  ops.find(
    (op) =>
      op.method === method &&
      op.path.startsWith(`${collection}/{`) &&
      /^\/\{[^}/]+\}$/.test(op.path.slice(collection.length)),
  );

/** A POST to a path with no parameter creates an item of it when an item path exists below it. */
export const isCreateOperation = (op: SpecOperation): boolean =>
  op.method === 'post' && !op.path.includes('{');

export const jsonSchemaOf = (op: SpecOperation): JsonSchema | undefined =>
  op.requestBody?.content['application/json']?.schema ??
  Object.values(op.requestBody?.content ?? {})[0]?.schema;

export const jsonExampleOf = (op: SpecOperation): unknown =>
  op.requestBody?.content['application/json']?.example ??
  Object.values(op.requestBody?.content ?? {})[0]?.example;

/** The first documented 2xx JSON schema of an operation. */
export function successSchemaOf(op: SpecOperation): JsonSchema | undefined {
  for (const [status, response] of Object.entries(op.responses)) {
    if (!/^2/.test(status)) continue;
    const schema = response.content['application/json']?.schema ?? Object.values(response.content)[0]?.schema;
    if (schema) return mergeAllOf(schema);
  }
  return undefined;
}

const camel = (name: string): string => name.replace(/[_-]([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * The property that identifies an item of `collection`, read from the path template and the item's schema:
 * `{account_id}` with an `id` property → `id`; `{alias}` → `alias`; `{event_schema_name}` → `name`;
 * `{widget_key}` with a `widgetKey` property → `widgetKey`; `{alias}` over `{value, createdAt}` → `value`.
 * Falls back to `id`.
 */
export function keyOf(ops: readonly SpecOperation[], collection: string): string {
  const item = itemOperation(ops, 'get', collection) ?? itemOperation(ops, 'delete', collection);
  const param = item ? /\{([^}]+)\}$/.exec(item.path)?.[1] : undefined;
  const create = findOperation(ops, 'post', collection);
  const schema = (item && successSchemaOf(item)) ?? (create && successSchemaOf(create));
  const properties =
    (schema?.properties as Record<string, { type?: unknown; format?: unknown }> | undefined) ?? {};
  const names = Object.keys(properties);
  if (!param) return 'id';
  const words = param.split(/[_-]/);
  const candidates = [param, camel(param), words.at(-1) ?? '', 'id', 'name', 'key'];
  const named = candidates.find((c) => names.includes(c));
  if (named) return named;
  // `{alias}` over `{value, createdAt}`: the first required plain string is what the path names.
  const required = Array.isArray(schema?.required) ? (schema.required as string[]) : [];
  const plain = required.find(
    (name) => properties[name]?.type === 'string' && properties[name]?.format === undefined,
  );
  return plain ?? 'id';
}

/** The keys a create answered with: the item's own, or those of the items of a `data` list (a batch create). */
export function createdKeys(json: unknown, key: string): string[] {
  const own = (json as Record<string, unknown> | undefined)?.[key];
  if (typeof own === 'string' || typeof own === 'number') return [String(own)];
  return keysOf(json, key);
}

/** The keys of the items of a list page (`data[].<key>`), as strings. */
export function keysOf(json: unknown, key: string): string[] {
  const data = (json as { data?: unknown } | undefined)?.data;
  if (!Array.isArray(data)) return [];
  return data
    .map((item) => (item as Record<string, unknown> | null)?.[key])
    .filter((v): v is string | number => typeof v === 'string' || typeof v === 'number')
    .map(String);
}

/** Names of parameters that carry a server-issued cursor: no generated value is a valid one. */
export const isCursorParam = (name: string): boolean =>
  /(^|_|[a-z])(next|page|continuation)?_?(token|cursor)$/i.test(name);
