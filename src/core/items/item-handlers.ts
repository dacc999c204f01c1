import { fail, ok, type Result } from '../../shared/result.ts';
import type { Role } from '../../spec/resources/resource-types.ts';
import type { JsonSchema, SpecOperation } from '../../spec/types.ts';
import type { DomainError } from '../../store/errors.ts';
import { storeKeyOf } from '../../store/generic/item-records.ts';
import type { ItemAt, KeyedItem, ParentAt } from '../../store/ops/item-ops.ts';
import type { Page } from '../../store/types.ts';
import { type ApiError, apiError } from '../errors.ts';
import type { Handler, HandlerContext, Reply } from '../handlers.ts';
import { andThen } from '../store-port.ts';
import { buildItem } from './build-item.ts';
import { itemAnswer, listAnswer, readListRequest, successOf } from './item-answers.ts';
import { create } from './item-create.ts';
import type { ItemPlan, StoredResource } from './item-plan.ts';
import { answer, bodyOf } from './item-replies.ts';

type Judge = (schema: JsonSchema, value: unknown) => boolean;
type Outcome = Result<Reply, ApiError>;

/**
 * The handlers of every operation the store answers for a description's resources: list, create,
 * read, update (a merge patch), replace and delete from the store; an action checks its item
 * exists (404 otherwise) and answers from the description's examples with the item's fields.
 */
export function itemHandlers(plan: ItemPlan, judge: Judge): Map<SpecOperation, Handler> {
  const byName = new Map(plan.resources.map((stored) => [stored.collection, stored]));
  const handlers = new Map<SpecOperation, Handler>();
  for (const stored of plan.resources) {
    const parentOf = (path: Record<string, string>) => parentAt(stored, byName, path);
    const at = (path: Record<string, string>): ItemAt | undefined => {
      if (stored.keyParam === undefined || path[stored.keyParam] === undefined) return undefined;
      const parent = parentOf(path);
      return {
        collection: stored.collection,
        param: stored.keyParam,
        key: path[stored.keyParam] as string,
        ...(parent ? { parent } : {}),
      };
    };
    const make: Record<Role, (op: SpecOperation) => Handler | undefined> = {
      list: (op) => (ctx) => list(ctx, stored, op, parentOf(ctx.request.path), judge),
      create: (op) => (ctx) => create(ctx, stored, op, parentOf(ctx.request.path), judge),
      read: (op) => addressed(at, (ctx, item) => andThen(ctx.store.getItem(item), answer(op, stored, judge))),
      update: (op) =>
        addressed(at, (ctx, item) =>
          andThen(
            ctx.store.patchItem(item, bodyOf(ctx) ?? {}, stored.keyProperty ? [stored.keyProperty] : []),
            answer(op, stored, judge),
          ),
        ),
      replace: (op) =>
        addressed(at, (ctx, item) =>
          andThen(
            ctx.store.replaceItem(item, buildItem(stored, bodyOf(ctx) ?? {}, item.key, new Date(), judge)),
            answer(op, stored, judge),
          ),
        ),
      delete: (op) =>
        addressed(at, (ctx, item) =>
          andThen(ctx.store.deleteItem(item), (result) => {
            if (!result.ok) return result;
            const { status, schema } = successOf(op);
            return ok({
              status,
              body: schema ? itemAnswer(op, stored, result.value, judge) : undefined,
            });
          }),
        ),
      action: () =>
        addressed(at, (ctx, item) =>
          andThen(ctx.store.getItem(item), (result) =>
            result.ok ? ok({ status: 0, body: result.value, fromExamples: true }) : result,
          ),
        ),
    };
    for (const [role, operations] of stored.operations)
      for (const op of operations) {
        // An item the path cannot name (no key found) is answered from examples.
        if (role !== 'list' && role !== 'create' && stored.keyParam === undefined) continue;
        const handler = make[role](op);
        if (handler) handlers.set(op, handler);
      }
  }
  return handlers;
}

/** A handler that answers from examples once the item of `stored` the path names is found (404 otherwise). */
export function guardOf(plan: ItemPlan, stored: StoredResource): Handler {
  const byName = new Map(plan.resources.map((entry) => [entry.collection, entry]));
  return (ctx) => {
    const key = stored.keyParam === undefined ? undefined : ctx.request.path[stored.keyParam];
    if (key === undefined) return fail(apiError('INVALID_REQUEST', 'path: this operation names no item'));
    const parent = parentAt(stored, byName, ctx.request.path);
    const at: ItemAt = {
      collection: stored.collection,
      param: stored.keyParam as string,
      key,
      ...(parent ? { parent } : {}),
    };
    return andThen(ctx.store.getItem(at), (result) =>
      result.ok ? ok({ status: 0, body: result.value, fromExamples: true }) : result,
    );
  };
}

/** The parent an item of `stored` lives under, from the path (its store key built down the chain). */
function parentAt(
  stored: StoredResource,
  byName: ReadonlyMap<string, StoredResource>,
  path: Record<string, string>,
): ParentAt | undefined {
  if (stored.parent === undefined) return undefined;
  const above = byName.get(stored.parent.collection);
  const grand = above ? parentAt(above, byName, path) : undefined;
  const own = path[stored.parent.param] ?? '';
  return {
    collection: stored.parent.collection,
    key: storeKeyOf(grand?.key, own),
    param: stored.parent.param,
  };
}

/** A handler for an operation on one item: undefined when its path cannot name the item. */
function addressed(
  at: (path: Record<string, string>) => ItemAt | undefined,
  run: (ctx: HandlerContext, item: ItemAt) => ReturnType<Handler>,
): Handler | undefined {
  return (ctx) => {
    const item = at(ctx.request.path);
    return item ? run(ctx, item) : fail(apiError('INVALID_REQUEST', 'path: this operation names no item'));
  };
}

function list(
  ctx: HandlerContext,
  stored: StoredResource,
  op: SpecOperation,
  parent: ParentAt | undefined,
  judge: Judge,
) {
  const shape = stored.resource.list;
  const name = `items:${stored.collection}:${parent?.key ?? ''}`;
  const request = readListRequest(op, shape, ctx.request.query, name, ctx.secret);
  if (!request.ok) return request;
  const { query, skip, next } = request.value;
  return andThen(
    ctx.store.listItems(stored.collection, parent, query),
    (page: Result<Page<KeyedItem>, DomainError>): Outcome => {
      if (!page.ok) return page;
      const items = page.value.items.slice(skip);
      const last = items.at(-1);
      const after = page.value.hasMore && last ? next(last.key) : undefined;
      const body = listAnswer(
        op,
        shape,
        items.map((entry) => entry.item),
        after,
        judge,
      );
      return ok({ status: successOf(op).status, body });
    },
  );
}
