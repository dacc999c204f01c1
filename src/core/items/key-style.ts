import type { JsonSchema } from '../../spec/types.ts';
import { fromPattern, matches } from '../../store/generic/pattern.ts';
import { createSeedFaker } from '../../store/seed-faker.ts';

/**
 * How a collection's keys look, read from the key property's schema, the path parameter's, and
 * the description's own examples, so that made-up ids look like the API's (`pet_8Z3K…`,
 * `ACC00042`, a UUID, 17, `CR` and 32 hex digits) and every one fits both schemas.
 */
export type KeyStyle =
  | { kind: 'uuid' }
  | { kind: 'integer'; min: number; max: number }
  | { kind: 'numbered'; prefix: string; width: number }
  | { kind: 'prefixed'; prefix: string; length: number }
  | { kind: 'pattern'; pattern: string };

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';
const faker = createSeedFaker();
const BITS = [0x9e3779b9, 0x85ebca6b, 0xc2b2ae35, 0x27d4eb2f];

/** The key style, fitted to the key property's and the path parameter's bounds and pattern. */
export function readKeyStyle(
  resource: string,
  schemas: readonly (JsonSchema | undefined)[],
  examples: unknown[],
): KeyStyle {
  const known = schemas.filter((schema): schema is JsonSchema => schema !== undefined);
  const integer = known.find((schema) => typeOf(schema) === 'integer' || typeOf(schema) === 'number');
  if (integer) {
    const min = Math.max(1, ...known.map((s) => (typeof s.minimum === 'number' ? Math.ceil(s.minimum) : 1)));
    const max = Math.min(
      ...known.map((s) => (typeof s.maximum === 'number' ? Math.floor(s.maximum) : 2 ** 31 - 1)),
    );
    return { kind: 'integer', min, max: Math.max(min, max) };
  }
  const wanted = guessKeyStyle(resource, known, examples);
  const pattern = known.find((schema) => typeof schema.pattern === 'string')?.pattern as string | undefined;
  const candidates: KeyStyle[] = [
    wanted,
    { kind: 'prefixed', prefix: '', length: 12 },
    { kind: 'numbered', prefix: '', width: 6 },
    ...(pattern ? [{ kind: 'pattern' as const, pattern }] : []),
  ];
  for (const candidate of candidates) {
    const fitted = fitLength(candidate, known);
    if (fitted && known.every((schema) => accepts(schema, keyInStyle(fitted, 123_456, BITS)))) return fitted;
  }
  return wanted;
}

const typeOf = (schema: JsonSchema): unknown =>
  Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;

/** The style with its random part cut to fit every `maxLength` (undefined if nothing is left). */
function fitLength(style: KeyStyle, schemas: readonly JsonSchema[]): KeyStyle | undefined {
  if (style.kind !== 'prefixed') return style;
  const max = Math.min(
    ...schemas.map((s) => (typeof s.maxLength === 'number' ? s.maxLength : Number.POSITIVE_INFINITY)),
  );
  const length = Math.min(style.length, max - style.prefix.length);
  return length >= 4 ? { ...style, length } : undefined;
}

function accepts(schema: JsonSchema, key: string): boolean {
  if (typeof schema.minLength === 'number' && [...key].length < schema.minLength) return false;
  if (typeof schema.maxLength === 'number' && [...key].length > schema.maxLength) return false;
  if (typeof schema.format === 'string' && schema.format === 'uuid' && !/^[0-9a-f-]{36}$/i.test(key))
    return false;
  return typeof schema.pattern !== 'string' || matches(schema.pattern, key);
}

function guessKeyStyle(resource: string, schemas: readonly JsonSchema[], examples: unknown[]): KeyStyle {
  if (schemas.some((schema) => schema.format === 'uuid')) return { kind: 'uuid' };
  const sample = examples.find(
    (value): value is string => typeof value === 'string' && /^[\w.-]{1,64}$/.test(value),
  );
  const numbered = sample?.match(/^(.*?[A-Za-z_.-])?(\d{2,})$/);
  if (sample && numbered)
    return { kind: 'numbered', prefix: numbered[1] ?? '', width: numbered[2]?.length ?? 4 };
  const prefixed = sample?.match(/^([A-Za-z]+[_.-])([A-Za-z0-9]{4,})$/);
  if (prefixed) return { kind: 'prefixed', prefix: prefixed[1] ?? '', length: prefixed[2]?.length ?? 12 };
  const stem =
    resource
      .split('.')
      .at(-1)
      ?.replace(/ies$/, 'y')
      .replace(/s$/, '')
      .replace(/[^A-Za-z0-9]/g, '') || 'item';
  return { kind: 'prefixed', prefix: `${stem.slice(0, 12)}_`, length: 12 };
}

/** Key number `n` (`bits`: well-mixed 32-bit words of it, or of anything random) in the style. */
export function keyInStyle(style: KeyStyle, n: number, bits: readonly number[]): string {
  switch (style.kind) {
    case 'integer':
      return String(style.min + ((n - 1) % (style.max - style.min + 1)));
    case 'numbered':
      return `${style.prefix}${String(n).padStart(style.width, '0')}`;
    case 'pattern':
      faker.seed([...bits]);
      return fromPattern(faker, style.pattern) ?? String(n);
    case 'uuid': {
      const hex = bits
        .map((word) => (word >>> 0).toString(16).padStart(8, '0'))
        .join('')
        .padEnd(32, '0');
      const variant = '89ab'[Number.parseInt(hex[16] ?? '0', 16) & 3];
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
    }
    default: {
      let out = '';
      for (let i = 0; out.length < style.length; i++) {
        let word = (bits[i % bits.length] ?? 0) >>> 0;
        for (let k = 0; k < 6 && out.length < style.length; k++) {
          out += ALPHABET[word % 36];
          word = Math.floor(word / 36);
        }
      }
      return `${style.prefix}${out}`;
    }
  }
}

/** How many distinct keys the style has room for (a bounded integer key has few). */
export const roomOf = (style: KeyStyle): number =>
  style.kind === 'integer' ? style.max - style.min + 1 : Number.POSITIVE_INFINITY;
