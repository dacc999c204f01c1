import { inferResources } from '../spec/resources/infer-resources.ts';
import {
  createdKeysOf,
  keyOfItem,
  keyPropertyOf,
  keysOfList,
  operationOf,
  resourceAt,
} from '../spec/resources/model-lookup.ts';
import type { LoadedSpec, SpecParameter } from '../spec/types.ts';
import { generateValue } from './generate-value.ts';
import type { HttpClient } from './http-client.ts';
import { fillPath } from './phases/request-parts.ts';
import type { Rng } from './prng.ts';
import { collectionOf, findOperation, jsonSchemaOf } from './resource-model.ts';
import type { ResourcePort, Resources } from './resource-types.ts';
import { mergeAllOf } from './schema/merge-all-of.ts';
import type { Validators } from './validators.ts';

export type { ReadParams, ResourcePort, Resources } from './resource-types.ts';

export function createResources(options: {
  spec: LoadedSpec;
  seed: number;
  rng: Rng;
  client: HttpClient;
  port: ResourcePort;
  validators: Validators;
}): Resources {
  const { rng, port } = options;
  const operations = options.spec.operations;
  const model = inferResources(options.spec);
  const byId = new Map(operations.map((op) => [`${op.method} ${op.path}`, op]));
  const specOp = (entry: { method: string; path: string } | undefined) =>
    entry && byId.get(`${entry.method} ${entry.path}`);
  const deleteOf = (collection: string) => specOp(operationOf(resourceAt(model, collection), 'delete'));
  const keyFor = (collection: string): string => keyPropertyOf(resourceAt(model, collection));
  let counter = 0;
  const firstPages = new Map<string, Promise<string[]>>();
  const owned = new Map<string, Promise<string | undefined>>();
  const tracked: { collection: string; key: string }[] = [];
  const references = new Map<string, Promise<string>>();

  const listKeys = (collection: string): Promise<string[]> => {
    const resource = resourceAt(model, collection);
    const list = specOp(operationOf(resource, 'list'));
    if (!list || list.path.includes('{')) return Promise.resolve([]);
    let found = firstPages.get(collection);
    if (!found) {
      found = port.send(list, {}).then((exchange) => keysOfList(resource, exchange?.response.json));
      firstPages.set(collection, found);
    }
    return found;
  };

  // An id nobody has, valid against the parameter's schema (a too-long placeholder would be refused as such).
  const exampleFor = (param: SpecParameter): string => {
    const candidates = [
      ...(param.example !== undefined ? [String(param.example)] : []),
      `contract-missing-${param.name}`,
      `cm-${options.seed}`,
      String(generateValue(param.schema, { rng, full: false }, param.name)),
    ];
    return (
      candidates.find((c) => options.validators.validateParam(param.schema, c).length === 0) ??
      `cm-${options.seed}`
    );
  };

  const track = (collection: string, key: string): void => {
    if (!tracked.some((t) => t.collection === collection && t.key === key)) tracked.push({ collection, key });
  };

  const resources: Resources = {
    model,
    nextId: () => `contract-${options.seed}-${++counter}`,
    keyOf: keyFor,

    async readParams(op) {
      const values: Record<string, string> = {};
      let known = true;
      for (const param of op.parameters.filter((p) => p.in === 'path')) {
        const listed = (await listKeys(collectionOf(op, param.name)))[0];
        if (listed === undefined) known = false;
        values[param.name] = listed ?? exampleFor(param);
      }
      return { values, known };
    },

    async writeParams(op, fresh) {
      const values: Record<string, string> = {};
      for (const param of op.parameters.filter((p) => p.in === 'path')) {
        const collection = collectionOf(op, param.name);
        let key: string | undefined;
        if (fresh) key = (await resources.create(collection))?.key;
        else {
          // Built once and shared: concurrent askers wait for the same create.
          let pending = owned.get(collection);
          if (!pending) {
            pending = resources.create(collection).then((made) => made?.key);
            owned.set(collection, pending);
          }
          key = await pending;
        }
        if (!key) return undefined;
        values[param.name] = key;
      }
      return values;
    },

    async createOverrides(op) {
      const schema = mergeAllOf(jsonSchemaOf(op) ?? {});
      const properties = Object.keys((schema.properties as object | undefined) ?? {});
      const key = keyFor(op.path);
      const overrides: Record<string, unknown> = {};
      if (properties.includes(key)) overrides[key] = resources.nextId();
      // A property `customerId` refers to an item of `/customers`: use one that exists, or make one.
      for (const name of properties) {
        const match = /^(.+)Id$/.exec(name);
        const collection = match ? `/${match[1]}s` : undefined;
        if (!collection || collection === op.path || !findOperation(operations, 'post', collection)) continue;
        let reference = references.get(collection);
        if (!reference) {
          reference = listKeys(collection).then(
            async (keys) =>
              keys[0] ?? (await resources.create(collection))?.key ?? 'contract-missing-reference',
          );
          references.set(collection, reference);
        }
        overrides[name] = await reference;
      }
      return overrides;
    },

    async buildCreateBody(op, full) {
      const overrides = await resources.createOverrides(op);
      return generateValue(jsonSchemaOf(op) ?? {}, {
        rng,
        full,
        overrides,
        makeId: resources.nextId,
      }) as Record<string, unknown>;
    },

    async create(collection) {
      const resource = resourceAt(model, collection);
      const createOp = specOp(operationOf(resource, 'create'));
      if (!createOp) return undefined;
      const body = await resources.buildCreateBody(createOp, false);
      const exchange = await port.send(createOp, { body });
      const key = exchange && keyOfItem(resource, exchange.response.json);
      if (!exchange || exchange.response.status >= 300 || key === undefined) {
        const status = exchange ? `status ${exchange.response.status}` : 'no response';
        port.reportSetup(createOp, [
          { message: `could not create a ${collection} item to test with (${status})` },
        ]);
        return undefined;
      }
      return { key, exchange };
    },

    observe(op, exchange, sent) {
      if (op.method !== 'post' || !deleteOf(op.path) || exchange.response.status >= 300) return;
      const keys = createdKeysOf(resourceAt(model, op.path), exchange.response.json);
      if (keys.length === 0) return;
      for (const key of keys) track(op.path, key);
      // Tracked after the parent so cleanup (newest first) deletes it before: a server need not cascade.
      // An empty key has no path of its own (`/accounts/` is the list): it goes with its parent.
      for (const nested of nestedCreations(sent))
        if (deleteOf(nested.collection) && nested.key !== '') track(nested.collection, nested.key);
    },

    forget(collection, key) {
      const index = tracked.findIndex((t) => t.collection === collection && t.key === key);
      if (index >= 0) tracked.splice(index, 1);
    },

    async cleanup() {
      const leftovers: string[] = [];
      // Newest first: accounts go before the customer a run may have created for them.
      for (const { collection, key } of [...tracked].reverse()) {
        const del = deleteOf(collection);
        if (!del) continue;
        const param = /\{([^}]+)\}$/.exec(del.path)?.[1] ?? '';
        const result = await options.client.send(
          { method: 'delete', path: fillPath(del.path, { [param]: key }), auth: 'token' },
          { ignoreAbort: true },
        );
        // 404: already gone (a server may delete a customer's accounts with it: a cascade is no failure).
        if (!result.ok || (result.value.response.status >= 300 && result.value.response.status !== 404)) {
          leftovers.push(`${collection}/${key}`);
        }
      }
      tracked.length = 0;
      owned.clear();
      references.clear();
      return leftovers;
    },
  };
  return resources;
}

/** Items a create body makes alongside its own: an object property `account` with an `id` → `/accounts`. */
function nestedCreations(body: unknown): { collection: string; key: string }[] {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return [];
  const out: { collection: string; key: string }[] = [];
  for (const [name, value] of Object.entries(body)) {
    const id = (value as { id?: unknown } | null)?.id;
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && typeof id === 'string')
      out.push({ collection: `/${name}s`, key: id });
  }
  return out;
}
