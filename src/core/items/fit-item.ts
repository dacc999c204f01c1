import { sampleSchema } from '../../spec/sample-schema.ts';
import type { JsonSchema } from '../../spec/types.ts';
import { seedItem } from '../../store/generic/seed-item.ts';
import { hashString } from '../../store/ids.ts';
import { createSeedFaker } from '../../store/seed-faker.ts';

type Judge = (schema: JsonSchema, value: unknown) => boolean;

const faker = createSeedFaker();
const fitted = new WeakMap<object, WeakMap<JsonSchema, unknown>>();

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * A stored item as another of the description's schemas wants it (a list's items may require
 * fields its read leaves out, or refuse fields the read has): the item when it is valid; otherwise
 * without the fields a closed schema refuses, and with the fields it requires made up (the same
 * for the same item). Kept per item and schema, so each is fitted once.
 */
export function fitItem(schema: JsonSchema | undefined, item: unknown, judge: Judge): unknown {
  if (schema === undefined || !isRecord(item)) return item;
  // Stored items are immutable and handed out as the same objects: judged once per schema.
  let bySchema = fitted.get(item);
  if (bySchema === undefined) {
    bySchema = new WeakMap();
    fitted.set(item, bySchema);
  }
  if (bySchema.has(schema)) return bySchema.get(schema);
  if (judge(schema, item)) {
    bySchema.set(schema, item);
    return item;
  }
  const properties = isRecord(schema.properties) ? (schema.properties as Record<string, JsonSchema>) : {};
  const closed = schema.additionalProperties === false;
  const out = new Map(Object.entries(item).filter(([name]) => !closed || name in properties));
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  const missing = required.filter((name) => !out.has(name));
  if (missing.length > 0) {
    const seed = hashString(JSON.stringify(Object.entries(item).slice(0, 3)));
    const made = seedItem({ seed, faker, referenceOf: () => undefined }, schema, 'fit', 0, {});
    for (const name of missing) if (name in made) out.set(name, made[name]);
  }
  let result: Record<string, unknown> = Object.fromEntries(out);
  if (!judge(schema, result)) {
    // Made-up values a pattern or a nested rule defeated: the schema's minimal samples instead.
    for (const name of missing) if (properties[name]) out.set(name, sampleSchema(properties[name]));
    result = Object.fromEntries(out);
  }
  // Frozen like the stored items: its JSON text is cached by identity (serialize-reply.ts).
  const answer = judge(schema, result) ? Object.freeze(result) : item;
  bySchema.set(schema, answer);
  return answer;
}
