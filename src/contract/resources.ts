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
export interface Resources {
  pathParamsForRead(ctx: ScenarioContext, op: SpecOperation): Promise<Record<string, string>>;
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
  /** Called for every exchange: a 2xx to a create operation is tracked for cleanup. */
  observe(op: SpecOperation, exchange: Exchange): void;
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

const itemOperation = (
  ops: readonly SpecOperation[],
  method: string,
  collection: string,
): SpecOperation | undefined =>
  ops.find(
    (op) => op.method === method && new RegExp(`^${escapeRegExp(collection)}/\\{[^}/]+\\}$`).test(op.path),
  );

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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

  const resources: Resources = {
    nextId: () => `contract-${options.seed}-${++counter}`,

    async pathParamsForRead(ctx, op) {
      const values: Record<string, string> = {};
      for (const param of op.parameters.filter((p) => p.in === 'path')) {
        const ids = await listIds(ctx, collectionOf(op, param.name));
        values[param.name] = ids[0] ?? exampleFor(param);
      }
      return values;
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

    observe(op, exchange) {
      const id = (exchange.response.json as { id?: unknown } | undefined)?.id;
      const isCreate = op.method === 'post' && itemOperation(operations, 'delete', op.path) !== undefined;
      if (!isCreate || exchange.response.status >= 300 || typeof id !== 'string') return;
      if (!tracked.some((t) => t.collection === op.path && t.id === id))
        tracked.push({ collection: op.path, id });
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
        const del = itemOperation(operations, 'delete', collection);
        if (!del) continue;
        const param = /\{([^}]+)\}$/.exec(del.path)?.[1] ?? '';
        const result = await options.client.send(
          { method: 'delete', path: fillPath(del.path, { [param]: id }), auth: 'token' },
          { ignoreAbort: true },
        );
        // 404: already gone (deleting a customer deletes its accounts).
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
