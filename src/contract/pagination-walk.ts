import { compareIds } from '../shared/compare-ids.ts';
import { describeFailure } from './describe-failure.ts';
import type { CheckFailure, Exchange } from './types.ts';

export type SortOrder = 'ASC' | 'DESC';

/** Everything a walk has seen so far; `judgePage` advances it. */
export interface WalkState {
  label: string;
  askedPageSize?: number;
  requestedOrder?: SortOrder;
  pages: number;
  ids: string[];
  seen: Map<string, number>;
  tokens: Set<string>;
  order?: SortOrder;
  /** The previous page carried a nextToken: an empty page now means it should not have. */
  followedToken: boolean;
  /** The property that identifies an item (`id`, or what the item path names). */
  key: string;
}

/**
 * Why a walk stopped: `last-page` ends a complete list; `loop` (a token or page seen again) and `unusable`
 * (not 200, no `data`) end one that is not, and comparing it with other walks would only repeat the failure.
 */
export type WalkStop = 'last-page' | 'loop' | 'unusable';

export interface PageVerdict {
  failures: CheckFailure[];
  nextToken?: string;
  /** Set when the walk must stop. */
  stop?: WalkStop;
}

export function startWalk(
  label: string,
  askedPageSize?: number,
  requestedOrder?: SortOrder,
  key = 'id',
): WalkState {
  return {
    label,
    key,
    ...(askedPageSize !== undefined ? { askedPageSize } : {}),
    ...(requestedOrder ? { requestedOrder } : {}),
    pages: 0,
    ids: [],
    seen: new Map(),
    tokens: new Set(),
    followedToken: false,
  };
}

const inOrder = (order: SortOrder, before: string, after: string): boolean =>
  order === 'ASC' ? compareIds(before, after) < 0 : compareIds(before, after) > 0;

/** Judges one page of a cursor walk. Pure apart from advancing `walk`. */
export function judgePage(walk: WalkState, exchange: Exchange): PageVerdict {
  walk.pages += 1;
  const n = walk.pages;
  const fail = (message: string): CheckFailure =>
    describeFailure(exchange, `${walk.label}, page ${n}: ${message}`);
  const body = exchange.response.json as {
    data?: unknown;
    nextToken?: unknown;
    context?: { pageSize?: unknown; sortOrder?: unknown };
  };
  if (exchange.response.status !== 200)
    return { failures: [fail(`answered ${exchange.response.status}, expected 200`)], stop: 'unusable' };
  if (!body || !Array.isArray(body.data)) return { failures: [fail('no "data" array')], stop: 'unusable' };
  const failures: CheckFailure[] = [];
  const data = body.data as Record<string, unknown>[];
  const asked = walk.askedPageSize;
  if (asked !== undefined && data.length > asked)
    failures.push(fail(`page bigger than asked: ${data.length} items for pageSize=${asked}`));
  const context = body.context;
  // A server may serve fewer than asked (Togai caps its lists at 50), never more than it says.
  if (asked !== undefined && n === 1 && typeof context?.pageSize === 'number' && context.pageSize > asked) {
    failures.push(fail(`context.pageSize is ${context.pageSize}, but pageSize=${asked} was asked`));
  }
  if (typeof context?.pageSize === 'number' && data.length > context.pageSize) {
    failures.push(fail(`page has ${data.length} items, but context.pageSize is ${context.pageSize}`));
  }
  const reported =
    context?.sortOrder === 'ASC' || context?.sortOrder === 'DESC' ? context.sortOrder : undefined;
  if (n === 1) {
    walk.order = reported ?? walk.requestedOrder ?? 'ASC';
    if (walk.requestedOrder && reported && reported !== walk.requestedOrder) {
      failures.push(fail(`context.sortOrder is ${reported}, but sortOrder=${walk.requestedOrder} was asked`));
    }
  } else if (reported && reported !== walk.order) {
    failures.push(fail(`context.sortOrder changed from ${walk.order} to ${reported} mid-walk`));
  }
  const order = walk.order ?? 'ASC';
  let fresh = 0;
  // Order is checked only where the server states one (context.sortOrder) and items are keyed by id.
  const ordered = reported !== undefined && walk.key === 'id';
  for (const item of data) {
    const id = item?.[walk.key];
    if (typeof id !== 'string' && typeof id !== 'number') {
      failures.push(fail(`an item has no "${walk.key}"`));
      continue;
    }
    const key = String(id);
    const firstSeen = walk.seen.get(key);
    if (firstSeen !== undefined) {
      failures.push(fail(`duplicate item: ${walk.key} "${key}" was already returned on page ${firstSeen}`));
      continue;
    }
    const previous = walk.ids.at(-1);
    if (ordered && previous !== undefined && !inOrder(order, previous, key)) {
      failures.push(
        fail(`order broken: "${key}" comes after "${previous}", but the order is ${order} by id`),
      );
    }
    walk.seen.set(key, n);
    walk.ids.push(key);
    fresh += 1;
  }
  const token = typeof body.nextToken === 'string' && body.nextToken !== '' ? body.nextToken : undefined;
  if (data.length === 0 && walk.followedToken && !token) {
    failures.push(
      fail(`last page still had a nextToken: page ${n - 1} returned one, but it leads to an empty page`),
    );
  }
  if (token !== undefined && walk.tokens.has(token)) {
    failures.push(fail('nextToken never advances: the same token was returned again; walk stopped'));
    return { failures, stop: 'loop' };
  }
  if (token !== undefined && data.length > 0 && fresh === 0) {
    failures.push(fail('nextToken never advances: the page repeats items already seen; walk stopped'));
    return { failures, stop: 'loop' };
  }
  walk.followedToken = token !== undefined;
  if (token === undefined) return { failures, stop: 'last-page' };
  walk.tokens.add(token);
  return { failures, nextToken: token };
}

/**
 * Two walks of the same list must agree. When either was cut short by --max-pages, only the common prefix
 * is compared: with a stable order, the first k items are the same whatever the page size.
 */
export function compareWalks(
  a: { label: string; ids: string[]; complete: boolean },
  b: { label: string; ids: string[]; complete: boolean },
  sameOrder: boolean,
): string | undefined {
  const left = sameOrder ? a.ids : [...a.ids].reverse();
  if (a.complete && b.complete) {
    const inA = new Set(left);
    const inB = new Set(b.ids);
    const missingInB = left.filter((id) => !inB.has(id));
    const missingInA = b.ids.filter((id) => !inA.has(id));
    if (missingInA.length === 0 && missingInB.length === 0) {
      if (!sameOrder || left.every((id, i) => b.ids[i] === id)) return undefined;
      return `${a.label} and ${b.label} see the same items in a different order`;
    }
    const sample = (ids: string[]) => ids.slice(0, 5).join(', ') + (ids.length > 5 ? ', …' : '');
    return (
      `${a.label} saw ${a.ids.length} items, ${b.label} saw ${b.ids.length}` +
      (missingInB.length ? `; only in ${a.label}: ${sample(missingInB)}` : '') +
      (missingInA.length ? `; only in ${b.label}: ${sample(missingInA)}` : '')
    );
  }
  if (!sameOrder) return undefined;
  const k = Math.min(a.ids.length, b.ids.length);
  for (let i = 0; i < k; i += 1) {
    if (a.ids[i] !== b.ids[i])
      return `${a.label} and ${b.label} differ at item ${i + 1}: "${a.ids[i]}" vs "${b.ids[i]}"`;
  }
  return undefined;
}

/** A valid token altered in ways a server must notice: one character changed, cut in half, or made up. */
export function buildBadTokens(token: string, random: () => number): { label: string; token: string }[] {
  const middle = Math.floor(token.length / 2);
  const swapped = token[middle] === 'A' ? 'B' : 'A';
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const made = Array.from(
    { length: Math.max(16, token.length) },
    () => alphabet[Math.floor(random() * alphabet.length)],
  ).join('');
  return [
    {
      label: 'tampered nextToken (one character changed)',
      token: token.slice(0, middle) + swapped + token.slice(middle + 1),
    },
    { label: 'truncated nextToken', token: token.slice(0, Math.max(1, middle)) },
    { label: 'random nextToken', token: made },
  ];
}
