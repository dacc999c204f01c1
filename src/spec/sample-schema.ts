import type { JsonSchema } from './types.ts';

/**
 * A small value valid against a normalized schema (allOf merged, nullable as a `null` type), for
 * answering operations the store does not implement when the description's own example is missing
 * or breaks its schema. Deterministic and minimal: required properties only, the fewest items
 * allowed, bounds met at their edge. Recursion stops at `MAX_DEPTH` (an optional property or an
 * empty array ends every recursive schema Togai publishes). Callers validate what it returns.
 */
const MAX_DEPTH = 24;

const FORMATS: Record<string, string> = {
  'date-time': '2024-01-01T00:00:00.000Z',
  date: '2024-01-01',
  time: '00:00:00Z',
  uuid: '00000000-0000-4000-8000-000000000000',
  email: 'user@example.com',
  uri: 'https://example.com/',
  url: 'https://example.com/',
  hostname: 'example.com',
  ipv4: '127.0.0.1',
  duration: 'P1D',
  byte: 'c2FtcGxl',
};

// Tried in order against a `pattern`; the first that matches (after length fitting) is used.
const PATTERN_CANDIDATES = ['sample', 'abc', 'a', '1', '0', 'user@example.com', 'ABC', 'a-b_c', '1.5', ''];

const isObj = (value: unknown): value is JsonSchema =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function typeOf(schema: JsonSchema): string {
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type];
  const chosen = types.find((t) => typeof t === 'string' && t !== 'null');
  if (typeof chosen === 'string') return chosen;
  if (types.includes('null')) return 'null';
  if (isObj(schema.properties) || schema.additionalProperties !== undefined) return 'object';
  if (schema.items !== undefined) return 'array';
  return 'string';
}

function fitLength(text: string, schema: JsonSchema): string {
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : Number.POSITIVE_INFINITY;
  let out = text;
  while ([...out].length < min) out += 'x';
  return [...out].slice(0, max).join('');
}

function sampleString(schema: JsonSchema): string {
  const format = typeof schema.format === 'string' ? FORMATS[schema.format] : undefined;
  if (typeof schema.pattern === 'string') {
    let pattern: RegExp | undefined;
    try {
      pattern = new RegExp(schema.pattern, 'u');
    } catch {
      pattern = undefined;
    }
    const candidates = [format, ...PATTERN_CANDIDATES].filter((c): c is string => c !== undefined);
    for (const candidate of candidates) {
      const fitted = fitLength(candidate, schema);
      if (!pattern || pattern.test(fitted)) return fitted;
    }
  }
  return format ?? fitLength('sample', schema);
}

function sampleNumber(schema: JsonSchema, integer: boolean): number {
  let low = typeof schema.minimum === 'number' ? schema.minimum : Number.NEGATIVE_INFINITY;
  let high = typeof schema.maximum === 'number' ? schema.maximum : Number.POSITIVE_INFINITY;
  const step = integer ? 1 : 0.5;
  if (typeof schema.exclusiveMinimum === 'number') low = Math.max(low, schema.exclusiveMinimum + step);
  if (typeof schema.exclusiveMaximum === 'number') high = Math.min(high, schema.exclusiveMaximum - step);
  let value = Math.min(Math.max(0, low), high);
  if (integer) value = value >= 0 ? Math.ceil(value) : Math.floor(value);
  return value;
}

export function sampleSchema(schema: unknown, depth = 0): unknown {
  if (!isObj(schema)) return null;
  if ('const' in schema) return schema.const;
  // A `oneOf`/`anyOf` with nothing else to say what it is: a sample of its first branch.
  const branches = schema.oneOf ?? schema.anyOf;
  if (
    Array.isArray(branches) &&
    isObj(branches[0]) &&
    schema.type === undefined &&
    !isObj(schema.properties)
  ) {
    const { oneOf: _one, anyOf: _any, ...outer } = schema;
    return sampleSchema({ ...outer, ...branches[0] }, depth + 1);
  }
  if (Array.isArray(schema.enum) && schema.enum.length > 0)
    return schema.enum.find((value) => value !== null) ?? schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const type = typeOf(schema);
  if (depth > MAX_DEPTH) return type === 'array' ? [] : type === 'object' ? {} : null;
  switch (type) {
    case 'null':
      return null;
    case 'boolean':
      return true;
    case 'integer':
      return sampleNumber(schema, true);
    case 'number':
      return sampleNumber(schema, false);
    case 'array': {
      const count = typeof schema.minItems === 'number' ? schema.minItems : 0;
      const first = sampleSchema(schema.items, depth + 1);
      // A unique array of one repeated sample would be invalid: number the copies instead.
      return Array.from({ length: count }, (_, i) =>
        schema.uniqueItems === true && typeof first === 'string' ? `${first}${i}` : first,
      );
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      const properties = isObj(schema.properties) ? schema.properties : {};
      const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
      for (const name of required) {
        const sub =
          properties[name] ?? (isObj(schema.additionalProperties) ? schema.additionalProperties : {});
        out[name] = sampleSchema(sub, depth + 1);
      }
      return out;
    }
    default:
      return sampleString(schema);
  }
}
