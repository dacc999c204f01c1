import type { SpecOperation, SpecParameter } from '../spec/types.ts';
import { generateValue } from './generate-value.ts';
import type { HttpClient } from './http-client.ts';
import type { Rng } from './prng.ts';
import { fillPath, type ScenarioContext } from './scenario-context.ts';
import type { Exchange } from './types.ts';

/**
 * Where test data comes from. Reads use ids of items that exist (the first page of the matching list);
 * writes only ever touch resources this run created, with ids like `contract-<seed>-<n>`, and every one
 * of them is deleted by `cleanup`, whatever happened in between.
 */
/** Path parameters for a read, and whether the server itself listed every id in them. */
export interface ReadParams {
  values: Record<string, string>;
  /**
   * True when every path parameter names an item from the server's own list (or there are none), so a
   * 404 is a failure; false when an id is a spec example or a placeholder the server may not know.
   */
  known: boolean;
}

export interface Resources {
  pathParamsForRead(ctx: ScenarioContext, op: SpecOperation): Promise<ReadParams>;
  /** Path parameters naming resources of this run; a fresh one each when `fresh` (for DELETE). */
  pathParamsForWrite(
    ctx: ScenarioContext,
    op: SpecOperation,
    fresh: boolean,
  ): Promise<Record<string, string> | undefined>;
  /** A schema-valid body for a create operation, with a new recognisable id and real references. */
  buildCreateBody(ctx: ScenarioContext, op: SpecOperation, full: boolean): Promise<Record<string, unknown>>;
  create(
    ctx: ScenarioContext,
    collectionPath: string,
  ): Promise<{ id: string; exchange: Exchange } | undefined>;
  nextId(): string;
  /**
   * Called for every exchange: a 2xx to a create operation is tracked for cleanup, with any item created
   * inside it (`account` in a customer body), which `sent` (the body as sent) names.
   */
  observe(op: SpecOperation, exchange: Exchange, sent?: unknown): void;
  forget(collectionPath: string, id: string): void;
  /** Deletes everything still tracked; returns what could not be deleted. */
  cleanup(): Promise<string[]>;
}

export const collectionOf = (op: SpecOperation, param: string): string =>
  op.path.slice(0, op.path.indexOf(`/{${param}}`));

export const findOperation = (
  ops: readonly SpecOperation[],
  method: string,
  path: string,
): SpecOperation | undefined => ops.find((op) => op.method === method && op.path === path);

/**
 * `method collection` → the operation on one item of it (`delete /accounts` → `DELETE /accounts/{id}`),
 * built once: every response is looked up here.
 */
export function indexItemOperations(ops: readonly SpecOperation[]): Map<string, SpecOperation> {
  const index = new Map<string, SpecOperation>();
  for (const op of ops) {
    const match = /^(.*)\/\{[^}/]+\}$/.exec(op.path);
    const key = match ? `${op.method} ${match[1]}` : undefined;
    if (key && !index.has(key)) index.set(key, op);
  }
  return index;
}

/** A POST to a collection (no path parameter) creates an item of it. */
export const isCreateOperation = (op: SpecOperation): boolean =>
  op.method === 'post' && !op.path.includes('{');

export const jsonSchemaOf = (op: SpecOperation) =>
  op.requestBody?.content['application/json']?.schema ??
  Object.values(op.requestBody?.content ?? {})[0]?.schema;

export const jsonExampleOf = (op: SpecOperation): unknown =>
  op.requestBody?.content['application/json']?.example ??
  Object.values(op.requestBody?.content ?? {})[0]?.example;

export function idsOf(exchange: Exchange | undefined): string[] {
  const data = (exchange?.response.json as { data?: unknown } | undefined)?.data;
  if (!Array.isArray(data)) return [];
  return data
    .map((item) => (item as { id?: unknown })?.id)
    .filter((id): id is string => typeof id === 'string');
}

export function createResources(options: {
  operations: readonly SpecOperation[];
  seed: number;
  rng: Rng;
  client: HttpClient;
}): Resources {
  const { operations, rng } = options;
  const itemOps = indexItemOperations(operations);
  const deleteOf = (collection: string) => itemOps.get(`delete ${collection}`);
  let counter = 0;
  const firstPages = new Map<string, Promise<string[]>>();
  const owned = new Map<string, string>();
  const tracked: { collection: string; id: string }[] = [];

  const listIds = (ctx: ScenarioContext, collection: string): Promise<string[]> => {
    const list = findOperation(operations, 'get', collection);
    if (!list?.paginated) return Promise.resolve([]);
    let ids = firstPages.get(collection);
    if (!ids) {
      ids = ctx.send(list).then(idsOf);
      firstPages.set(collection, ids);
    }
    return ids;
  };

  const exampleFor = (param: SpecParameter): string =>
    param.example !== undefined ? String(param.example) : `contract-missing-${param.name}`;

  const track = (collection: string, id: string): void => {
    if (!tracked.some((t) => t.collection === collection && t.id === id)) tracked.push({ collection, id });
  };

  const resources: Resources = {
    nextId: () => `contract-${options.seed}-${++counter}`,

    async pathParamsForRead(ctx, op) {
      const values: Record<string, string> = {};
      let known = true;
      for (const param of op.parameters.filter((p) => p.in === 'path')) {
        const listed = (await listIds(ctx, collectionOf(op, param.name)))[0];
        if (listed === undefined) known = false;
        values[param.name] = listed ?? exampleFor(param);
      }
      return { values, known };
    },

    async pathParamsForWrite(ctx, op, fresh) {
      const values: Record<string, string> = {};
      for (const param of op.parameters.filter((p) => p.in === 'path')) {
        const collection = collectionOf(op, param.name);
        let id = fresh ? undefined : owned.get(collection);
        if (!id) {
          id = (await resources.create(ctx, collection))?.id;
          if (!id) return undefined;
          if (!fresh) owned.set(collection, id);
        }
        values[param.name] = id;
      }
      return values;
    },

    async buildCreateBody(ctx, op, full) {
      const schema = jsonSchemaOf(op) ?? {};
      const overrides: Record<string, unknown> = { id: resources.nextId() };
      // A property `customerId` refers to an item of `/customers`: use one that exists, or make one.
      for (const key of Object.keys((schema.properties as object | undefined) ?? {})) {
        const match = /^(.+)Id$/.exec(key);
        const collection = match ? `/${match[1]}s` : undefined;
        if (!collection || collection === op.path || !findOperation(operations, 'post', collection)) continue;
        const existing = (await listIds(ctx, collection))[0];
        overrides[key] =
          existing ?? (await resources.create(ctx, collection))?.id ?? 'contract-missing-reference';
      }
      return generateValue(schema, { rng, full, overrides, makeId: resources.nextId }) as Record<
        string,
        unknown
      >;
    },

    async create(ctx, collection) {
      const createOp = findOperation(operations, 'post', collection);
      if (!createOp) return undefined;
      const body = await resources.buildCreateBody(ctx, createOp, false);
      const exchange = await ctx.send(createOp, { body });
      const id = (exchange?.response.json as { id?: unknown } | undefined)?.id;
      if (!exchange || exchange.response.status >= 300 || typeof id !== 'string') {
        const status = exchange ? `status ${exchange.response.status}` : 'no response';
        ctx.report(createOp, [{ message: `could not create a ${collection} item to test with (${status})` }]);
        return undefined;
      }
      return { id, exchange };
    },

    observe(op, exchange, sent) {
      const id = (exchange.response.json as { id?: unknown } | undefined)?.id;
      const isCreate = op.method === 'post' && deleteOf(op.path) !== undefined;
      if (!isCreate || exchange.response.status >= 300 || typeof id !== 'string') return;
      track(op.path, id);
      // Tracked after the parent so cleanup (newest first) deletes it before: a server need not cascade.
      for (const nested of nestedCreations(sent))
        if (deleteOf(nested.collection)) track(nested.collection, nested.id);
    },

    forget(collection, id) {
      const index = tracked.findIndex((t) => t.collection === collection && t.id === id);
      if (index >= 0) tracked.splice(index, 1);
      if (owned.get(collection) === id) owned.delete(collection);
    },

    async cleanup() {
      const leftovers: string[] = [];
      // Newest first: accounts go before the customer a run may have created for them.
      for (const { collection, id } of [...tracked].reverse()) {
        const del = deleteOf(collection);
        if (!del) continue;
        const param = /\{([^}]+)\}$/.exec(del.path)?.[1] ?? '';
        const result = await options.client.send(
          { method: 'delete', path: fillPath(del.path, { [param]: id }), auth: 'token' },
          { ignoreAbort: true },
        );
        // 404: already gone (a server may delete a customer's accounts with it).
        if (!result.ok || (result.value.response.status >= 300 && result.value.response.status !== 404)) {
          leftovers.push(`${collection}/${id}`);
        }
      }
      tracked.length = 0;
      owned.clear();
      return leftovers;
    },
  };
  return resources;
}

/** Items a create body makes alongside its own: an object property `account` with an `id` → `/accounts`. */
function nestedCreations(body: unknown): { collection: string; id: string }[] {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return [];
  const out: { collection: string; id: string }[] = [];
  for (const [key, value] of Object.entries(body)) {
    const id = (value as { id?: unknown } | null)?.id;
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && typeof id === 'string')
      out.push({ collection: `/${key}s`, id });
  }
  return out;
}
