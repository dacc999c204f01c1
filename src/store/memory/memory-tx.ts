import type { Usage } from '../budget.ts';
import { collectionOf, type DataSet } from '../data-set.ts';
import type { StoreTx } from '../port.ts';
import type { Page, PageQuery } from '../types.ts';
import { indexOf, type MemoryState } from './memory-state.ts';

/** A write an op asked for, applied by `applyChanges` once the op has succeeded and fits. */
export type MemoryChange =
  | { readonly kind: 'put'; readonly collection: string; readonly id: string; readonly record: object }
  | { readonly kind: 'remove'; readonly collection: string; readonly id: string; readonly record: object }
  | { readonly kind: 'clear' };

const slot = (collection: string, id: string): string => `${collection}\u0000${id}`;

/**
 * The port over one tenant's in-memory state. Reads go straight to the indexes (and to the op's own
 * queued writes); writes are queued, so a failing op changes nothing and the runner can weigh the
 * whole write against the budget before applying it.
 */
export class MemoryTx implements StoreTx {
  readonly data: DataSet;
  readonly changes: MemoryChange[] = [];
  readonly #state: MemoryState;
  readonly #pending = new Map<string, { collection: string; id: string; record: object | null }>();
  readonly #added = new Map<string, number>();

  constructor(state: MemoryState) {
    this.#state = state;
    this.data = state.data;
  }

  get(collection: string, id: string): object | undefined {
    const own = this.#pending.size === 0 ? undefined : this.#pending.get(slot(collection, id));
    if (own !== undefined) return own.record ?? undefined;
    return indexOf(this.#state, collection).get(id);
  }

  count(collection: string): number {
    return indexOf(this.#state, collection).size + (this.#added.get(collection) ?? 0);
  }

  fits(collection: string, extra = 0): boolean {
    return this.count(collection) + extra < collectionOf(this.data, collection).cap;
  }

  page(collection: string, query: PageQuery): Page<object> {
    if (this.changes.length > 0) throw new Error('store: a page read after a write');
    return indexOf(this.#state, collection).page(query);
  }

  put(collection: string, id: string, record: object): void {
    if (this.get(collection, id) === undefined) this.#add(collection, 1);
    this.#pending.set(slot(collection, id), { collection, id, record });
    this.changes.push({ kind: 'put', collection, id, record });
  }

  remove(collection: string, id: string): void {
    const record = this.get(collection, id);
    if (record === undefined)
      throw new Error(`store: removing ${collection} ${id}, which the op did not find`);
    this.#add(collection, -1);
    this.#pending.set(slot(collection, id), { collection, id, record: null });
    this.changes.push({ kind: 'remove', collection, id, record });
  }

  clear(): void {
    this.changes.push({ kind: 'clear' });
  }

  now(): Date {
    return this.#state.now();
  }

  newId(): string {
    return this.#state.randomUUID();
  }

  /** What applying the queued puts and removes adds to the tenant's usage (cascades only free). */
  cost(): Usage {
    let items = 0;
    let bytes = 0;
    for (const { collection, id, record } of this.#pending.values()) {
      const index = indexOf(this.#state, collection);
      const cost = record === null ? index.costOfDelete(id) : index.costOfSet(id, record);
      items += cost.items;
      bytes += cost.bytes;
    }
    return { items, bytes };
  }

  #add(collection: string, delta: number): void {
    this.#added.set(collection, (this.#added.get(collection) ?? 0) + delta);
  }
}
