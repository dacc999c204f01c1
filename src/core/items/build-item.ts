import type { JsonSchema } from '../../spec/types.ts';
import { seedItem } from '../../store/generic/seed-item.ts';
import { hashString } from '../../store/ids.ts';
import { createSeedFaker } from '../../store/seed-faker.ts';
import type { StoredResource } from './item-plan.ts';
import { keyValue } from './item-seeders.ts';

type Judge = (schema: JsonSchema, value: unknown) => boolean;

const faker = createSeedFaker();
const TIMESTAMP = /^(created|updated|modified)(_?at|_?on|_?date|_?time)?$/i;

const propertiesOf = (schema: JsonSchema | undefined): Record<string, JsonSchema> =>
  (schema?.properties as Record<string, JsonSchema> | undefined) ?? {};

/**
 * The item a create (or a replace) stores: what the client sent that the item schema has room
 * for, its key, and the server-side fields the schema requires and the client did not send (made
 * up like seeded data), with creation and update times now. Checked against the schema; when the
 * client's fields and the schema disagree, the fields the schema refuses are left out.
 */
export function buildItem(
  stored: StoredResource,
  body: Record<string, unknown>,
  key: string,
  now: Date,
  judge: Judge,
): Record<string, unknown> {
  const schema = stored.itemSchema;
  const properties = propertiesOf(schema);
  const closed = schema?.additionalProperties === false;
  const sent = Object.entries(body).filter(([name]) => !closed || name in properties);
  const out = new Map<string, unknown>(sent);
  if (stored.keyProperty !== undefined) out.set(stored.keyProperty, keyValue(stored.keyStyle, key));
  for (const [name, property] of Object.entries(properties))
    if (TIMESTAMP.test(name) && property.format === 'date-time' && !out.has(name))
      out.set(name, now.toISOString());
  const required = Array.isArray(schema?.required) ? (schema.required as string[]) : [];
  const missing = required.filter((name) => !out.has(name));
  if (schema !== undefined && missing.length > 0) {
    const made = seedItem(
      { seed: 0, faker, referenceOf: () => undefined },
      schema,
      stored.collection,
      hashString(key),
      {},
    );
    for (const name of missing) if (name in made) out.set(name, made[name]);
  }
  const item = Object.fromEntries(out);
  if (schema === undefined || judge(schema, item)) return item;
  // Drop what the client sent that the stored form cannot hold, one field at a time.
  for (const [name] of sent) {
    if (name === stored.keyProperty || required.includes(name)) continue;
    const without = { ...item };
    delete without[name];
    if (judge(schema, without)) return without;
  }
  return item;
}
