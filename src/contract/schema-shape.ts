import type { JsonSchema } from '../spec/types.ts';

/** A sub-schema as an object; anything else (a boolean schema, a missing one) reads as `{}`. */
export const asSchema = (value: unknown): JsonSchema =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonSchema) : {};

/** The non-null type a schema describes; `properties` alone implies an object. */
export function typeOf(schema: JsonSchema): string | undefined {
  const type = schema.type;
  if (Array.isArray(type)) return type.find((t) => t !== 'null') as string | undefined;
  if (typeof type === 'string') return type;
  if (schema.properties) return 'object';
  return undefined;
}
