import type { JsonSchema } from '../spec/types.ts';
import { asSchema, flattenSchema, typeOf } from './schema-shape.ts';

export interface InvalidParam {
  label: string;
  value: string;
}

export interface InvalidBody {
  label: string;
  body: unknown;
}

/**
 * Values a parameter's schema forbids, as they travel in a URL. Empty strings are left out on purpose:
 * many servers read `?x=` as "absent", and a path segment cannot be empty.
 */
export function buildInvalidParamValues(raw: JsonSchema): InvalidParam[] {
  const schema = flattenSchema(raw);
  const out: InvalidParam[] = [];
  const type = typeOf(schema);
  if (type === 'integer' || type === 'number') {
    out.push({ label: 'not a number', value: 'abc' });
    if (type === 'integer') out.push({ label: 'fractional', value: '1.5' });
    if (typeof schema.minimum === 'number') {
      out.push({ label: 'below minimum', value: String(schema.minimum - 1) });
      if (schema.minimum - 1 !== -1 && schema.minimum >= 0) out.push({ label: 'negative', value: '-1' });
    }
    if (typeof schema.maximum === 'number')
      out.push({ label: 'above maximum', value: String(schema.maximum + 1) });
  } else if (type === 'boolean') {
    out.push({ label: 'not a boolean', value: 'maybe' });
  } else if (type === 'string') {
    if (Array.isArray(schema.enum))
      out.push({ label: 'unknown enum value', value: 'NOT_A_DOCUMENTED_VALUE' });
    if (typeof schema.maxLength === 'number') {
      out.push({
        label: `longer than maxLength ${schema.maxLength}`,
        value: 'x'.repeat(schema.maxLength + 1),
      });
    }
  }
  return out;
}

function wrongTypeValue(schema: JsonSchema): unknown {
  switch (typeOf(schema)) {
    case 'string':
      return 12345;
    case 'integer':
    case 'number':
      return 'not-a-number';
    case 'boolean':
      return 'yes';
    case 'array':
      return 'not-an-array';
    case 'object':
      return 'not-an-object';
    default:
      return undefined;
  }
}

const set = (body: Record<string, unknown>, key: string, value: unknown): void => {
  body[key] = value;
};

/** One spec violation per body, each built on a fresh valid body from `makeValid`. */
export function buildInvalidBodies(raw: JsonSchema, makeValid: () => Record<string, unknown>): InvalidBody[] {
  const schema = flattenSchema(raw);
  const out: InvalidBody[] = [
    { label: 'body is an array', body: [] },
    { label: 'body is a string', body: 'not an object' },
  ];
  const variant = (label: string, mutate: (body: Record<string, unknown>) => void): void => {
    const body = makeValid();
    mutate(body);
    out.push({ label, body });
  };
  for (const key of Array.isArray(schema.required) ? (schema.required as string[]) : []) {
    variant(`required field "${key}" missing`, (body) => delete body[key]);
  }
  if (schema.additionalProperties === false) {
    variant('unknown property where additionalProperties is false', (body) =>
      set(body, 'contractUnexpectedField', 'x'),
    );
  }
  for (const [key, rawSub] of Object.entries(asSchema(schema.properties))) {
    const sub = flattenSchema(asSchema(rawSub));
    const wrong = wrongTypeValue(sub);
    if (wrong !== undefined) variant(`"${key}" has the wrong type`, (body) => set(body, key, wrong));
    if (typeof sub.maxLength === 'number') {
      const tooLong = 'x'.repeat(sub.maxLength + 1);
      variant(`"${key}" longer than maxLength ${sub.maxLength}`, (body) => set(body, key, tooLong));
    }
    if (typeof sub.minLength === 'number' && sub.minLength > 0) {
      const tooShort = 'x'.repeat(sub.minLength - 1);
      variant(`"${key}" shorter than minLength ${sub.minLength}`, (body) => set(body, key, tooShort));
    }
    if (Array.isArray(sub.enum)) {
      variant(`"${key}" has an unknown enum value`, (body) => set(body, key, 'NOT_A_DOCUMENTED_VALUE'));
    }
    if (typeOf(sub) === 'integer') variant(`"${key}" is fractional`, (body) => set(body, key, 1.5));
    if (typeOf(sub) === 'array' && typeof sub.maxItems === 'number') {
      const items = Array.from({ length: sub.maxItems + 1 }, (_, i) => sampleItem(asSchema(sub.items), i));
      variant(`"${key}" has more than maxItems ${sub.maxItems}`, (body) => set(body, key, items));
    }
    if (typeOf(sub) === 'object' && sub.additionalProperties === false) {
      variant(`"${key}" has an unknown property`, (body) => set(body, key, { contractUnexpectedField: 'x' }));
    }
  }
  return out;
}

// Only "too many items" matters here; the items themselves should be plausible.
function sampleItem(schema: JsonSchema, index: number): unknown {
  const s = flattenSchema(schema);
  if (typeOf(s) === 'string') return `item-${index}-xyz`;
  if (typeOf(s) === 'object') {
    const required = Array.isArray(s.required) ? (s.required as string[]) : [];
    return Object.fromEntries(required.map((key) => [key, `v${index}-${key}`]));
  }
  return index;
}
