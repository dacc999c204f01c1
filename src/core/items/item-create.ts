import { fail, ok, type Result } from '../../shared/result.ts';
import type { JsonSchema, SpecOperation } from '../../spec/types.ts';
import { type DomainError, domainError } from '../../store/errors.ts';
import { checkNewId, hashString, mix32 } from '../../store/ids.ts';
import type { ItemAt, ParentAt } from '../../store/ops/item-ops.ts';
import { apiError } from '../errors.ts';
import type { Handler, HandlerContext } from '../handlers.ts';
import { andThen } from '../store-port.ts';
import type { MaybePromise } from '../types.ts';
import { buildItem } from './build-item.ts';
import { listAnswer, successOf } from './item-answers.ts';
import type { StoredResource } from './item-plan.ts';
import { answer, bodyOf } from './item-replies.ts';
import { keyInStyle } from './key-style.ts';

type Judge = (schema: JsonSchema, value: unknown) => boolean;

/** A key the server makes for a new item, in the collection's style (random: a create is not seeded). */
function newKey(stored: StoredResource, id: string): string {
  const words = [0, 1, 2, 3].map((i) => hashString(id, i));
  return keyInStyle(stored.keyStyle, 1000 + (mix32(words[0] ?? 0) % 9_000_000), words);
}

/**
 * A create: one item from an object body, or (a batch create, as some APIs have) one per element
 * of an array body, all answered together in the answer's own shape.
 */
export function create(
  ctx: HandlerContext,
  stored: StoredResource,
  op: SpecOperation,
  parent: ParentAt | undefined,
  judge: Judge,
) {
  const body = ctx.request.body;
  if (Array.isArray(body)) return createMany(ctx, stored, op, parent, body, judge);
  // A create that takes no body (a bill run started by a bare POST) makes every field itself.
  const one = bodyOf(ctx) ?? (op.requestBody === undefined ? {} : undefined);
  if (one === undefined) return fail(apiError('INVALID_REQUEST', 'body: must be a JSON object'));
  return andThen(createOne(ctx, stored, parent, one, 'body', judge), answer(op, stored, judge));
}

function createMany(
  ctx: HandlerContext,
  stored: StoredResource,
  op: SpecOperation,
  parent: ParentAt | undefined,
  bodies: readonly unknown[],
  judge: Judge,
): ReturnType<Handler> {
  const made: unknown[] = [];
  const next = (i: number): ReturnType<Handler> => {
    if (i === bodies.length) {
      const { status, schema } = successOf(op);
      const shaped =
        schema?.type === 'array' ? made : listAnswer(op, stored.resource.list, made, undefined, judge);
      return ok({ status, body: shaped });
    }
    const body = bodies[i];
    if (body === null || typeof body !== 'object' || Array.isArray(body))
      return fail(apiError('INVALID_REQUEST', `body[${i}]: must be a JSON object`));
    return andThen(
      createOne(ctx, stored, parent, body as Record<string, unknown>, `body[${i}]`, judge),
      (result) => {
        if (!result.ok) return result;
        made.push(result.value);
        return next(i + 1);
      },
    );
  };
  return next(0);
}

/** Stores one new item: under the key the client chose, or one the server makes (again on a clash). */
function createOne(
  ctx: HandlerContext,
  stored: StoredResource,
  parent: ParentAt | undefined,
  body: Record<string, unknown>,
  where: string,
  judge: Judge,
): MaybePromise<Result<unknown, DomainError>> {
  const field = stored.keyProperty ?? 'id';
  const sent = stored.keyProperty === undefined ? undefined : body[stored.keyProperty];
  const chosen = typeof sent === 'string' || typeof sent === 'number' ? String(sent) : undefined;
  if (chosen !== undefined) {
    const named = where === 'body' ? field : `${where}.${field}`;
    const bad =
      checkNewId(chosen, named) ??
      (/^$|[/?#]/.test(chosen) ? `${named}: cannot be a path segment (empty, or holds / ? #)` : undefined);
    if (bad) return fail(domainError('INVALID_REQUEST', bad));
  }
  const store = (key: string, tries: number): MaybePromise<Result<unknown, DomainError>> => {
    const item = buildItem(stored, body, key, new Date(), judge);
    const at: ItemAt = {
      collection: stored.collection,
      param: stored.keyParam ?? field,
      key,
      ...(parent ? { parent } : {}),
    };
    return andThen(ctx.store.createItem(at, item, field), (result) =>
      !result.ok && result.error.code === 'DUPLICATE_ID' && chosen === undefined && tries < 3
        ? andThen(ctx.store.newId(), (id) => store(newKey(stored, id), tries + 1))
        : result,
    );
  };
  // A key the server makes comes from the store's random ids: the same ones in a test that injects them.
  return chosen !== undefined
    ? store(chosen, 0)
    : andThen(ctx.store.newId(), (id) => store(newKey(stored, id), 0));
}
