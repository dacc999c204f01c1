import { isDeepStrictEqual } from 'node:util';
import { itemsOf } from '../../spec/resources/infer-list.ts';
import {
  createdKeysOf,
  keysOfList,
  nextPageOf,
  operationOf,
  resourceAt,
} from '../../spec/resources/model-lookup.ts';
import type { Resource } from '../../spec/resources/resource-types.ts';
import type { SpecOperation } from '../../spec/types.ts';
import { describeFailure } from '../describe-failure.ts';
import type { PhaseContext } from '../phases/phase-context.ts';
import type { RequestParts } from '../phases/request-parts.ts';
import type { CheckFailure, CheckId, Exchange } from '../types.ts';
import { READ_ONLY_REASON, type SequenceCheck } from './check.ts';
import { buildPatchBody, judgePatch } from './judge-patch.ts';
import { judgeAvailable } from './resource-availability.ts';
import { judgeAfterDelete } from './use-after-free.ts';

type Item = Record<string, unknown>;

const LIFECYCLE: readonly CheckId[] = ['stateful-lifecycle', 'resource-availability', 'use-after-free'];

/**
 * A create may answer another shape than a read (Togai's `CreateCustomerResponse` has `account`
 * and no `status`): the fields both answers carry must agree.
 */
export function agreeOnSharedFields(read: unknown, created: unknown): boolean {
  if (!read || !created || typeof read !== 'object' || typeof created !== 'object')
    return isDeepStrictEqual(read, created);
  const a = read as Item;
  const b = created as Item;
  return Object.keys(b).every((key) => !(key in a) || isDeepStrictEqual(a[key], b[key]));
}

export const statefulLifecycle: SequenceCheck<'stateful-lifecycle'> = {
  kind: 'sequence',
  id: 'stateful-lifecycle',
  phase: 'stateful',
  description:
    'With --writes, for every resource whose create operation and item path the spec shows: create an item, read ' +
    'it back (same as created), find it in the list, update it (only sent fields change), read it again, delete ' +
    'it. Keyed by what the path template names. Everything created is deleted at the end.',
};

/** The operation of the spec a resource's operation of `role` is. */
const specOperation = (
  ctx: PhaseContext,
  resource: Resource | undefined,
  role: Parameters<typeof operationOf>[1],
) => {
  const entry = operationOf(resource, role);
  return entry && ctx.spec.operations.find((o) => o.method === entry.method && o.path === entry.path);
};

/** Why a create operation gets no lifecycle, if it does not. */
export function lifecycleSkipReason(op: SpecOperation, ctx: PhaseContext): string | undefined {
  if (!ctx.settings.writes) return READ_ONLY_REASON;
  const resource = resourceAt(ctx.resources.model, op.path);
  if (op.method !== 'post' || operationOf(resource, 'create')?.path !== op.path)
    return 'runs from the create operation of its resource';
  if (!operationOf(resource, 'read')) return 'no operation reads the created item back';
  if (!operationOf(resource, 'delete')) return 'no operation deletes the item: the run would leave it behind';
  if (!resource?.key) return `the item's key is unknown: ${resource?.why ?? 'no resource'}`;
  return undefined;
}

/** create → read → list → update → read → delete → read, update and delete after the delete. */
export async function runLifecycle(createOp: SpecOperation, ctx: PhaseContext): Promise<void> {
  const reason = lifecycleSkipReason(createOp, ctx);
  if (reason) {
    for (const check of LIFECYCLE) ctx.skip(createOp, check, reason);
    return;
  }
  const collection = createOp.path;
  const resource = resourceAt(ctx.resources.model, collection);
  const getOp = specOperation(ctx, resource, 'read');
  const updateOp = specOperation(ctx, resource, 'update') ?? specOperation(ctx, resource, 'replace');
  const deleteOp = specOperation(ctx, resource, 'delete');
  const listOp = specOperation(ctx, resource, 'list');
  if (!getOp || !deleteOp || !resource?.key) return;
  const param = resource.key.param;
  const keyName = resource.key.property;
  const step = async (
    op: SpecOperation,
    parts: RequestParts,
    check: CheckId,
    judge: (exchange: Exchange) => CheckFailure[],
    statuses?: number[],
  ) => {
    const exchange = await ctx.send(op, parts, check);
    // The statuses a single answer must have, kept so `contract replay` can judge it again.
    const expect = statuses ? { kind: 'status' as const, statuses, label: check } : undefined;
    if (exchange)
      ctx.report(
        op,
        check,
        judge(exchange).map((f) => (expect ? { ...f, expect } : f)),
      );
    return exchange;
  };
  const ok = (status: number) => status >= 200 && status < 300;
  const expectStatus = (test: (s: number) => boolean, what: string) => (exchange: Exchange) =>
    test(exchange.response.status)
      ? []
      : [describeFailure(exchange, `${what} answered ${exchange.response.status}`)];
  // Every field, so the read-back compares them all (and items created inside it, `account`, are too).
  const body = await ctx.resources.buildCreateBody(createOp, true);
  const created = await step(
    createOp,
    { body },
    'stateful-lifecycle',
    expectStatus(ok, `create of a ${collection} item`),
  );
  if (!created || !ok(created.response.status)) return;
  const rawKey = createdKeysOf(resource, created.response.json)[0];
  if (rawKey === undefined) {
    ctx.report(createOp, 'stateful-lifecycle', [
      describeFailure(created, `the created item has no "${keyName}" to read it back by`),
    ]);
    return;
  }
  const key = String(rawKey);
  const pathParams = { [param]: key };
  // A key the client chose, sent again: with 409 documented, a second create must not succeed.
  if (keyName in body && createOp.responses['409'])
    await step(createOp, { body }, 'stateful-lifecycle', (e) => judgeDuplicateCreate(e, key));
  const read = await step(
    getOp,
    { pathParams },
    'resource-availability',
    (e) => judgeAvailable(e, key),
    [200],
  );
  if (read?.response.status === 200 && !agreeOnSharedFields(read.response.json, created.response.json)) {
    ctx.report(getOp, 'stateful-lifecycle', [
      describeFailure(read, `read back of ${key} differs from what create returned`),
    ]);
  }
  if (listOp && resource.list) await findInList(listOp, ctx, key, resource);
  let current = (read?.response.json ?? created.response.json) as Item;
  if (updateOp) {
    const replace = updateOp.method === 'put';
    const sent = buildPatchBody(updateOp, ctx);
    const what = `${updateOp.method.toUpperCase()} of ${key}`;
    const updated = await step(
      updateOp,
      { pathParams, body: sent },
      'stateful-lifecycle',
      expectStatus(ok, what),
    );
    if (updated && ok(updated.response.status) && updated.response.json !== undefined) {
      ctx.report(updateOp, 'stateful-lifecycle', judgePatch(current, sent, updated, replace));
      current = updated.response.json as Item;
      const reread = await step(
        getOp,
        { pathParams },
        'stateful-lifecycle',
        expectStatus((s) => s === 200, `read after ${what}`),
      );
      if (reread?.response.status === 200 && !isDeepStrictEqual(reread.response.json, current)) {
        ctx.report(getOp, 'stateful-lifecycle', [
          describeFailure(reread, `read after ${what} differs from what it returned`),
        ]);
      }
    }
  }
  const deleted = await step(
    deleteOp,
    { pathParams },
    'stateful-lifecycle',
    expectStatus(ok, `delete of ${key}`),
  );
  if (!deleted || !ok(deleted.response.status)) return;
  ctx.resources.forget(collection, key);
  const gone = [404, 410];
  await step(
    getOp,
    { pathParams },
    'use-after-free',
    (e) => judgeAfterDelete(e, `read of deleted ${key}`),
    gone,
  );
  if (updateOp)
    await step(
      updateOp,
      { pathParams, body: buildPatchBody(updateOp, ctx) },
      'use-after-free',
      (e) => judgeAfterDelete(e, `${updateOp.method.toUpperCase()} of deleted ${key}`),
      gone,
    );
  await step(
    deleteOp,
    { pathParams },
    'use-after-free',
    (e) => judgeAfterDelete(e, `second delete of ${key}`),
    gone,
  );
}

/** A create of a key that exists must be refused (a 4xx: 409 where documented), never a second success. */
export function judgeDuplicateCreate(exchange: Exchange, key: string): CheckFailure[] {
  const { status } = exchange.response;
  if (status >= 400 && status < 500) return [];
  return [describeFailure(exchange, `create of the existing key ${key} answered ${status}, expected 409`)];
}

/**
 * Looks for the created item in the list, following the next page's token or cursor (as the
 * resource's envelope carries it) up to --max-pages; a list paged by offset or number is judged on
 * its first page only when that page is the whole list (nothing says there is more).
 */
async function findInList(
  listOp: SpecOperation,
  ctx: PhaseContext,
  key: string,
  resource: Resource,
): Promise<void> {
  const shape = resource.list;
  const sizeParam = shape?.pageSize;
  const max = listOp.parameters.find((p) => p.name === sizeParam)?.schema.maximum;
  let query: Record<string, string> =
    sizeParam && typeof max === 'number' ? { [sizeParam]: String(max) } : {};
  const follows = shape?.page && (shape.page.style === 'token' || shape.page.style === 'cursor');
  let last: Exchange | undefined;
  let next: string | undefined;
  for (let page = 0; page < ctx.settings.maxPages; page += 1) {
    last = await ctx.send(listOp, { query }, 'stateful-lifecycle');
    const json = last?.response.json;
    if (last?.response.status !== 200 || !itemsOf(json, shape)) return;
    if (keysOfList(resource, json).includes(key)) return ctx.report(listOp, 'stateful-lifecycle');
    next = nextPageOf(resource, json);
    if (!next || !follows || !shape?.page) break;
    query = { [shape.page.param]: next };
  }
  // Not found within --max-pages, or on a page that may not be the last, says nothing.
  const whole = next === undefined && (follows || !shape?.page);
  if (last && whole)
    ctx.report(listOp, 'stateful-lifecycle', [
      describeFailure(last, `created item ${key} is missing from the list walk`),
    ]);
}
