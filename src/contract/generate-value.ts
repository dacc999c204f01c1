import type { JsonSchema } from '../spec/types.ts';
import type { Rng } from './prng.ts';
import { mergeAllOf } from './schema/merge-all-of.ts';
import { asSchema, typeOf } from './schema-shape.ts';

export interface GenerateOptions {
  rng: Rng;
  /** Fill optional properties too (a "full" body) rather than required ones only. */
  full: boolean;
  /** Values for named properties, e.g. `id` and reference ids the runner controls. */
  overrides?: Record<string, unknown>;
  /** Makes every generated `id` recognisable (`contract-<seed>-<n>`), nested ones included. */
  makeId?: () => string;
  /** Nesting so far: recursive schemas (a line item holding line items) stop filling optional parts. */
  depth?: number;
}

/** Below this depth only required parts are filled; a schema that requires itself stops at the cap. */
const OPTIONAL_DEPTH = 3;
const MAX_DEPTH = 8;

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
// Realistic fillers for fixed-length codes: a server may check them against ISO lists.
const CURRENCIES = ['USD', 'EUR', 'GBP', 'INR'];
const COUNTRIES = ['US', 'GB', 'IN', 'DE'];

/** Generates a value valid against `schema`, deterministic for a given rng state. */
export function generateValue(raw: JsonSchema, outer: GenerateOptions, name = ''): unknown {
  const schema = mergeAllOf(raw);
  const depth = (outer.depth ?? 0) + 1;
  const options = { ...outer, depth, full: outer.full && depth <= OPTIONAL_DEPTH };
  const { rng } = options;
  if (depth > MAX_DEPTH) return typeOf(schema) === 'array' ? [] : typeOf(schema) === 'object' ? {} : null;
  if (schema.const !== undefined) return schema.const;
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (Array.isArray(alternatives) && alternatives.length > 0 && !typeOf(schema))
    return generateValue(asSchema(alternatives[0]), outer, name);
  if (Array.isArray(schema.enum) && schema.enum.length > 0)
    return rng.pick(schema.enum.filter((v) => v !== null));
  switch (typeOf(schema)) {
    case 'object':
      return generateObject(schema, options);
    case 'array': {
      const min = Number(schema.minItems ?? 0);
      const max = Math.min(Number(schema.maxItems ?? 3), min + 2);
      const count = options.full ? Math.max(min, Math.min(max, 2)) : min;
      const items: unknown[] = [];
      const seen = new Set<string>();
      for (let attempt = 0; items.length < count && attempt < count * 5; attempt += 1) {
        const item = generateValue(asSchema(schema.items), options, name);
        if (schema.uniqueItems === true && seen.has(JSON.stringify(item))) continue;
        seen.add(JSON.stringify(item));
        items.push(item);
      }
      return items;
    }
    case 'integer': {
      const min = Number(schema.minimum ?? 0);
      return rng.int(min, Math.max(min, Math.min(Number(schema.maximum ?? min + 90), min + 90)));
    }
    case 'number':
      return Number(schema.minimum ?? 0) + rng.int(0, 100) / 4;
    case 'boolean':
      return rng.next() < 0.5;
    case 'string':
      return generateString(schema, options, name);
    default:
      return null;
  }
}

function generateObject(schema: JsonSchema, options: GenerateOptions): Record<string, unknown> {
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const out: Record<string, unknown> = {};
  for (const [key, sub] of Object.entries(asSchema(schema.properties))) {
    if (options.overrides && key in options.overrides) {
      out[key] = options.overrides[key];
      continue;
    }
    if (!required.has(key) && !options.full) continue;
    // Nested objects get no overrides: `id` inside `settings` is not the resource id.
    out[key] = generateValue(asSchema(sub), { ...options, overrides: {} }, key);
  }
  if (Object.keys(out).length < Number(schema.minProperties ?? 0)) {
    const [key, sub] = Object.entries(asSchema(schema.properties))[0] ?? [];
    if (key) out[key] = generateValue(asSchema(sub), { ...options, overrides: {} }, key);
  }
  return out;
}

function generateString(schema: JsonSchema, options: GenerateOptions, name: string): string {
  const { rng } = options;
  const min = Number(schema.minLength ?? 0);
  const max = Number(schema.maxLength ?? 40);
  const lower = name.toLowerCase();
  if (typeof schema.default === 'string') return schema.default;
  if (name === 'id' && options.makeId && !schema.format) return options.makeId();
  switch (schema.format) {
    case 'date-time':
      return new Date(Date.UTC(2024, rng.int(0, 11), rng.int(1, 28), rng.int(0, 23))).toISOString();
    case 'date':
      return `2024-0${rng.int(1, 9)}-1${rng.int(0, 9)}`;
    case 'uuid':
      return '00000000-0000-4000-8000-'.concat(String(rng.int(0, 999999999999)).padStart(12, '0'));
    case 'email':
      return `contract${rng.int(0, 9999)}@example.com`;
  }
  if (min === 3 && max === 3 && lower.includes('currency')) return rng.pick(CURRENCIES);
  if (min === 2 && max === 2 && lower.includes('country')) return rng.pick(COUNTRIES);
  if (lower.includes('email') && max >= 20) return `contract${rng.int(0, 9999)}@example.com`;
  if (lower === 'tags' || lower === 'tag') return `tag-${LETTERS[rng.int(0, 25)]}${rng.int(0, 999)}`;
  const length = Math.max(min, Math.min(max, rng.int(Math.max(min, 5), Math.max(min, 12))));
  let text = 'contract ';
  while (text.length < length) text += LETTERS[rng.int(0, 25)];
  return text.slice(0, length).trimEnd().padEnd(length, 'x');
}
