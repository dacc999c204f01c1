import { mergeAllOf } from './schema-view.ts';
import type { JsonSchema } from './types.ts';

/** Keywords of OpenAPI 3.0's schema dialect that JSON Schema validators do not know. */
const OPENAPI_ONLY = new Set(['example', 'discriminator', 'xml', 'externalDocs', 'deprecated']);

/**
 * Turns an OpenAPI 3.0 schema into plain JSON Schema (draft 7) once, at load time:
 * `nullable: true` becomes a `null` type, annotations ajv's strict mode rejects are dropped, and
 * `allOf` is merged into one schema, as Prism does (Togai's `CreateAccountRequest` is a closed part
 * plus `{customerId}`: read literally it refuses every body; see `mergeAllOf`).
 * Works on an already-dereferenced tree; shared subtrees are normalized once.
 */
export function normalizeSchema(schema: unknown, seen = new WeakMap<object, unknown>()): unknown {
  if (Array.isArray(schema)) return schema.map((item) => normalizeSchema(item, seen));
  if (schema === null || typeof schema !== 'object') return schema;
  const cached = seen.get(schema);
  if (cached !== undefined) return cached;
  const out: JsonSchema = {};
  seen.set(schema, out);
  for (const [key, value] of Object.entries(schema)) {
    if (OPENAPI_ONLY.has(key) || key.startsWith('x-')) continue;
    // `properties` and `patternProperties` are maps of names: a property may be called "example".
    if (key === 'properties' || key === 'patternProperties') {
      out[key] = Object.fromEntries(
        Object.entries(value as JsonSchema).map(([name, sub]) => [name, normalizeSchema(sub, seen)]),
      );
      continue;
    }
    out[key] = normalizeSchema(value, seen);
  }
  // OpenAPI 3.0 (draft 4) writes an exclusive bound as `minimum: 0, exclusiveMinimum: true`.
  for (const [exclusive, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof out[exclusive] !== 'boolean') continue;
    if (out[exclusive] === true && typeof out[bound] === 'number') {
      out[exclusive] = out[bound];
      delete out[bound];
    } else delete out[exclusive];
  }
  if (out.nullable === true) {
    delete out.nullable;
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  } else {
    delete out.nullable;
  }
  if (Array.isArray(out.allOf)) {
    // In place: a recursive schema may already hold a reference to `out`.
    const merged = mergeAllOf({}, out);
    for (const key of Object.keys(out)) delete out[key];
    Object.assign(out, merged);
  }
  return out;
}
