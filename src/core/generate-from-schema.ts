import { seededRandom } from '../shared/seeded-random.ts';
import { createAllOfMerger } from '../spec/schema-graph.ts';

type Obj = Record<string, unknown>;
const isObj = (value: unknown): value is Obj =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Past this depth only what a schema requires is generated (recursive schemas end there). */
const OPTIONAL_DEPTH = 4;
/** Past this depth arrays are empty, so recursion through lists ends. */
const MAX_DEPTH = 12;
/** Past this a value is cut short: a schema that requires itself has no finite instance. */
const GIVE_UP_DEPTH = 24;
const WORDS = ['alpha', 'bravo', 'delta', 'echo', 'harbor', 'lumen', 'orbit', 'pixel', 'quartz', 'sierra'];

/**
 * Generates a value for an OpenAPI schema (dereferenced, possibly recursive), the same one for
 * the same `seed`: a schema's own `example`, `default` or first `enum` value wins, as in Prism's
 * static mode; otherwise a value drawn within the schema's bounds and formats. `allOf` is merged
 * first, `oneOf`/`anyOf` take their first choice.
 */
export function generateFromSchema(schema: unknown, seed: number): unknown {
  const random = seededRandom(seed);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const merge = createAllOfMerger();

  const generate = (raw: unknown, depth: number, name: string): unknown => {
    const s = merge(raw);
    if (!isObj(s) || depth > GIVE_UP_DEPTH) return null;
    // A scalar's own example or default, when it fits; an object's or array's is not checked here,
    // and published examples break their schemas often enough to generate those instead.
    for (const given of [s.example, s.default]) if (fitsScalar(given, s)) return given;
    if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum.find((v) => v !== null) ?? null;
    const choice = Array.isArray(s.oneOf) ? s.oneOf[0] : Array.isArray(s.anyOf) ? s.anyOf[0] : undefined;
    if (choice !== undefined) return generate(choice, depth, name);
    switch (typeOf(s)) {
      case 'object':
        return generateObject(s, depth);
      case 'array': {
        const min = Number(s.minItems ?? 0);
        if (depth > MAX_DEPTH) return [];
        const count = depth >= OPTIONAL_DEPTH ? min : Math.max(min, Math.min(Number(s.maxItems ?? 2), 2));
        const items = Array.from({ length: count }, () => generate(s.items, depth + 1, name));
        if (s.uniqueItems !== true) return items;
        // An enum or an example repeats itself: keep one of each.
        const seen = new Set<string>();
        return items.filter((item) => !seen.has(JSON.stringify(item)) && seen.add(JSON.stringify(item)));
      }
      case 'integer': {
        const min = Math.ceil(Number(s.minimum ?? 0));
        return int(min, Math.max(min, Math.min(Number(s.maximum ?? min + 1000), min + 1000)));
      }
      case 'number': {
        const min = Number(s.minimum ?? 0);
        return min + Math.round(random() * Math.min(Number(s.maximum ?? min + 1000) - min, 1000) * 100) / 100;
      }
      case 'boolean':
        return random() < 0.5;
      case 'string':
        return generateString(s, name);
      default:
        return null;
    }
  };

  const generateObject = (s: Obj, depth: number): Obj => {
    const required = new Set(Array.isArray(s.required) ? s.required.map(String) : []);
    const out: Obj = {};
    for (const [key, sub] of Object.entries(isObj(s.properties) ? s.properties : {})) {
      if (depth >= OPTIONAL_DEPTH && !required.has(key)) continue;
      const merged = merge(sub);
      // A response never carries a write-only property.
      if (isObj(merged) && merged.writeOnly === true) continue;
      out[key] = generate(sub, depth + 1, key);
    }
    // A required name the schema does not declare gets a value of its additional properties
    // (none when it is closed: such a schema has no valid instance at all).
    const extra = isObj(s.additionalProperties) ? s.additionalProperties : { type: 'string' };
    if (s.additionalProperties !== false)
      for (const key of required) if (!(key in out)) out[key] = generate(extra, depth + 1, key);
    return out;
  };

  const generateString = (s: Obj, name: string): string => {
    const min = Number(s.minLength ?? 0);
    const max = Number(s.maxLength ?? Math.max(min, 24));
    switch (s.format) {
      case 'date-time':
        return new Date(Date.UTC(2024, int(0, 11), int(1, 28), int(0, 23), int(0, 59))).toISOString();
      case 'date':
        return new Date(Date.UTC(2024, int(0, 11), int(1, 28))).toISOString().slice(0, 10);
      case 'uuid':
        return `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`;
      case 'email':
        return fitLength(`${pick()}.${pick()}@example.com`, min, max);
      case 'uri':
      case 'url':
        return fitLength(`https://example.com/${pick()}`, min, max);
      case 'uri-reference':
        return `/${pick()}`;
      case 'time':
        return `${String(int(0, 23)).padStart(2, '0')}:${String(int(0, 59)).padStart(2, '0')}:00Z`;
      case 'duration':
        return `P${int(1, 90)}D`;
      case 'hostname':
        return `${pick()}.example.com`;
      case 'ipv4':
        return `192.0.2.${int(1, 254)}`;
      case 'ipv6':
        return `2001:db8::${int(1, 9999)}`;
    }
    const words = [pick(), pick(), pick()].join(' ');
    return fitLength(
      name.toLowerCase().endsWith('id') ? `${name.slice(0, 3).toUpperCase()}_${int(1, 9999)}` : words,
      min,
      max,
    );
  };

  const pick = () => WORDS[int(0, WORDS.length - 1)] as string;
  const hex = (length: number) => Array.from({ length }, () => int(0, 15).toString(16)).join('');
  const fitLength = (text: string, min: number, max: number) => {
    let out = text;
    while (out.length < min) out += WORDS[out.length % WORDS.length];
    return out.slice(0, Math.max(min, max));
  };

  return generate(schema, 0, '');
}

/** Whether a given scalar value keeps its schema's type, enum and length (objects never fit here). */
function fitsScalar(value: unknown, schema: Obj): boolean {
  if (value === undefined || value === null || typeof value === 'object') return false;
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return false;
  const type = typeOf(schema);
  if (typeof value === 'string')
    return (
      (type === undefined || type === 'string') &&
      value.length >= Number(schema.minLength ?? 0) &&
      value.length <= Number(schema.maxLength ?? Number.POSITIVE_INFINITY)
    );
  if (typeof value === 'number') return type === 'number' || (type === 'integer' && Number.isInteger(value));
  return typeof value === 'boolean' && type === 'boolean';
}

/** The non-null type a schema describes; `properties` alone implies an object. */
function typeOf(schema: Obj): string | undefined {
  const type = schema.type;
  if (Array.isArray(type)) return type.find((t) => t !== 'null') as string | undefined;
  if (typeof type === 'string') return type;
  if (isObj(schema.properties)) return 'object';
  if (schema.items !== undefined) return 'array';
  return undefined;
}
