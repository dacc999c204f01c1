import { fail, ok, type Result } from '../shared/result.ts';
import type { JsonSchema } from '../spec/types.ts';
import { decodeCursor, encodeCursor, type PageSizeBounds } from '../store/index.ts';
import type { Page, PageQuery, SortOrder } from '../store/types.ts';
import { type ApiError, apiError } from './errors.ts';

export interface PageRequest {
  query: PageQuery;
  pageSize: number;
  sortOrder: SortOrder;
}

/** What a list endpoint's `pageSize` and `sortOrder` default to, read from the spec at start-up. */
export interface PageDefaults {
  pageSize: number;
  sortOrder: SortOrder;
  /** The query parameter's bounds: a `nextToken`'s page size must fit them too. */
  pageSizeBounds: PageSizeBounds;
}

export function readPageDefaults(pageSizeSchema?: JsonSchema, sortOrderSchema?: JsonSchema): PageDefaults {
  const pageSize = typeof pageSizeSchema?.default === 'number' ? pageSizeSchema.default : 50;
  const sortOrder = sortOrderSchema?.default === 'DESC' ? 'DESC' : 'ASC';
  const minimum = typeof pageSizeSchema?.minimum === 'number' ? pageSizeSchema.minimum : 1;
  const maximum =
    typeof pageSizeSchema?.maximum === 'number' ? pageSizeSchema.maximum : Number.MAX_SAFE_INTEGER;
  return { pageSize, sortOrder, pageSizeBounds: { minimum, maximum } };
}

/**
 * Togai's prose on its lists: "Max page size cannot be more than 50. Also 50 is the default". The
 * published `pageSize` is an unbounded `number`, so nothing it allows is refused: a size over the
 * cap serves the cap, a fraction is rounded down, and one under 1 means the default.
 */
export const MAX_PAGE_SIZE = 50;

export function fitPageSize(requested: number | undefined, fallback: number): number {
  if (requested === undefined) return Math.min(fallback, MAX_PAGE_SIZE);
  const whole = Math.floor(requested);
  return whole < 1 ? Math.min(fallback, MAX_PAGE_SIZE) : Math.min(whole, MAX_PAGE_SIZE);
}

/**
 * Turns validated query parameters into a store query. After the first page the token carries the
 * page size and order; a `pageSize` sent beside it applies from there on, while a `sortOrder` (our
 * own parameter) must agree with the token's.
 */
export function readPageRequest(
  query: Record<string, unknown>,
  list: string,
  secret: string,
  defaults: PageDefaults,
): Result<PageRequest, ApiError> {
  const pageSize = query.pageSize as number | undefined;
  const sortOrder = query.sortOrder as SortOrder | undefined;
  const token = query.nextToken as string | undefined;
  if (token === undefined) {
    const size = fitPageSize(pageSize, defaults.pageSize);
    const order = sortOrder ?? defaults.sortOrder;
    return ok({ query: { order, limit: size }, pageSize: size, sortOrder: order });
  }
  const decoded = decodeCursor(token, list, secret, defaults.pageSizeBounds);
  if (!decoded.ok) return decoded;
  const cursor = decoded.value;
  if (sortOrder !== undefined && sortOrder !== cursor.sortOrder) {
    return fail(
      apiError(
        'INVALID_SORT_ORDER',
        `sortOrder: ${sortOrder} differs from the nextToken's ${cursor.sortOrder}`,
      ),
    );
  }
  const size =
    pageSize === undefined
      ? fitPageSize(cursor.pageSize, defaults.pageSize)
      : fitPageSize(pageSize, defaults.pageSize);
  return ok({
    query: { after: cursor.lastItemId, order: cursor.sortOrder, limit: size },
    pageSize: size,
    sortOrder: cursor.sortOrder,
  });
}

/** The API's list shape: `nextToken` only when more items follow, `context` echoing size and order. */
export function toListResponse<T extends { id: string }>(
  page: Page<T>,
  request: PageRequest,
  list: string,
  secret: string,
): { data: T[]; nextToken?: string; context: { pageSize: number; sortOrder: SortOrder } } {
  const last = page.items[page.items.length - 1];
  const nextToken =
    page.hasMore && last
      ? encodeCursor(
          { list, lastItemId: last.id, pageSize: request.pageSize, sortOrder: request.sortOrder },
          secret,
        )
      : undefined;
  return {
    data: page.items,
    ...(nextToken ? { nextToken } : {}),
    context: { pageSize: request.pageSize, sortOrder: request.sortOrder },
  };
}
