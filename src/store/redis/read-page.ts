import type { Collection } from '../data-set.ts';
import { compareIds } from '../ids.ts';
import { mergePage, type OverlayEntry } from '../merge-page.ts';
import type { Page, PageQuery } from '../types.ts';
import { decodeStored } from './record-state.ts';
import type { TenantContext } from './tenant-context.ts';

type PageReply = [number, string[], string[], (string | null)[], string[], number];

/**
 * One page of a collection: one script call reads the overlay's next entries after the cursor
 * (one snapshot), merged in process with the base (merge-page.ts, the in-memory store's merge).
 * Asking for `limit + 1` deletion markers covers a page unless more seeded items than that were
 * deleted inside its range; then the call repeats with four times as many, so even a million
 * markers in one range cost about ten round trips.
 */
export async function readPage(
  ctx: TenantContext,
  collection: Collection,
  query: PageQuery,
): Promise<{ page: Page<object>; fixtured: boolean }> {
  const strip = collection.name.length + 1;
  const groups = collection.base.groups;
  let markers = query.limit + 1;
  for (;;) {
    const reply = (await ctx.port.run('page', ctx.keys, [
      ctx.tenant,
      ctx.idleMs,
      collection.name,
      query.after === undefined ? '0' : '1',
      query.after ?? '',
      query.order,
      query.limit + 1,
      markers,
      query.within ?? '',
    ])) as PageReply;
    const [cleared, hiddenMembers, members, values, deleted, fixtured] = reply;
    const mine = `${collection.name}:`;
    const hidden = new Set(
      hiddenMembers.filter((member) => member.startsWith(mine)).map((member) => Number(member.slice(strip))),
    );
    const live = members.map(
      (member, i): OverlayEntry<object> => [
        member.slice(strip),
        () => decodeStored(values[i] ?? '0 null').record,
      ],
    );
    const markerIds = deleted.map((member) => member.slice(strip));
    const order = query.order === 'ASC' ? 1 : -1;
    const ends = [
      members.length === query.limit + 1 ? live[live.length - 1]?.[0] : undefined,
      markerIds.length === markers ? markerIds[markerIds.length - 1] : undefined,
    ].filter((id): id is string => id !== undefined);
    const page = mergePage(
      {
        base: collection.base,
        baseVisible: Number(cleared) !== 1 && (groups === undefined || hidden.size !== groups.count),
        isHidden: (position) => hidden.size > 0 && groups !== undefined && hidden.has(groups.of(position)),
        overlay: mergeOverlay(live, markerIds, order),
        knownUntil:
          ends.length === 0 ? undefined : ends.reduce((a, b) => (compareIds(a, b) * order <= 0 ? a : b)),
      },
      query,
    );
    if (page !== undefined) return { page, fixtured: Number(fixtured) === 1 };
    markers *= 4;
  }
}

/** Live records and deletion markers, each in page order, as one overlay in page order. */
function* mergeOverlay(
  live: readonly OverlayEntry<object>[],
  deleted: readonly string[],
  order: number,
): Generator<OverlayEntry<object>> {
  let i = 0;
  let j = 0;
  while (i < live.length || j < deleted.length) {
    const record = live[i];
    const marker = deleted[j];
    if (marker === undefined || (record !== undefined && compareIds(record[0], marker) * order < 0)) {
      yield record as OverlayEntry<object>;
      i++;
    } else {
      yield [marker, null];
      j++;
    }
  }
}
