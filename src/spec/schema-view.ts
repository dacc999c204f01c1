import type { JsonSchema } from './types.ts';

/**
 * Reads schemas of a raw OpenAPI document (`$ref`s intact) one level at a time, so recursive
 * schemas (Togai's `InvoiceLineItem`) never need a fully dereferenced, circular tree: callers walk
 * as deep as they need and stop on a `$ref` they have already seen.
 */
export type Doc = Record<string, unknown>;

const isObj = (value: unknown): value is JsonSchema =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The node a local `$ref` (`#/components/schemas/X`) points at, or undefined. */
export function resolvePointer(doc: Doc, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = doc;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObj(node) && !Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Follows `$ref` chains; `refs` collects every ref passed, the identity of a named schema. */
export function follow(doc: Doc, node: unknown, refs: string[] = []): unknown {
  let current = node;
  for (let hops = 0; isObj(current) && typeof current.$ref === 'string'; hops++) {
    if (hops > 50 || refs.includes(current.$ref)) return {};
    refs.push(current.$ref);
    current = resolvePointer(doc, current.$ref);
  }
  return current;
}

const LOWER = ['minLength', 'minItems', 'minProperties', 'minimum'] as const;
const UPPER = ['maxLength', 'maxItems', 'maxProperties', 'maximum'] as const;

/**
 * Merges `allOf` into one schema, as Prism does before validating: properties and `required` are
 * united, bounds take the strictest value, and the merged object is closed when any part is
 * closed (closing the union, not each part: Togai's `CreateAccountRequest` is a closed part plus
 * `{customerId}`, which a literal reading would make unsatisfiable). Refs in parts are followed;
 * nested schemas are left as they are (merged when the caller reaches them).
 */
export function mergeAllOf(doc: Doc, schema: unknown, refs: string[] = []): JsonSchema {
  const base = follow(doc, schema, refs);
  if (!isObj(base)) return {};
  if (!Array.isArray(base.allOf)) return base;
  const { allOf, ...rest } = base;
  const parts = [rest, ...(allOf as unknown[]).map((part) => mergeAllOf(doc, part, [...refs]))];
  const out: JsonSchema = {};
  const properties: Record<string, unknown> = {};
  const required = new Set<string>();
  let closed = false;
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      if (key === 'properties' && isObj(value)) Object.assign(properties, value);
      else if (key === 'required' && Array.isArray(value))
        for (const name of value) required.add(String(name));
      else if (key === 'additionalProperties' && value === false) closed = true;
      else if ((LOWER as readonly string[]).includes(key) && typeof value === 'number')
        out[key] = Math.max(value, typeof out[key] === 'number' ? out[key] : value);
      else if ((UPPER as readonly string[]).includes(key) && typeof value === 'number')
        out[key] = Math.min(value, typeof out[key] === 'number' ? out[key] : value);
      else if (!(key in out)) out[key] = value;
    }
  }
  if (Object.keys(properties).length > 0) out.properties = properties;
  if (required.size > 0) out.required = [...required];
  if (closed) out.additionalProperties = false;
  if (out.type === undefined && (out.properties !== undefined || closed)) out.type = 'object';
  return out;
}

/** The JSON types a schema allows, OpenAPI 3.0 `nullable` included; undefined when unconstrained. */
export function typesOf(schema: JsonSchema): Set<string> | undefined {
  const declared = Array.isArray(schema.type)
    ? (schema.type as string[])
    : typeof schema.type === 'string'
      ? [schema.type]
      : undefined;
  if (!declared) return undefined;
  const types = new Set(declared);
  if (schema.nullable === true) types.add('null');
  return types;
}

/** Whether every value of type `inner` is of one of `outer` (integer is a number). */
export function typeCovered(inner: string, outer: Set<string>): boolean {
  return outer.has(inner) || (inner === 'integer' && outer.has('number'));
}
