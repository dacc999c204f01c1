import type { JsonSchema } from '../../spec/types.ts';
import { mergeAllOf } from '../schema/merge-all-of.ts';
import { typeOf } from '../schema-shape.ts';

export interface Candidate {
  label: string;
  value: unknown;
}

/** An astral character: one code point, two UTF-16 units. Lengths in JSON Schema count code points. */
export const ASTRAL = '𝕿';

const astral = (n: number): Candidate['value'] => ASTRAL.repeat(Math.max(0, n));
const lengthLabel = (n: number, what: string) => `${n} × "${ASTRAL}" (${what}; ${2 * n} UTF-16 units)`;

/**
 * Values at and just past every constraint of one schema, plus each enum value and a value of the wrong
 * type. Whether each is valid is decided by ajv against the whole request, never assumed from here: a
 * value meant to be "just inside" that breaks a pattern is sent as invalid, and labelled by ajv's reason.
 */
export function boundaryCandidates(raw: JsonSchema): Candidate[] {
  const schema = mergeAllOf(raw);
  const out: Candidate[] = [];
  if (Array.isArray(schema.enum)) {
    for (const value of schema.enum) out.push({ label: `enum value ${JSON.stringify(value)}`, value });
    out.push({ label: 'an undocumented enum value', value: 'NOT_A_DOCUMENTED_VALUE' });
    // Enums are case-sensitive: `asc` is not `ASC` (ajv confirms it is outside before it is sent as such).
    const first = schema.enum.find(
      (v): v is string => typeof v === 'string' && v.toLowerCase() !== v.toUpperCase(),
    );
    if (first !== undefined) {
      const other = first === first.toLowerCase() ? first.toUpperCase() : first.toLowerCase();
      out.push({ label: `enum value ${JSON.stringify(first)} in another case`, value: other });
    }
    return out;
  }
  const type = typeOf(schema);
  if (type === 'string' && schema.format === undefined) {
    const { minLength: min, maxLength: max } = schema;
    if (typeof min === 'number' && min > 0) {
      out.push({ label: lengthLabel(min, `at minLength ${min}`), value: astral(min) });
      out.push({ label: lengthLabel(min - 1, `below minLength ${min}`), value: astral(min - 1) });
    }
    if (typeof max === 'number') {
      out.push({ label: lengthLabel(max, `at maxLength ${max}`), value: astral(max) });
      out.push({ label: lengthLabel(max + 1, `above maxLength ${max}`), value: astral(max + 1) });
    }
  }
  if (type === 'integer' || type === 'number') {
    const step = type === 'integer' ? 1 : 0.5;
    for (const [key, inside, outside] of [
      ['minimum', 0, -step],
      ['maximum', 0, step],
      ['exclusiveMinimum', step, 0],
      ['exclusiveMaximum', -step, 0],
    ] as const) {
      const bound = schema[key];
      if (typeof bound !== 'number') continue;
      out.push({ label: `${bound + inside} (just inside ${key} ${bound})`, value: bound + inside });
      out.push({ label: `${bound + outside} (just outside ${key} ${bound})`, value: bound + outside });
    }
    if (type === 'integer') out.push({ label: 'a fractional number', value: 1.5 });
  }
  const wrong = wrongTypeValue(type);
  if (wrong !== undefined) out.push({ label: `wrong type (${typeof wrong} for ${type})`, value: wrong });
  return out;
}

function wrongTypeValue(type: string | undefined): unknown {
  switch (type) {
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

/** A candidate as it travels in a URL; undefined when it cannot (an empty value reads as absent). */
export function asParamText(value: unknown): string | undefined {
  if (value === '' || value === null || typeof value === 'object') return undefined;
  return String(value);
}
