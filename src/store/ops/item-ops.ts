import { fail, ok, type Result } from '../../shared/result.ts';
import { collectionOf } from '../data-set.ts';
import { type DomainError, domainError, storeFull } from '../errors.ts';
import { type ItemRecord, type JsonObject, storeKeyOf, withinParent } from '../generic/item-records.ts';
import { mergePatch } from '../generic/merge-patch.ts';
import type { ReadOp, WriteOp } from '../op.ts';
import type { Ref, StoreTx } from '../port.ts';
import { deepFreeze } from '../records.ts';
import type { Page, PageQuery } from '../types.ts';

/**
 * The operations of any collection a description implies (issue: stateful from any description),
 * written once like the Togai ones. An item is addressed by its collection, its own key, and for a
 * nested collection its parent (which must exist: a child of an unknown parent is a 404).
 */
export interface ItemAt {
  readonly collection: string;
  /** The path parameter that names the item, for messages. */
  readonly param: string;
  readonly key: string;
  readonly parent?: ParentAt;
}

export interface ParentAt {
  readonly collection: string;
  /** The parent's store key (its own key, prefixed by its parent's for deeper nesting). */
  readonly key: string;
  readonly param: string;
}

type Tx = StoreTx;

const notFound = (param: string, key: string): DomainError =>
  domainError('RESOURCE_NOT_FOUND', `${param}: nothing found with id ${key}`);

const parentRef = (parent: ParentAt | undefined): Ref[] =>
  parent === undefined ? [] : [{ collection: parent.collection, id: parent.key }];
const refOf = (at: ItemAt): Ref => ({ collection: at.collection, id: storeKeyOf(at.parent?.key, at.key) });

/** The parent's absence, as the 404 it answers, or nothing. */
function missingParent(tx: Tx, parent: ParentAt | undefined): DomainError | undefined {
  if (parent === undefined || tx.get(parent.collection, parent.key) !== undefined) return undefined;
  return notFound(parent.param, parent.key);
}

/** One item with its store key (the cursor of a page it ends). */
export interface KeyedItem {
  readonly key: string;
  readonly item: JsonObject;
}

export const listItems: ReadOp<
  [string, ParentAt | undefined, PageQuery],
  Result<Page<KeyedItem>, DomainError>
> = {
  kind: 'read',
  reads: (_collection, parent) => parentRef(parent),
  run(tx, collection, parent, query) {
    const missing = missingParent(tx, parent);
    if (missing) return fail(missing);
    const within = parent === undefined ? query.within : withinParent(parent.key);
    const page = tx.page(collection, within === undefined ? query : { ...query, within });
    return ok({
      items: page.items.map((record) => {
        const { key, item } = record as ItemRecord;
        return { key: storeKeyOf(parent?.key, key), item };
      }),
      hasMore: page.hasMore,
    });
  },
};

export const getItem: ReadOp<[ItemAt], Result<JsonObject, DomainError>> = {
  kind: 'read',
  reads: (at) => [...parentRef(at.parent), refOf(at)],
  run(tx, at) {
    const missing = missingParent(tx, at.parent);
    if (missing) return fail(missing);
    const record = tx.get(at.collection, refOf(at).id) as ItemRecord | undefined;
    return record ? ok(record.item) : fail(notFound(at.param, at.key));
  },
};

const write = <A extends [ItemAt, ...unknown[]]>(
  run: (
    tx: Tx,
    at: ItemAt,
    record: ItemRecord | undefined,
    ...rest: A extends [ItemAt, ...infer R] ? R : never
  ) => Result<JsonObject, DomainError>,
): WriteOp<A, JsonObject> => ({
  kind: 'write',
  budgetField: 'body',
  lockKey: (at: ItemAt, ..._rest: unknown[]) => `${at.collection} ${refOf(at).id}`,
  reads: (at: ItemAt, ..._rest: unknown[]) => [...parentRef(at.parent), refOf(at)],
  run(tx, at, ...rest) {
    const missing = missingParent(tx, at.parent);
    if (missing) return fail(missing);
    return run(tx, at, tx.get(at.collection, refOf(at).id) as ItemRecord | undefined, ...(rest as never));
  },
});

// Records are deep-frozen, like Togai's: stored and handed out without copying, their JSON cached.
const recordOf = (at: ItemAt, item: JsonObject, seedIndex?: number): ItemRecord =>
  deepFreeze({
    key: at.key,
    item,
    ...(at.parent ? { parent: at.parent.key } : {}),
    ...(seedIndex !== undefined ? { seedIndex } : {}),
  });

/** Stores a new item under its key (chosen by the client or made by the server): 409 if taken. */
export const createItem = write<[ItemAt, JsonObject, string]>((tx, at, existing, item, keyProperty) => {
  if (existing !== undefined)
    return fail(domainError('DUPLICATE_ID', `${keyProperty}: an item with id ${at.key} already exists`));
  if (!tx.fits(at.collection))
    return fail(storeFull(keyProperty, collectionOf(tx.data, at.collection).cap, 'items here'));
  tx.put(at.collection, refOf(at).id, recordOf(at, item));
  return ok(item);
});

/** Replaces an existing item whole (PUT); its key stays. */
export const replaceItem = write<[ItemAt, JsonObject]>((tx, at, existing, item) => {
  if (existing === undefined) return fail(notFound(at.param, at.key));
  tx.put(at.collection, refOf(at).id, recordOf(at, item, existing.seedIndex));
  return ok(item);
});

/** Changes the fields sent (a JSON merge patch, RFC 7396); the key fields stay as they were. */
export const patchItem = write<[ItemAt, JsonObject, readonly string[]]>((tx, at, existing, patch, fixed) => {
  if (existing === undefined) return fail(notFound(at.param, at.key));
  const merged = mergePatch(existing.item, patch, fixed);
  tx.put(at.collection, refOf(at).id, recordOf(at, merged, existing.seedIndex));
  return ok(merged);
});

export const deleteItem: WriteOp<[ItemAt], JsonObject> = {
  kind: 'write',
  budgetField: 'body',
  lockKey: (at) => `${at.collection} ${refOf(at).id}`,
  reads: (at) => [...parentRef(at.parent), refOf(at)],
  run(tx, at) {
    const missing = missingParent(tx, at.parent);
    if (missing) return fail(missing);
    const record = tx.get(at.collection, refOf(at).id) as ItemRecord | undefined;
    if (record === undefined) return fail(notFound(at.param, at.key));
    tx.remove(at.collection, refOf(at).id);
    return ok(record.item);
  },
};

/** A fresh random id from the store's source (injectable: tests get the same ids every run). */
export const newId: ReadOp<[], string> = { kind: 'read', run: (tx) => tx.newId() };
