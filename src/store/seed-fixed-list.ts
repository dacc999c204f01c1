import type { BaseList } from './base-list.ts';
import { compareIds } from './ids.ts';

/** An item placed among generated ones by its key (a published example's account). */
export interface FixedItem<V> {
  key: string;
  value: V;
  /** Its group (owner), as `BaseGroups.of` answers for it. */
  group: number;
}

/**
 * `generated` with a few fixed items merged in by key order. Positions interleave: fixed item j
 * sits at `lowerBound(its key) + j` of the generated list. Every operation is the generated
 * list's own plus a scan of the fixed items (three: the published examples), so the lazy
 * generated list is never materialized. `generated.groups.sizeOf` must count the fixed items.
 */
export function withFixedItems<V>(generated: BaseList<V>, fixedItems: readonly FixedItem<V>[]): BaseList<V> {
  if (fixedItems.length === 0) return generated;
  const fixed = [...fixedItems].sort((a, b) => compareIds(a.key, b.key));
  const at = fixed.map((item, j) => {
    if (generated.find(item.key) >= 0) throw new Error(`fixed item ${item.key} is also generated`);
    return generated.lowerBound(item.key) + j;
  });
  /** The fixed item at merged `position`, or -1 - (its generated position). */
  const locate = (position: number): number => {
    let before = 0;
    for (let j = 0; j < at.length; j++) {
      if (at[j] === position) return j;
      if ((at[j] ?? 0) < position) before++;
    }
    return -1 - (position - before);
  };
  const groups = generated.groups;
  return {
    size: generated.size + fixed.length,
    keyAt(position) {
      const j = locate(position);
      return j >= 0 ? (fixed[j]?.key ?? '') : generated.keyAt(-1 - j);
    },
    valueAt(position) {
      const j = locate(position);
      return j >= 0 ? (fixed[j] as FixedItem<V>).value : generated.valueAt(-1 - j);
    },
    lowerBound: (key) =>
      generated.lowerBound(key) + fixed.filter((item) => compareIds(item.key, key) < 0).length,
    find(key) {
      const j = fixed.findIndex((item) => item.key === key);
      if (j >= 0) return at[j] ?? -1;
      const position = generated.find(key);
      if (position < 0) return -1;
      return position + at.filter((merged, i) => merged - i <= position).length;
    },
    ...(groups === undefined
      ? {}
      : {
          groups: {
            count: groups.count,
            of(position: number) {
              const j = locate(position);
              return j >= 0 ? (fixed[j]?.group ?? -1) : groups.of(-1 - j);
            },
            sizeOf: (group: number) => groups.sizeOf(group),
          },
        }),
  };
}
