import { isDeepStrictEqual } from 'node:util';
import type { SpecOperation } from '../../spec/types.ts';
import { describeFailure } from '../describe-failure.ts';
import type { PhaseContext } from '../phases/phase-context.ts';
import type { RequestParts } from '../phases/request-parts.ts';
import { createdKeys, findOperation, isCreateOperation, itemOperation } from '../resource-model.ts';
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

/** Why a create operation gets no lifecycle, if it does not. */
export function lifecycleSkipReason(op: SpecOperation, ctx: PhaseContext): string | undefined {
  if (!ctx.settings.writes) return READ_ONLY_REASON;
  if (!isCreateOperation(op)) return 'runs from the create operation of its resource';
  if (!itemOperation(ctx.spec.operations, 'get', op.path)) return 'no operation reads the created item back';
  if (!itemOperation(ctx.spec.operations, 'delete', op.path))
    return 'no operation deletes the item: the run would leave it behind';
  return undefined;
}

/** create → read → list → update → read → delete → read, update and delete after the delete. */
export async function runLifecycle(createOp: SpecOperation, ctx: PhaseContext): Promise<void> {
  const reason = lifecycleSkipReason(createOp, ctx);
  if (reason) {
    for (const check of LIFECYCLE) ctx.skip(createOp, check, reason);
    return;
  }
  const ops = ctx.spec.operations;
  const collection = createOp.path;
  const getOp = itemOperation(ops, 'get', collection);
  const updateOp = itemOperation(ops, 'patch', collection) ?? itemOperation(ops, 'put', collection);
  const deleteOp = itemOperation(ops, 'delete', collection);
  const listOp = findOperation(ops, 'get', collection);
  if (!getOp || !deleteOp) return;
  const param = /\{([^}]+)\}$/.exec(getOp.path)?.[1] ?? 'id';
  const keyName = ctx.resources.keyOf(collection);
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
  const rawKey = createdKeys(created.response.json, keyName)[0];
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
  if (listOp?.paginated) await findInList(listOp, ctx, key, keyName);
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

async function findInList(
  listOp: SpecOperation,
  ctx: PhaseContext,
  key: string,
  keyName: string,
): Promise<void> {
  const max = listOp.parameters.find((p) => p.name === 'pageSize')?.schema.maximum;
  let query: Record<string, string> = typeof max === 'number' ? { pageSize: String(max) } : {};
  let last: Exchange | undefined;
  for (let page = 0; page < ctx.settings.maxPages; page += 1) {
    last = await ctx.send(listOp, { query }, 'stateful-lifecycle');
    const json = last?.response.json as { data?: Item[]; nextToken?: unknown } | undefined;
    if (!json || !Array.isArray(json.data)) return;
    if (json.data.some((item) => String(item?.[keyName]) === key))
      return ctx.report(listOp, 'stateful-lifecycle');
    if (typeof json.nextToken !== 'string' || json.nextToken === '') break;
    query = { nextToken: json.nextToken };
  }
  // Not found within --max-pages says nothing about a list longer than that.
  const next = (last?.response.json as { nextToken?: unknown } | undefined)?.nextToken;
  if (last && (next === undefined || next === '' || next === null))
    ctx.report(listOp, 'stateful-lifecycle', [
      describeFailure(last, `created item ${key} is missing from the list walk`),
    ]);
}
