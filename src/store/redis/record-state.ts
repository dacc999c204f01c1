import type { Usage } from '../budget.ts';
import type { Collection } from '../data-set.ts';
import { MARKER_BYTES, utf8Length } from '../record-size.ts';
import { SEED, STATE } from './lua-contract.ts';

/** A record as a snapshot read it (lua-contract.ts's STATE), with its value when it has one. */
export type RecordState =
  | {
      readonly state: typeof STATE.live | typeof STATE.masking;
      readonly record: object;
      readonly cost: Usage;
    }
  | { readonly state: typeof STATE.base; readonly record: object }
  | { readonly state: typeof STATE.tombstone | typeof STATE.absent };

/** Whether a state holds a record the tenant sees. */
export const isPresent = (state: RecordState): state is Extract<RecordState, { record: object }> =>
  state.state !== STATE.tombstone && state.state !== STATE.absent;

/** The seed argument of an id (lua-contract.ts's SEED): whether, and in which group, it is seeded. */
export function seedOf(collection: Collection, id: string): string {
  const position = collection.base.find(id);
  if (position < 0) return SEED.none;
  const groups = collection.base.groups;
  return groups === undefined ? SEED.ungrouped : String(groups.of(position));
}

/** A stored value, "<weight> <json>", as its record and its cost. */
export function decodeStored(stored: string): { record: object; cost: Usage } {
  const space = stored.indexOf(' ');
  const json = stored.slice(space + 1);
  return {
    record: JSON.parse(json) as object,
    cost: { items: Number(stored.slice(0, space)), bytes: utf8Length(json) },
  };
}

/** A state as the peek script reports it (`L<stored>`, `M<stored>`, `B`, `T`, `A`). */
export function decodeState(collection: Collection, id: string, raw: string): RecordState {
  const state = raw.charAt(0);
  if (state === STATE.live || state === STATE.masking) return { state, ...decodeStored(raw.slice(1)) };
  if (state === STATE.base) return { state, record: collection.base.valueAt(collection.base.find(id)) };
  return { state: state === STATE.tombstone ? STATE.tombstone : STATE.absent };
}

/** Whether the seeded item under a record still shows (a delete of it then leaves a marker). */
export const baseShows = (before: RecordState): boolean =>
  before.state === STATE.base || before.state === STATE.masking || before.state === STATE.tombstone;

const MARKER: Usage = { items: 1, bytes: MARKER_BYTES };
const NONE: Usage = { items: 0, bytes: 0 };
const minus = (a: Usage, b: Usage): Usage => ({ items: a.items - b.items, bytes: a.bytes - b.bytes });

/** How writing `cost` over `before` changes the tenant's usage (`LayeredIndex.costOfSet`). */
export function costOfPut(before: RecordState, cost: Usage): Usage {
  if (before.state === STATE.live || before.state === STATE.masking) return minus(cost, before.cost);
  if (before.state === STATE.tombstone) return minus(cost, MARKER);
  return cost;
}

/** How deleting over `before` changes it: a record goes, a marker comes when a seeded item shows. */
export function costOfRemove(before: RecordState): Usage {
  const marker = before.state === STATE.base || before.state === STATE.masking ? MARKER : NONE;
  return before.state === STATE.live || before.state === STATE.masking ? minus(marker, before.cost) : marker;
}
