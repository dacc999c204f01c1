import type { BaseList } from '../base-list.ts';
import type { AccountRecord, CustomerRecord } from '../records.ts';
import type { Page, PageQuery } from '../types.ts';
import { mergePage, type OverlaySlice } from './merge-page.ts';
import type { TenantContext } from './tx.ts';

type PageReply = [number, (string | number)[], string[], (string | null)[], string[], number];

/**
 * One page: one script call reads the overlay's next entries after the cursor (one snapshot),
 * merged in process with the baseline. Asking for `limit + 1` deletion markers covers a page
 * unless more seeded items than that were deleted inside its range; then the call repeats with
 * four times as many, so even a million markers in one range cost about ten round trips.
 */
async function readPage<R, V>(
  ctx: TenantContext,
  kind: 'a' | 'c',
  base: BaseList<R>,
  query: PageQuery,
  view: (record: R) => V,
): Promise<{ page: Page<V>; fixtured: boolean }> {
  let markers = query.limit + 1;
  for (;;) {
    const reply = (await ctx.port.run('page', ctx.keys, [
      ctx.tenant,
      ctx.idleMs,
      kind,
      query.after === undefined ? '0' : '1',
      query.after ?? '',
      query.order,
      query.limit + 1,
      markers,
    ])) as PageReply;
    const [cleared, hidden, ids, values, deleted, fixtured] = reply;
    const slice: OverlaySlice<R> = {
      cleared: Number(cleared) === 1,
      hidden: new Set(hidden.map(Number)),
      live: ids.map((id, i) => ({ id, value: () => JSON.parse(values[i] ?? 'null') as R })),
      liveFull: ids.length === query.limit + 1,
      deleted,
      deletedFull: deleted.length === markers,
    };
    const page = mergePage(base, slice, query);
    if (page !== undefined) {
      return {
        page: { items: page.items.map(view), hasMore: page.hasMore },
        fixtured: Number(fixtured) === 1,
      };
    }
    markers *= 4;
  }
}

export const readAccountPage = (ctx: TenantContext, query: PageQuery) =>
  readPage(ctx, 'a', ctx.baseline.accounts, query, (record: AccountRecord) => record.account);

export const readCustomerPage = (ctx: TenantContext, query: PageQuery) =>
  readPage(ctx, 'c', ctx.baseline.customers, query, (record: CustomerRecord) => record.customer);
