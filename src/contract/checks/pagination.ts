import type { SpecOperation } from '../../spec/types.ts';
import { describeFailure } from '../describe-failure.ts';
import { buildBadTokens, compareWalks, judgePage, type SortOrder, startWalk } from '../pagination-walk.ts';
import type { PhaseContext } from '../phases/phase-context.ts';
import type { CheckFailure } from '../types.ts';
import type { SequenceCheck } from './check.ts';

interface Walk {
  label: string;
  ids: string[];
  complete: boolean;
  firstToken?: string;
}

/** Page sizes to walk with: 1, 7 and the spec's maximum (50 when it states none), within the documented bounds. */
export function choosePageSizes(op: SpecOperation): (number | undefined)[] {
  const schema = op.parameters.find((p) => p.in === 'query' && p.name === 'pageSize')?.schema;
  if (!schema) return [undefined];
  const min = typeof schema.minimum === 'number' ? schema.minimum : 1;
  // No documented maximum: 50, the default page size Togai's docs state for their lists.
  const max = typeof schema.maximum === 'number' ? schema.maximum : 50;
  return [...new Set([1, 7, max].filter((size) => size >= min && size <= max))];
}

async function walkList(
  op: SpecOperation,
  ctx: PhaseContext,
  pathParams: Record<string, string>,
  pageSize: number | undefined,
  order: SortOrder | undefined,
): Promise<Walk> {
  const label = `walk with pageSize=${pageSize ?? 'default'}${order ? ` sortOrder=${order}` : ''}`;
  const walk = startWalk(label, pageSize, order, ctx.resources.keyOf(op.path));
  const first: Record<string, string> = {};
  if (pageSize !== undefined) first.pageSize = String(pageSize);
  if (order) first.sortOrder = order;
  let query = first;
  let firstToken: string | undefined;
  for (;;) {
    if (ctx.aborted()) return { label, ids: walk.ids, complete: false };
    if (walk.pages >= ctx.settings.maxPages)
      return { label, ids: walk.ids, complete: false, ...(firstToken ? { firstToken } : {}) };
    const exchange = await ctx.send(op, { pathParams, query }, 'pagination');
    if (!exchange) return { label, ids: walk.ids, complete: false };
    const verdict = judgePage(walk, exchange);
    ctx.report(op, 'pagination', verdict.failures);
    if (walk.pages === 1) firstToken = verdict.nextToken;
    if (verdict.stop || verdict.nextToken === undefined) {
      // A walk stopped by a loop or an unusable page is not a complete list: comparing it would only repeat the failure.
      const complete = verdict.stop === 'last-page' || verdict.stop === undefined;
      return { label, ids: walk.ids, complete, ...(firstToken ? { firstToken } : {}) };
    }
    // After the first page only the token travels: it carries the page size and the order.
    query = { nextToken: verdict.nextToken };
  }
}

export const pagination: SequenceCheck<'pagination'> = {
  kind: 'sequence',
  id: 'pagination',
  phase: 'stateful',
  description:
    'Walks every list to the end with page sizes 1, 7 and the maximum: no item twice, no page bigger than asked, ' +
    'order as context.sortOrder says, no nextToken on the last page, repeatable walks, bad tokens answer 400, loops detected.',
};

/** The walks of one paginated list, judged page by page (`judgePage`) and against each other (`compareWalks`). */
export async function runPaginationWalks(op: SpecOperation, ctx: PhaseContext): Promise<void> {
  if (op.method !== 'get' || !op.paginated) return ctx.skip(op, 'pagination', 'not a paginated list');
  const pathParams = (await ctx.resources.readParams(op)).values;
  const sizes = choosePageSizes(op);
  const walks: Walk[] = [];
  for (const size of sizes) walks.push(await walkList(op, ctx, pathParams, size, undefined));
  const largest = walks.at(-1);
  if (!largest) return;
  const failures: CheckFailure[] = [];
  const repeat = await walkList(op, ctx, pathParams, sizes.at(-1), undefined);
  const mismatch = compareWalks(largest, { ...repeat, label: `${repeat.label} (again)` }, true);
  if (mismatch) failures.push({ message: `same walk twice, different items: ${mismatch}` });
  for (const walk of walks.slice(0, -1)) {
    const diff = compareWalks(walk, largest, true);
    if (diff) failures.push({ message: `walks disagree: ${diff}` });
  }
  const orderParam = op.parameters.find((p) => p.in === 'query' && p.name === 'sortOrder');
  if (Array.isArray(orderParam?.schema.enum) && orderParam.schema.enum.includes('DESC')) {
    const desc = await walkList(op, ctx, pathParams, sizes.at(-1), 'DESC');
    const diff = compareWalks(largest, desc, false);
    if (diff) failures.push({ message: `ASC and DESC walks disagree: ${diff}` });
  }
  ctx.report(op, 'pagination', failures);
  const token = walks.find((w) => w.firstToken)?.firstToken;
  if (!token) return;
  for (const bad of buildBadTokens(token, ctx.rng.next)) {
    if (ctx.aborted()) return;
    const exchange = await ctx.send(op, { pathParams, query: { nextToken: bad.token } }, 'pagination');
    if (exchange && exchange.response.status !== 400) {
      ctx.report(op, 'pagination', [
        describeFailure(exchange, `${bad.label} answered ${exchange.response.status}, expected 400`),
      ]);
    }
  }
}
