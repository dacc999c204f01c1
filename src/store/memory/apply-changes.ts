import { type Collection, collectionOf, ownedBy, ownerKey, ownerPrefix } from '../data-set.ts';
import { clearState, indexOf, type MemoryState } from './memory-state.ts';
import type { MemoryChange } from './memory-tx.ts';

/** Applies an op's writes in order, keeping the owner index and the owners' cascades. */
export function applyChanges(state: MemoryState, changes: readonly MemoryChange[]): void {
  for (const change of changes) {
    if (change.kind === 'clear') {
      clearState(state);
      continue;
    }
    const collection = collectionOf(state.data, change.collection);
    const index = indexOf(state, change.collection);
    const before = index.get(change.id);
    if (change.kind === 'put') {
      index.set(change.id, change.record);
      if (collection.owner !== undefined) {
        if (before !== undefined) state.owned.delete(keyOf(collection, before, change.id));
        state.owned.set(keyOf(collection, change.record, change.id), true);
      }
    } else {
      index.delete(change.id);
      if (collection.owner !== undefined) state.owned.delete(keyOf(collection, change.record, change.id));
      for (const child of ownedBy(state.data, change.collection))
        removeOwned(state, child, change.id, change.record);
    }
  }
}

const keyOf = (collection: Collection, record: object, id: string): string =>
  ownerKey(collection.name, (collection.owner as NonNullable<Collection['owner']>).idOf(record), id);

/**
 * Removes what `owner` owned in `child`: the items created for it (a range of the owner index)
 * and, for a seeded owner, its seeded group as one bit, not a marker per item: O(log n + items the
 * tenant wrote), whatever the group's size. An id of the group deleted and created again for
 * another owner survives. One level: what those items own in turn stays.
 */
function removeOwned(state: MemoryState, child: Collection, ownerId: string, owner: object): void {
  const index = indexOf(state, child.name);
  const prefix = ownerPrefix(child.name, ownerId);
  const doomed: string[] = [];
  for (const key of state.owned.keys(prefix)) {
    if (!key.startsWith(prefix)) break;
    doomed.push(key);
  }
  for (const key of doomed) {
    state.owned.delete(key);
    index.delete(key.slice(prefix.length));
  }
  const relation = child.owner as NonNullable<Collection['owner']>;
  const group = relation.groupOf(owner);
  if (group !== undefined) index.hideGroup(group, (value) => relation.idOf(value) !== ownerId);
}
