import fc from 'fast-check';
import type { JsonSchema } from '../../spec/types.ts';
import { asSchema, typeOf } from '../schema-shape.ts';
import { mergeAllOf } from './merge-all-of.ts';

const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);
/** Past this nesting, optional properties are left out and arrays are empty: recursive schemas end. */
const MAX_DEPTH = 4;

const isoDate = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

/** Mostly short printable text; now and then any Unicode (astral characters included), where lengths go wrong. */
function stringOf(schema: JsonSchema): fc.Arbitrary<string> {
  if (typeof schema.pattern === 'string') {
    try {
      return fc.stringMatching(new RegExp(schema.pattern, 'u'));
    } catch {
      return fc.constant('');
    }
  }
  switch (schema.format) {
    case 'date-time':
      return isoDate;
    case 'date':
      return isoDate.map((d) => d.slice(0, 10));
    case 'uuid':
      return fc.uuid();
    case 'email':
      return fc.emailAddress();
  }
  const minLength = num(schema.minLength) ?? 0;
  const maxLength = Math.min(num(schema.maxLength) ?? 40, minLength + 40);
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ minLength, maxLength }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength, maxLength }) },
  );
}

/**
 * Values meant to satisfy a (normalized) JSON schema: objects, arrays, strings with lengths, patterns and
 * formats, enums, numbers with bounds, booleans, `allOf` merged, `oneOf`/`anyOf` by their alternatives.
 * Callers filter with ajv: anything this does not model is dropped there, never sent as "valid".
 */
export function arbitraryFor(raw: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  const schema = mergeAllOf(raw);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (Array.isArray(schema.enum) && schema.enum.length > 0)
    return fc.constantFrom(...(schema.enum as unknown[]));
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (Array.isArray(alternatives) && alternatives.length > 0 && !typeOf(schema))
    return fc.oneof(...alternatives.map((alt) => arbitraryFor(asSchema(alt), depth + 1)));
  switch (typeOf(schema)) {
    case 'string':
      return stringOf(schema);
    case 'integer':
      return fc.integer({
        min: num(schema.minimum) ?? (num(schema.exclusiveMinimum) ?? -1_000_001) + 1,
        max: num(schema.maximum) ?? (num(schema.exclusiveMaximum) ?? 1_000_001) - 1,
      });
    case 'number':
      return fc.double({
        min: num(schema.minimum) ?? -1e6,
        max: num(schema.maximum) ?? 1e6,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const minLength = num(schema.minItems) ?? 0;
      if (depth >= MAX_DEPTH) return fc.constant([]);
      const maxLength = Math.min(num(schema.maxItems) ?? 3, minLength + 3);
      const items = arbitraryFor(asSchema(schema.items), depth + 1);
      return schema.uniqueItems === true
        ? fc.uniqueArray(items, { minLength, maxLength, selector: (v) => JSON.stringify(v) })
        : fc.array(items, { minLength, maxLength });
    }
    case 'object':
      return objectOf(schema, depth);
    default:
      return fc.constant(null);
  }
}

function objectOf(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  const properties = asSchema(schema.properties);
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  const names = Object.keys(properties).filter((name) => depth < MAX_DEPTH || required.includes(name));
  if (names.length === 0) return fc.constant({});
  return fc.record(
    Object.fromEntries(names.map((name) => [name, arbitraryFor(asSchema(properties[name]), depth + 1)])),
    // Plain objects only: a null-prototype one is no JSON a client would send, and breaks deep-equal checks.
    { requiredKeys: required.filter((name) => names.includes(name)), noNullPrototype: true },
  );
}

/**
 * A parameter travels as text: numbers are written in plain decimal (integers, or halves within the bounds),
 * never `5e-324` or `-0`, which a server may fairly read as "not a number" however JSON Schema coerces them.
 */
export function arbitraryForParam(raw: JsonSchema): fc.Arbitrary<unknown> {
  const schema = mergeAllOf(raw);
  const type = typeOf(schema);
  if ((type !== 'number' && type !== 'integer') || Array.isArray(schema.enum)) return arbitraryFor(schema);
  const min = Math.ceil(num(schema.minimum) ?? (num(schema.exclusiveMinimum) ?? -1_000_001) + 1);
  const max = Math.floor(num(schema.maximum) ?? (num(schema.exclusiveMaximum) ?? 1_000_001) - 1);
  const whole = fc.integer({ min, max }).map((n) => (Object.is(n, -0) ? 0 : n));
  return type === 'integer'
    ? whole
    : fc.oneof(
        whole,
        whole.map((n) => (n + 0.5 <= max ? n + 0.5 : n)),
      );
}
