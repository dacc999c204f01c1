import type { BaseList } from '../base-list.ts';
import { compareIds } from '../ids.ts';
import type { Page, PageQuery } from '../types.ts';

/**
 * What Redis returned for one page: the overlay's entries after the cursor, each list cut at
 * the count asked for (a full list may go on past its last id).
 */
export interface OverlaySlice<V> {
  cleared: boolean;
  hidden: ReadonlySet<number>;
  live: readonly { id: string; value: () => V }[];
  liveFull: boolean;
  deleted: readonly string[];
  deletedFull: boolean;
}

/**
 * The page of `query` over the in-process baseline and a slice of the tenant's overlay: the same
 * merge as `LayeredIndex.page`. A full list is known only up to its last id; when the page would
 * need anything past that, the answer is `undefined` and the caller fetches longer lists (the
 * number of deleted seeded ids in the page's range is the only thing that can make it so).
 */
export function mergePage<V>(
  base: BaseList<V>,
  slice: OverlaySlice<V>,
  query: PageQuery,
): Page<V> | undefined {
  const ascending = query.order === 'ASC';
  const step = ascending ? 1 : -1;
  const order = (a: string, b: string): number => compareIds(a, b) * step;
  const groups = base.groups;
  const baseSize =
    slice.cleared || (groups !== undefined && slice.hidden.size === groups.count) ? 0 : base.size;
  const { after } = query;
  let position: number;
  if (after === undefined) position = ascending ? 0 : baseSize - 1;
  else if (ascending) {
    position = base.lowerBound(after);
    if (position < baseSize && base.keyAt(position) === after) position++;
  } else position = Math.min(base.lowerBound(after), baseSize) - 1;

  // The overlay in page order: live records and deletion markers (null).
  const own = mergeOverlay(slice, order);
  const bound = knownUntil(slice, order);
  const beyond = (key: string): boolean => bound !== undefined && order(key, bound) > 0;
  const isHidden = (at: number): boolean =>
    slice.hidden.size > 0 && groups !== undefined && slice.hidden.has(groups.of(at));
  const keyAt = (at: number): string | undefined => (at >= 0 && at < baseSize ? base.keyAt(at) : undefined);

  const picked: (number | (() => V))[] = [];
  let next = 0;
  let baseKey = keyAt(position);
  while (picked.length <= query.limit) {
    const entry = own[next];
    const ownKey = entry?.id;
    if (baseKey === undefined && ownKey === undefined) {
      if (bound !== undefined) return undefined;
      break;
    }
    const cmp = baseKey === undefined ? 1 : ownKey === undefined ? -1 : order(baseKey, ownKey);
    if (beyond(cmp <= 0 ? (baseKey as string) : (ownKey as string))) return undefined;
    if (cmp < 0 && !isHidden(position)) picked.push(position);
    if (cmp <= 0) {
      position += step;
      baseKey = keyAt(position);
    }
    if (cmp >= 0 && entry !== undefined) {
      if (entry.value !== null) picked.push(entry.value);
      next++;
    }
  }
  const hasMore = picked.length > query.limit;
  const items = picked
    .slice(0, query.limit)
    .map((item) => (typeof item === 'number' ? base.valueAt(item) : item()));
  return { items, hasMore };
}

function mergeOverlay<V>(
  slice: OverlaySlice<V>,
  order: (a: string, b: string) => number,
): { id: string; value: (() => V) | null }[] {
  const out: { id: string; value: (() => V) | null }[] = [];
  let i = 0;
  let j = 0;
  while (i < slice.live.length || j < slice.deleted.length) {
    const live = slice.live[i];
    const deleted = slice.deleted[j];
    if (deleted === undefined || (live !== undefined && order(live.id, deleted) < 0)) {
      out.push({ id: (live as { id: string }).id, value: (live as { value: () => V }).value });
      i++;
    } else {
      out.push({ id: deleted, value: null });
      j++;
    }
  }
  return out;
}

/** The last id up to which both overlay lists are complete; undefined when both are. */
function knownUntil<V>(slice: OverlaySlice<V>, order: (a: string, b: string) => number): string | undefined {
  const ends = [
    slice.liveFull ? slice.live[slice.live.length - 1]?.id : undefined,
    slice.deletedFull ? slice.deleted[slice.deleted.length - 1] : undefined,
  ].filter((id): id is string => id !== undefined);
  if (ends.length === 0) return undefined;
  return ends.reduce((a, b) => (order(a, b) <= 0 ? a : b));
}
