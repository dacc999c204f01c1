import type { DataSet } from './data-set.ts';
import type { Page, PageQuery } from './types.ts';

/** Records by collection name: what `get` returns and `put` takes for each collection. */
export type RecordMap = { readonly [collection: string]: object };

/**
 * The one port every store operation is written against: reads of a tenant's records, the writes
 * it wants, and the clock. The in-memory store answers reads from its indexes directly; the Redis
 * store from a snapshot it loaded (a read of something not loaded yet throws `NotLoaded`, and the
 * runner loads it and runs the operation again, so an op must be a pure function of what it reads).
 *
 * Writes are queued, and applied whole after the op returns successfully, once the runner has
 * checked the budget; an op that fails writes nothing. A read sees the op's own queued puts and
 * removes (not the cascades of a remove, nor a clear, which later reads must not rely on).
 */
export interface StoreTx<R extends RecordMap = RecordMap> {
  readonly data: DataSet;
  get<C extends keyof R & string>(collection: C, id: string): R[C] | undefined;
  /** How many items the collection holds now (with this op's own writes). */
  count(collection: keyof R & string): number;
  /**
   * Whether `1 + extra` more items fit under the collection's cap. On Redis the answer is guarded:
   * the commit fails (and the op runs again) if other writers used the room meanwhile.
   */
  fits(collection: keyof R & string, extra?: number): boolean;
  /** A page of the collection (read-only ops only: a page cannot be guarded). */
  page<C extends keyof R & string>(collection: C, query: PageQuery): Page<R[C]>;
  put<C extends keyof R & string>(collection: C, id: string, record: R[C]): void;
  /** Removes an item the op has read, and what it owns (see `OwnerOf`). */
  remove(collection: keyof R & string, id: string): void;
  /** Empties the tenant, seeded data included. */
  clear(): void;
  now(): Date;
  /** A fresh random id (alias records). */
  newId(): string;
}

/**
 * Thrown by a snapshot's read of what it has not loaded: never seen outside a runner. (Not an
 * error value: it unwinds a pure op that is then run again, which a Result cannot do.)
 */
export class NotLoaded extends Error {
  override readonly name = 'NotLoaded';
  readonly need: Need;
  constructor(need: Need) {
    super('store: read before load');
    this.need = need;
  }
}

/** What a snapshot must load before an op can run: records by id, or one page of a collection. */
export type Need =
  | { readonly kind: 'records'; readonly refs: readonly Ref[] }
  | { readonly kind: 'page'; readonly collection: string; readonly query: PageQuery };

/** A record by collection and id. */
export interface Ref {
  readonly collection: string;
  readonly id: string;
}
