import { fail, type Result } from '../../shared/result.ts';
import { describeLimit, type Meter } from '../budget.ts';
import type { DataSet } from '../data-set.ts';
import { type DomainError, domainError } from '../errors.ts';
import { type AnyOp, bindOps, type OpTable, type SyncApi } from '../op.ts';
import { applyChanges } from './apply-changes.ts';
import { createState, forkState, type MemoryState, type StoreOptions } from './memory-state.ts';
import { MemoryTx } from './memory-tx.ts';

/** A tenant's store in this process: the op table, answering at once, plus an O(1) fork. */
export type MemoryStore<T extends OpTable> = SyncApi<T> & {
  /**
   * An independent copy of this tenant's current state, in O(1) (copy-on-write): writes to the
   * copy never show in this store, nor the reverse. Build a draft on it, then swap it in whole
   * with `Tenants.set` to make a multi-step change atomic.
   */
  fork(): MemoryStore<T>;
};

/** The meters of stores made here, for `Tenants` to attach and detach (not part of the API). */
const meters = new WeakMap<object, Meter>();

export const meterOf = (store: object): Meter | undefined => meters.get(store);

/**
 * Runs one op on a tenant's state: a read straight on the indexes; a write on a queue of
 * changes, applied whole only when the op succeeds and its growth fits the budget.
 */
export function runInMemory(state: MemoryState, op: AnyOp, args: unknown[], reader?: MemoryTx): unknown {
  // A read queues nothing: one port per store serves every read.
  if (op.kind === 'read') return op.run(reader ?? new MemoryTx(state), ...args);
  const tx = new MemoryTx(state);
  const result = op.run(tx, ...args) as Result<unknown, DomainError>;
  if (!result.ok || tx.changes.length === 0) return result;
  if (op.budgetField !== null) {
    const hit = state.meter.check(tx.cost());
    if (hit !== undefined) return fail(domainError('STORE_FULL', describeLimit(op.budgetField, hit)));
  }
  applyChanges(state, tx.changes);
  // Every write goes through here so the shared budget follows this store's usage.
  state.meter.sync();
  return result;
}

/** A tenant's store over `data`: O(1) to create, it copies only what it writes. */
export function createMemoryStore<T extends OpTable>(
  data: DataSet,
  ops: T,
  options: StoreOptions = {},
): MemoryStore<T> {
  return storeOver(createState(data, options), ops);
}

function storeOver<T extends OpTable>(state: MemoryState, ops: T): MemoryStore<T> {
  const reader = new MemoryTx(state);
  const store = {
    ...bindOps<T, SyncApi<T>>(ops, (op, args) => runInMemory(state, op, args, reader)),
    fork: () => storeOver(forkState(state), ops),
  };
  meters.set(store, state.meter);
  return store;
}
