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
}

export interface PageVerdict {
  failures: CheckFailure[];
  nextToken?: string;
  /** True when the walk must stop (last page, a loop, or an unusable page). */
  stop: boolean;
}

export function startWalk(label: string, askedPageSize?: number, requestedOrder?: SortOrder): WalkState {
  return {
    label,
    ...(askedPageSize !== undefined ? { askedPageSize } : {}),
    ...(requestedOrder ? { requestedOrder } : {}),
    pages: 0,
    ids: [],
    seen: new Map(),
    tokens: new Set(),
    followedToken: false,
  };
}

// Surrogates (0xD800–0xDFFF) stand for code points above 0xFFFF, so they must sort above 0xE000–0xFFFF.
const rank = (unit: number): number =>
  unit >= 0xe000 ? unit - 0x800 : unit >= 0xd800 ? unit + 0x2000 : unit;

/**
 * Orders strings by Unicode code point, as the spec promises ids are sorted; JavaScript's `<` compares
 * UTF-16 units and puts an astral character (an emoji) before U+E000–U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i += 1) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return rank(x) - rank(y);
  }
  return a.length - b.length;
}

const inOrder = (order: SortOrder, before: string, after: string): boolean =>
  order === 'ASC' ? compareCodePoints(before, after) < 0 : compareCodePoints(before, after) > 0;

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
    return { failures: [fail(`answered ${exchange.response.status}, expected 200`)], stop: true };
  if (!body || !Array.isArray(body.data)) return { failures: [fail('no "data" array')], stop: true };
  const failures: CheckFailure[] = [];
  const data = body.data as { id?: unknown }[];
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
  for (const item of data) {
    const id = item?.id;
    if (typeof id !== 'string') {
      failures.push(fail('an item has no string "id"'));
      continue;
    }
    const firstSeen = walk.seen.get(id);
    if (firstSeen !== undefined) {
      failures.push(fail(`duplicate item: id "${id}" was already returned on page ${firstSeen}`));
      continue;
    }
    const previous = walk.ids.at(-1);
    if (previous !== undefined && !inOrder(order, previous, id)) {
      failures.push(fail(`order broken: "${id}" comes after "${previous}", but the order is ${order} by id`));
    }
    walk.seen.set(id, n);
    walk.ids.push(id);
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
    return { failures, stop: true };
  }
  if (token !== undefined && data.length > 0 && fresh === 0) {
    failures.push(fail('nextToken never advances: the page repeats items already seen; walk stopped'));
    return { failures, stop: true };
  }
  walk.followedToken = token !== undefined;
  if (token === undefined) return { failures, stop: true };
  walk.tokens.add(token);
  return { failures, nextToken: token, stop: false };
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
