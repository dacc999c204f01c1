import type { Faker } from '@faker-js/faker';
import { sampleSchema } from '../../spec/sample-schema.ts';
import type { JsonSchema } from '../../spec/types.ts';
import type { ItemSeeder, SeedLookup } from '../../store/generic/item-base.ts';
import { type ItemSeedContext, seedItem } from '../../store/generic/seed-item.ts';
import { hashString, mix32 } from '../../store/ids.ts';
import { type KeyStyle, keyInStyle, roomOf } from './key-style.ts';

/** What a collection's seeded items need: its key, its item schema, and how to judge an item. */
export interface SeederOptions {
  readonly name: string;
  readonly nested: boolean;
  readonly schema: JsonSchema | undefined;
  readonly keyProperty: string | undefined;
  readonly keyStyle: KeyStyle;
  /** The item's property naming its parent (`accountId` under `/accounts/{account_id}/…`). */
  readonly parentProperty: string | undefined;
  readonly seed: number;
  readonly faker: Faker;
  readonly judge: (schema: JsonSchema, value: unknown) => boolean;
}

/** Children per seeded parent: at most this many (a parent has 0 to this many). */
export const MAX_CHILDREN = 3;

/** Well-mixed words of (seed, collection, n): a key in a random-looking style is made of these. */
export function keyBits(seed: number, name: string, n: number): number[] {
  const root = mix32(seed ^ hashString(name));
  return [0, 1, 2, 3].map((i) => mix32(root ^ mix32(n * 4 + i + 1)));
}

/** The typed value a key has in an item (a number for integer keys). */
export const keyValue = (style: KeyStyle, key: string): string | number =>
  style.kind === 'integer' ? Number(key) : key;

/**
 * A collection's seeded items: a deterministic count (10–20 top-level, 0–3 per parent), keys in
 * the collection's style, items generated from the schema and checked against it (an item a
 * pattern defeats falls back to the schema's minimal sample, with its key).
 */
export function createItemSeeder(options: SeederOptions): ItemSeeder {
  const { name, seed } = options;
  const salt = mix32(seed ^ hashString(name));
  const numberOf = (parent: number, index: number) => (parent < 0 ? index : parent * MAX_CHILDREN + index);
  return {
    // Never more seeded items than the keys have room for (an integer key of 1 to 10, say).
    countOf: (parent) =>
      parent < 0
        ? Math.min(10 + (salt % 11), Math.floor(roomOf(options.keyStyle) / 2))
        : options.nested
          ? Math.min(mix32(salt ^ mix32(parent + 1)) % (MAX_CHILDREN + 1), MAX_CHILDREN)
          : 0,
    keyOf: (parent, index) => {
      const n = numberOf(parent, index);
      return keyInStyle(options.keyStyle, n + 1, keyBits(seed, name, n));
    },
    itemOf: (parent, index, key, lookup) => {
      const fixed: Record<string, unknown> = {};
      if (options.keyProperty !== undefined) fixed[options.keyProperty] = keyValue(options.keyStyle, key);
      if (options.parentProperty !== undefined && lookup.parentKey !== undefined)
        fixed[options.parentProperty] = lookup.parentKey;
      const schema = options.schema;
      if (schema === undefined) return fixed;
      const context: ItemSeedContext = {
        seed,
        faker: options.faker,
        referenceOf: (field, n) => referenceOf(field, n, lookup),
      };
      const item = seedItem(context, schema, name, numberOf(parent, index), fixed);
      if (options.judge(schema, item)) return item;
      const minimal = { ...(sampleSchema(schema) as Record<string, unknown>), ...fixed };
      return options.judge(schema, minimal) ? minimal : item;
    },
  };
}

/** A seeded key for a field like `accountId` or `price_plan_id`: of `accounts`, `price_plans`… */
function referenceOf(field: string, n: number, lookup: SeedLookup): string | undefined {
  const stem = field
    .replace(/(Id|_id|ID)$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();
  for (const name of [`${stem}s`, `${stem.replace(/y$/, 'ie')}s`, stem])
    if (lookup.keyOf(name, n) !== undefined) return lookup.keyOf(name, n);
  return undefined;
}
