import type { JsonSchema } from '../../spec/types.ts';

/**
 * How a collection's keys look, read from the key property's schema and the description's own
 * examples of it, so that made-up ids look like the API's (`pet_8Z3K…`, `ACC00042`, a UUID, 17).
 */
export type KeyStyle =
  | { kind: 'uuid' }
  | { kind: 'integer' }
  | { kind: 'numbered'; prefix: string; width: number }
  | { kind: 'prefixed'; prefix: string; length: number };

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * The style of a collection's keys, fitted to the key property's own bounds (`maxLength`,
 * `pattern`): a style whose keys the schema would refuse gives way to a plainer one.
 */
export function readKeyStyle(resource: string, property: JsonSchema | undefined, examples: unknown[]): KeyStyle {
  const wanted = guessKeyStyle(resource, property, examples);
  const candidates: KeyStyle[] = [wanted, { kind: 'prefixed', prefix: '', length: 12 }, { kind: 'numbered', prefix: '', width: 6 }];
  for (const candidate of candidates) {
    const fitted = fitLength(candidate, property);
    if (fitted && accepts(property, keyInStyle(fitted, 123_456, [0x9e3779b9, 0x85ebca6b, 0xc2b2ae35, 0x27d4eb2f])))
      return fitted;
  }
  return wanted;
}

/** The style with its random part cut to fit `maxLength` (undefined if nothing is left of it). */
function fitLength(style: KeyStyle, property: JsonSchema | undefined): KeyStyle | undefined {
  const max = typeof property?.maxLength === 'number' ? property.maxLength : Number.POSITIVE_INFINITY;
  if (style.kind !== 'prefixed') return style;
  const length = Math.min(style.length, max - style.prefix.length);
  return length >= 4 ? { ...style, length } : undefined;
}

function accepts(property: JsonSchema | undefined, key: string): boolean {
  if (typeof property?.minLength === 'number' && key.length < property.minLength) return false;
  if (typeof property?.maxLength === 'number' && key.length > property.maxLength) return false;
  if (typeof property?.pattern !== 'string') return true;
  try {
    return new RegExp(property.pattern, 'u').test(key);
  } catch {
    return true;
  }
}

function guessKeyStyle(resource: string, property: JsonSchema | undefined, examples: unknown[]): KeyStyle {
  if (property?.format === 'uuid') return { kind: 'uuid' };
  const type = Array.isArray(property?.type) ? property?.type.find((t) => t !== 'null') : property?.type;
  if (type === 'integer' || type === 'number') return { kind: 'integer' };
  const sample = examples.find((value): value is string => typeof value === 'string' && /^[\w.-]{1,64}$/.test(value));
  const numbered = sample?.match(/^(.*?[A-Za-z_.-])?(\d{2,})$/);
  if (sample && numbered) return { kind: 'numbered', prefix: numbered[1] ?? '', width: numbered[2]?.length ?? 4 };
  const prefixed = sample?.match(/^([A-Za-z]+[_.-])([A-Za-z0-9]{4,})$/);
  if (prefixed) return { kind: 'prefixed', prefix: prefixed[1] ?? '', length: prefixed[2]?.length ?? 12 };
  const stem = resource.split('.').at(-1)?.replace(/ies$/, 'y').replace(/s$/, '').replace(/[^A-Za-z0-9]/g, '') || 'item';
  return { kind: 'prefixed', prefix: `${stem.slice(0, 12)}_`, length: 12 };
}

/** Key number `n` (`bits`: 32 well-mixed bits of it, or of anything random) in the style. */
export function keyInStyle(style: KeyStyle, n: number, bits: readonly number[]): string {
  switch (style.kind) {
    case 'integer':
      return String(n);
    case 'numbered':
      return `${style.prefix}${String(n).padStart(style.width, '0')}`;
    case 'uuid': {
      const hex = bits.map((word) => (word >>> 0).toString(16).padStart(8, '0')).join('').padEnd(32, '0');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[Number.parseInt(hex[16] ?? '0', 16) & 3]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
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
