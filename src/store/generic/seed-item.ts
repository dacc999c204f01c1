import type { Faker } from '@faker-js/faker';
import { entitySeed, hashString } from '../ids.ts';
import { seedCompany } from '../seed-company.ts';
import {
  type Place,
  pickCountry,
  pickPlace,
  seedPhone,
  seedPostalCode,
  seedStreetLine,
} from '../seed-country.ts';
import { seededInstant, withSeededFaker } from '../seed-faker.ts';
import { fromPattern, matches } from './pattern.ts';

type Schema = { readonly [keyword: string]: unknown };

/** Where generated values come from: the seed, a private Faker, and the seeded ids others may name. */
export interface ItemSeedContext {
  readonly seed: number;
  readonly faker: Faker;
  /** A seeded key of the collection a field like `accountId` names (by number), if there is one. */
  referenceOf(field: string, n: number): string | undefined;
}

const MAX_DEPTH = 6;
const isObject = (value: unknown): value is Schema =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const words = (name: string): string =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\-.]+/g, ' ')
    .toLowerCase();

function typeOf(schema: Schema): string {
  const types = (Array.isArray(schema.type) ? schema.type : [schema.type]).filter((t) => t !== 'null');
  if (typeof types[0] === 'string') return types[0];
  if (isObject(schema.properties)) return 'object';
  if (schema.items !== undefined) return 'array';
  return 'string';
}

/**
 * A believable item valid against `schema` (a normalized schema: `allOf` merged, no cycles), made
 * from (seed, collection, index) alone: the same item whatever was generated before. Field names
 * and formats pick the value (emails, names, currencies, countries, dates in order, ids of seeded
 * items for `…Id` fields); bounds, enums, `const` and `default` are kept. The caller checks the
 * item against the schema and falls back to a minimal sample when a pattern defeats it. Places,
 * names and companies come from the curated country table (seed-country.ts), as for accounts.
 */
export function seedItem(
  context: ItemSeedContext,
  schema: Schema,
  collection: string,
  index: number,
  fixed: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const stream = entitySeed(context.seed, hashString(collection) & 0xffff, index);
  return withSeededFaker(context.faker, stream, (faker) => {
    // One place and one company per item, so its city, phone, country and emails agree.
    const place = pickPlace(faker, pickCountry(faker));
    const company = seedCompany(faker, place.country);
    const first = faker.helpers.arrayElement(place.country.firstNames);
    const last = faker.helpers.arrayElement(place.country.lastNames);
    const domain = `${company.words.join('').toLowerCase()}.${place.country.tlds[0]?.value ?? 'com'}`;
    const who: Who = { place, company: company.legalName, first, last, domain };
    const item = valueFor(schema, '', faker, { ...context, who }, index, 0);
    const out = isObject(item) ? { ...item } : {};
    return Object.assign(out, fixed);
  }) as Record<string, unknown>;
}

/** Who an item is about: where, which company, which person. */
interface Who {
  readonly place: Place;
  readonly company: string;
  readonly first: string;
  readonly last: string;
  readonly domain: string;
}
type Context = ItemSeedContext & { readonly who: Who };

function valueFor(
  schema: Schema,
  name: string,
  faker: Faker,
  context: Context,
  index: number,
  depth: number,
): unknown {
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    const values = schema.enum.filter((value) => value !== null);
    return values.length > 0 ? faker.helpers.arrayElement(values) : null;
  }
  if (schema.default !== undefined && faker.number.int(3) > 0) return schema.default;
  switch (typeOf(schema)) {
    case 'object':
      return depth >= MAX_DEPTH ? {} : objectFor(schema, faker, context, index, depth);
    case 'array': {
      if (depth >= MAX_DEPTH || !isObject(schema.items)) return [];
      const min = typeof schema.minItems === 'number' ? schema.minItems : 0;
      const max = Math.min(typeof schema.maxItems === 'number' ? schema.maxItems : 3, min + 3);
      const items = schema.items;
      const made = Array.from({ length: faker.number.int({ min, max }) }, () =>
        valueFor(items, name, faker, context, index, depth + 1),
      );
      return schema.uniqueItems === true
        ? [...new Map(made.map((v) => [JSON.stringify(v), v])).values()]
        : made;
    }
    case 'integer':
    case 'number':
      return numberFor(schema, name, faker);
    case 'boolean':
      return faker.datatype.boolean();
    default:
      return stringFor(schema, name, faker, context, index);
  }
}

function objectFor(schema: Schema, faker: Faker, context: Context, index: number, depth: number) {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const out = new Map<string, unknown>();
  for (const [name, sub] of Object.entries(properties)) {
    // Every required field, and most optional ones, fewer the deeper they are.
    if (!required.has(name) && faker.number.int(9) < 3 + depth * 2) continue;
    if (isObject(sub)) out.set(name, valueFor(sub, name, faker, context, index, depth + 1));
  }
  return Object.fromEntries(out);
}

function numberFor(schema: Schema, name: string, faker: Faker): number {
  const integer = typeOf(schema) === 'integer';
  const lowBound = typeof schema.minimum === 'number' ? schema.minimum : undefined;
  const highBound = typeof schema.maximum === 'number' ? schema.maximum : undefined;
  const w = words(name);
  const guess = /amount|price|total|balance|cost|fee/.test(w)
    ? [1, 5000]
    : /count|quantity|days/.test(w)
      ? [1, 60]
      : [0, 100];
  let min = lowBound ?? Math.min(guess[0] ?? 0, highBound ?? Number.POSITIVE_INFINITY);
  let max = highBound ?? Math.max(guess[1] ?? 100, min);
  if (typeof schema.exclusiveMinimum === 'number') min = Math.max(min, schema.exclusiveMinimum + 1);
  if (typeof schema.exclusiveMaximum === 'number') max = Math.min(max, schema.exclusiveMaximum - 1);
  if (max < min) max = min;
  const value = integer
    ? faker.number.int({ min: Math.ceil(min), max: Math.floor(max) })
    : faker.number.float({ min, max, fractionDigits: 2 });
  const step = typeof schema.multipleOf === 'number' && schema.multipleOf > 0 ? schema.multipleOf : undefined;
  return step === undefined ? value : Math.round(value / step) * step;
}

const PRODUCT_WORDS = [
  'Starter',
  'Growth',
  'Scale',
  'Enterprise',
  'Pro',
  'Team',
  'Standard',
  'Premium',
  'Basic',
  'Plus',
];
const THINGS = ['API calls', 'seats', 'storage', 'messages', 'events', 'compute hours', 'reports', 'users'];

function stringFor(schema: Schema, name: string, faker: Faker, context: Context, index: number): string {
  const w = words(name);
  const { who } = context;
  const format = typeof schema.format === 'string' ? schema.format : '';
  const day = faker.number.int({ min: 0, max: 600 });
  const plan = () => `${faker.helpers.arrayElement(PRODUCT_WORDS)} ${faker.helpers.arrayElement(THINGS)}`;
  let text: string;
  if (format === 'date-time' || /(^| )(at|time|timestamp)$/.test(w))
    text = seededInstant(/updated|modified|end|until|expir/.test(w) ? day + 30 : day);
  else if (format === 'date' || /(^| )date$/.test(w)) text = seededInstant(day).slice(0, 10);
  else if (format === 'uuid') text = faker.string.uuid();
  else if (format === 'email' || /email/.test(w))
    text = `${who.first}.${who.last}@${who.domain}`
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/ /g, '');
  else if (format === 'uri' || format === 'url' || /(^| )(url|uri|website|link)$/.test(w))
    text = `https://${who.domain}/${faker.string.alphanumeric(8).toLowerCase()}`;
  else if (/(^| )id$/.test(w) && w !== 'id')
    text =
      context.referenceOf(name, index) ?? `${w.split(' ')[0]}_${faker.string.alphanumeric(10).toLowerCase()}`;
  else if (/currency/.test(w)) text = faker.helpers.weightedArrayElement(who.place.country.currencies);
  else if (/country/.test(w)) text = who.place.country.code;
  else if (/first name/.test(w)) text = who.first;
  else if (/last name/.test(w)) text = who.last;
  else if (/phone/.test(w)) text = seedPhone(faker, who.place);
  else if (/city/.test(w)) text = who.place.city.name;
  else if (/(^| )(state|region|province)$/.test(w)) text = who.place.region.name;
  else if (/(postal|zip|post) ?code/.test(w)) text = seedPostalCode(faker, who.place) ?? '';
  else if (/street|line ?1|address/.test(w)) text = seedStreetLine(faker, who.place);
  else if (/company|organi[sz]ation|customer name|account name/.test(w)) text = who.company;
  else if (/description|notes|comment|summary/.test(w)) text = `${plan()} for ${who.company}`;
  else if (/(person|user|contact|full|owner|member|employee) name$/.test(w))
    text = `${who.first} ${who.last}`;
  else if (/(^| )name$/.test(w)) text = plan();
  else if (/title|label/.test(w)) text = plan();
  else text = plan().toLowerCase().replace(/ /g, '_');
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : Number.POSITIVE_INFINITY;
  const cut = [...text].length > max ? [...text].slice(0, max).join('').trimEnd() : text;
  const fitted = [...cut].length >= min ? cut : cut.padEnd(min, 'x');
  const pattern = typeof schema.pattern === 'string' ? schema.pattern : undefined;
  return pattern === undefined || matches(pattern, fitted) ? fitted : (fromPattern(faker, pattern) ?? fitted);
}
