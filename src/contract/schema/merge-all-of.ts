import type { JsonSchema } from '../../spec/types.ts';

type Obj = Record<string, unknown>;
const isObj = (value: unknown): value is Obj =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const LOWER_BOUNDS = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties'];
const UPPER_BOUNDS = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties'];

const merged = new WeakMap<object, JsonSchema>();
const outputs = new WeakSet<object>();

/**
 * Every `allOf`, at any depth, folded into one schema, as Prism reads a description: properties united,
 * `required` united, the stricter bound kept, and `additionalProperties: false` of any part applying to the
 * union. Read as strict JSON Schema, Togai's `CreateAccountRequest` (a closed part plus `{customerId}`)
 * rejects every body with `customerId`; merged, it means what its authors meant.
 *
 * Recursive schemas stay recursive: results are memoized by identity, so a cycle maps onto itself and
 * nothing here ever serializes a schema.
 */
export function mergeAllOf(schema: unknown): JsonSchema {
  if (!isObj(schema)) return {};
  if (outputs.has(schema)) return schema;
  const known = merged.get(schema);
  if (known) return known;
  const out: JsonSchema = {};
  merged.set(schema, out);
  outputs.add(out);
  const { allOf, ...own } = schema;
  const parts: Obj[] = [own, ...(Array.isArray(allOf) ? allOf.map(mergeAllOf) : [])];
  for (const part of parts) combineInto(out, part);
  if (isObj(out.properties)) {
    out.properties = Object.fromEntries(
      Object.entries(out.properties).map(([key, sub]) => [key, isObj(sub) ? mergeAllOf(sub) : sub]),
    );
  }
  for (const key of ['items', 'additionalProperties', 'not'] as const)
    if (isObj(out[key])) out[key] = mergeAllOf(out[key]);
  for (const key of ['anyOf', 'oneOf'] as const)
    if (Array.isArray(out[key]))
      out[key] = (out[key] as unknown[]).map((s) => (isObj(s) ? mergeAllOf(s) : s));
  return out;
}

function combineInto(out: JsonSchema, part: Obj): void {
  for (const [key, value] of Object.entries(part)) {
    const current = out[key];
    if (current === undefined) {
      out[key] = key === 'properties' && isObj(value) ? { ...value } : value;
    } else if (key === 'properties' && isObj(value) && isObj(current)) {
      for (const [name, sub] of Object.entries(value))
        current[name] = current[name] === undefined ? sub : { allOf: [current[name], sub] };
    } else if (key === 'required' && Array.isArray(value) && Array.isArray(current)) {
      out.required = [...new Set([...current, ...value])];
    } else if (key === 'additionalProperties') {
      if (value === false || current === false) out.additionalProperties = false;
    } else if (LOWER_BOUNDS.includes(key) && typeof value === 'number' && typeof current === 'number') {
      out[key] = Math.max(value, current);
    } else if (UPPER_BOUNDS.includes(key) && typeof value === 'number' && typeof current === 'number') {
      out[key] = Math.min(value, current);
    } else if (key === 'enum' && Array.isArray(value) && Array.isArray(current)) {
      out.enum = current.filter((v) => value.some((w) => Object.is(v, w)));
    }
    // Anything else: the first part that says it wins (a later `description` adds nothing to validation).
  }
}
