import fc from 'fast-check';
import type { JsonSchema } from '../../src/spec/types.ts';

const asSchema = (value: unknown): JsonSchema =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonSchema) : {};
const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

/** `allOf` of plain schemas folded into one: the spec only uses it to attach a default. */
function flatten(schema: JsonSchema): JsonSchema {
  if (!Array.isArray(schema.allOf)) return schema;
  const { allOf, ...rest } = schema;
  return Object.assign({}, ...(allOf as unknown[]).map((part) => flatten(asSchema(part))), rest);
}

/** Short printable text most of the time; now and then any Unicode, so odd characters reach the store. */
function stringOf(minLength: number, maxLength: number): fc.Arbitrary<string> {
  const shortMax = Math.min(maxLength, minLength + 12);
  return fc.oneof(
    { weight: 6, arbitrary: fc.string({ minLength, maxLength: shortMax }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength, maxLength: shortMax }) },
    // Exactly at the limit, where off-by-one errors live (capped: a 1000-character string is no news).
    {
      weight: 1,
      arbitrary: fc.string({ minLength: Math.min(maxLength, 400), maxLength: Math.min(maxLength, 400) }),
    },
  );
}

const isoDate = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

/**
 * Values that satisfy a (dereferenced, normalized) JSON schema of the spec: enough of JSON Schema
 * for request bodies — objects, arrays, strings with lengths, enums and date-times, numbers, booleans.
 */
export function arbitraryFor(raw: JsonSchema): fc.Arbitrary<unknown> {
  const schema = flatten(raw);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string': {
      if (schema.format === 'date-time') return isoDate;
      return stringOf(num(schema.minLength) ?? 0, num(schema.maxLength) ?? 40);
    }
    case 'integer':
      return fc.integer({
        min: num(schema.minimum) ?? -2_147_483_648,
        max: num(schema.maximum) ?? 2_147_483_647,
      });
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const items = arbitraryFor(asSchema(schema.items));
      const minLength = num(schema.minItems) ?? 0;
      const maxLength = Math.min(num(schema.maxItems) ?? 4, minLength + 4);
      return schema.uniqueItems === true
        ? fc.uniqueArray(items, { minLength, maxLength, selector: (v) => JSON.stringify(v) })
        : fc.array(items, { minLength, maxLength });
    }
    default:
      return objectOf(schema);
  }
}

function objectOf(schema: JsonSchema): fc.Arbitrary<unknown> {
  const properties = asSchema(schema.properties);
  const names = Object.keys(properties);
  if (names.length === 0) {
    // A map such as `metadata`: free keys (prototype names included) with values of the declared schema.
    const values = arbitraryFor(asSchema(schema.additionalProperties));
    const key = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('__proto__', 'constructor', 'toString'),
    );
    return fc.array(fc.tuple(key, values), { maxLength: 4 }).map((entries) => Object.fromEntries(entries));
  }
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  const minProperties = num(schema.minProperties) ?? 0;
  const record = fc.record(
    Object.fromEntries(names.map((name) => [name, arbitraryFor(asSchema(properties[name]))])),
    { requiredKeys: required.filter((name) => names.includes(name)) },
  );
  return minProperties > 0
    ? record.filter((value) => Object.keys(value as object).length >= minProperties)
    : record;
}

/** One change that makes a valid body invalid under its schema, and says which. */
export type BodyMutation =
  | { kind: 'drop-required'; pick: number }
  | { kind: 'wrong-type'; pick: number }
  | { kind: 'too-long'; pick: number }
  | { kind: 'extra-property' }
  | { kind: 'not-an-object'; value: unknown };

export const bodyMutation: fc.Arbitrary<BodyMutation> = fc.oneof(
  fc.record({ kind: fc.constant('drop-required' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('wrong-type' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('too-long' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('extra-property' as const) }),
  fc.record({
    kind: fc.constant('not-an-object' as const),
    value: fc.oneof(fc.constant(null), fc.integer(), fc.string(), fc.array(fc.integer(), { maxLength: 3 })),
  }),
);

/**
 * Applies a mutation to a valid body of `schema`; undefined when it cannot apply (no required
 * field to drop, no string with a maximum to overflow), so the request stays a valid one.
 */
export function mutateBody(
  body: Record<string, unknown>,
  raw: JsonSchema,
  mutation: BodyMutation,
): unknown | undefined {
  const schema = flatten(raw);
  const properties = asSchema(schema.properties);
  const at = <T>(list: T[], pick: number) => list[pick % list.length];
  switch (mutation.kind) {
    case 'not-an-object':
      return mutation.value;
    case 'extra-property':
      return { ...body, zzExtraProperty: 'not in the schema' };
    case 'drop-required': {
      const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
      const name = required.length ? at(required, mutation.pick) : undefined;
      if (name === undefined) return undefined;
      const { [name]: _dropped, ...rest } = body;
      return rest;
    }
    case 'wrong-type': {
      const present = Object.keys(body).filter((name) => name in properties);
      const name = present.length ? at(present, mutation.pick) : undefined;
      if (name === undefined) return undefined;
      const value = body[name];
      return {
        ...body,
        [name]: typeof value === 'string' ? 12345 : typeof value === 'number' ? '12' : 'text',
      };
    }
    case 'too-long': {
      const capped = Object.keys(properties).filter((name) => {
        const property = flatten(asSchema(properties[name]));
        return property.type === 'string' && typeof property.maxLength === 'number' && !property.enum;
      });
      const name = capped.length ? at(capped, mutation.pick) : undefined;
      if (name === undefined) return undefined;
      const maxLength = num(flatten(asSchema(properties[name])).maxLength) ?? 0;
      return { ...body, [name]: 'x'.repeat(maxLength + 1) };
    }
  }
}
