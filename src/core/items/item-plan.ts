import { jsonEntryOf } from '../../spec/json-media.ts';
import { successSchemaOf } from '../../spec/resources/infer-list.ts';
import type { Resource, ResourceModel, Role } from '../../spec/resources/resource-types.ts';
import type { JsonSchema, LoadedSpec, SpecOperation } from '../../spec/types.ts';
import type { ItemCollectionSpec } from '../../store/generic/item-collection.ts';
import { createSeedFaker } from '../../store/seed-faker.ts';
import { createItemSeeder } from './item-seeders.ts';
import { type KeyStyle, readKeyStyle } from './key-style.ts';

/** One resource the store holds: where its items live and how requests name them. */
export interface StoredResource {
  readonly resource: Resource;
  /** Its collection's name (the resource's), and its parent's, for a nested one. */
  readonly collection: string;
  readonly parent?: { readonly collection: string; readonly param: string };
  /** The item property holding the key, and the path parameter naming it (when items are addressable). */
  readonly keyProperty?: string;
  readonly keyParam?: string;
  readonly keyStyle: KeyStyle;
  readonly itemSchema?: JsonSchema;
  /** The spec operations of each role. */
  readonly operations: ReadonlyMap<Role, readonly SpecOperation[]>;
}

export interface ItemPlan {
  /** Parents before their children. */
  readonly resources: readonly StoredResource[];
  /** The store's collections for them. */
  readonly collections: readonly ItemCollectionSpec[];
}

/** Most items a tenant may hold in one collection a description implies. */
export const ITEM_CAP = 10_000;

/**
 * The resources of a description the store holds: every collection with a list or a read (those
 * without a create are seeded and read-only), unless another store serves it (`taken`: Togai's
 * hand-written rules), nested ones only under a held parent (`existing`: collections the store
 * has already, Togai's `accounts` and `customers` when the description is Togai's).
 */
export function planItems(
  spec: LoadedSpec,
  model: ResourceModel,
  options: {
    seed: number;
    taken: (operation: SpecOperation) => boolean;
    existing: ReadonlySet<string>;
    /** Whether nested resources may hang from Togai's collections (the description is Togai's). */
    serveExisting: boolean;
    judge: (schema: JsonSchema, value: unknown) => boolean;
  },
): ItemPlan {
  const byId = new Map(spec.operations.map((op) => [`${op.method} ${op.path}`, op]));
  const held = new Set<string>();
  const resources: StoredResource[] = [];
  const ordered = [...model.resources].sort((a, b) => depthOf(a) - depthOf(b));
  for (const resource of ordered) {
    const operations = new Map<Role, SpecOperation[]>();
    for (const entry of resource.operations) {
      const op = byId.get(`${entry.method} ${entry.path}`);
      if (op) operations.set(entry.role, [...(operations.get(entry.role) ?? []), op]);
    }
    const all = [...operations.values()].flat();
    if (all.some(options.taken)) continue;
    if (!operations.has('list') && !operations.has('read')) continue;
    const parent = resource.parent;
    const parentCollection =
      parent === undefined
        ? undefined
        : held.has(parent.name)
          ? collectionNameOf(parent.name)
          : options.serveExisting && options.existing.has(parent.name)
            ? parent.name
            : null;
    if (parentCollection === null) continue;
    // An addressable item is what its read answers; otherwise what its list shows.
    const listed = listItemSchema(operations.get('list')?.[0], resource);
    const itemSchema =
      resource.key && operations.has('read')
        ? (resource.itemSchema ?? listed)
        : (listed ?? resource.itemSchema);
    const keyProperty = resource.key?.property ?? (hasProperty(itemSchema, 'id') ? 'id' : undefined);
    const keySchema = keyProperty ? propertyOf(itemSchema, keyProperty) : undefined;
    held.add(resource.name);
    resources.push({
      resource,
      collection: collectionNameOf(resource.name),
      ...(parent && parentCollection
        ? { parent: { collection: parentCollection, param: parent.param } }
        : {}),
      ...(keyProperty ? { keyProperty } : {}),
      ...(resource.key ? { keyParam: resource.key.param } : {}),
      keyStyle: readKeyStyle(
        resource.name,
        [keySchema, keyParamSchema(operations, resource.key?.param)],
        keyExamples(all, keyProperty),
      ),
      ...(itemSchema ? { itemSchema } : {}),
      operations,
    });
  }
  const faker = createSeedFaker();
  return {
    resources,
    collections: resources.map((stored) => ({
      name: stored.collection,
      ...(stored.parent ? { parent: stored.parent.collection } : {}),
      cap: ITEM_CAP,
      seeder: createItemSeeder({
        name: stored.collection,
        nested: stored.parent !== undefined,
        schema: stored.itemSchema,
        keyProperty: stored.keyProperty,
        keyStyle: stored.keyStyle,
        parentProperty: stored.parent ? parentPropertyOf(stored.itemSchema, stored.parent.param) : undefined,
        seed: options.seed,
        faker,
        judge: options.judge,
      }),
    })),
  };
}

const depthOf = (resource: Resource): number => resource.name.split('.').length;

/**
 * The store collection of a description's resource: its name under `r/`, so that no description
 * (another API's `/accounts`) ever shares a collection with Togai's own.
 */
export const collectionNameOf = (resource: string): string => `r/${resource}`;

const propertiesOf = (schema: JsonSchema | undefined): Record<string, JsonSchema> =>
  (schema?.properties as Record<string, JsonSchema> | undefined) ?? {};
const hasProperty = (schema: JsonSchema | undefined, name: string): boolean => name in propertiesOf(schema);
const propertyOf = (schema: JsonSchema | undefined, name: string): JsonSchema | undefined =>
  propertiesOf(schema)[name];

/** The item's property naming its parent: the parent's path parameter, in either case style. */
function parentPropertyOf(schema: JsonSchema | undefined, param: string): string | undefined {
  const camel = param.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  const snake = param.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  return [param, camel, snake].find(
    (name) => hasProperty(schema, name) && propertyOf(schema, name)?.type === 'string',
  );
}

/** Values the description's own examples give the key property (how its keys look). */
function keyExamples(operations: readonly SpecOperation[], keyProperty: string | undefined): unknown[] {
  if (keyProperty === undefined) return [];
  const out: unknown[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (depth > 4 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) for (const item of value) visit(item, depth + 1);
    else {
      const record = value as Record<string, unknown>;
      if (keyProperty in record) out.push(record[keyProperty]);
      for (const child of Object.values(record)) visit(child, depth + 1);
    }
  };
  for (const op of operations)
    for (const response of Object.values(op.responses)) {
      const media = jsonEntryOf(response.content)?.[1];
      visit(media?.example, 0);
      for (const example of Object.values(media?.examples ?? {})) visit(example, 0);
    }
  return out;
}

/** The schema of one item of a list answer, where the resource's envelope keeps the items. */
function listItemSchema(list: SpecOperation | undefined, resource: Resource): JsonSchema | undefined {
  let schema = list ? successSchemaOf(list) : undefined;
  if (resource.list?.envelope === 'object')
    for (const part of (resource.list.items ?? 'data').split('.')) schema = propertyOf(schema, part);
  const items = schema?.items;
  return items !== null && typeof items === 'object' && !Array.isArray(items)
    ? (items as JsonSchema)
    : undefined;
}

/** The schema of the path parameter naming an item, as its read (or any item operation) declares it. */
function keyParamSchema(
  operations: ReadonlyMap<Role, readonly SpecOperation[]>,
  param: string | undefined,
): JsonSchema | undefined {
  if (param === undefined) return undefined;
  for (const ops of operations.values())
    for (const op of ops) {
      const found = op.parameters.find((p) => p.in === 'path' && p.name === param);
      if (found) return found.schema;
    }
  return undefined;
}
