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
 * Turns validated query parameters into a store query. After the first page the token carries the
 * page size and order; a `pageSize` or `sortOrder` sent beside it must agree with the token.
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
    const size = pageSize ?? defaults.pageSize;
    const order = sortOrder ?? defaults.sortOrder;
    return ok({ query: { order, limit: size }, pageSize: size, sortOrder: order });
  }
  const decoded = decodeCursor(token, list, secret, defaults.pageSizeBounds);
  if (!decoded.ok) return decoded;
  const cursor = decoded.value;
  if (pageSize !== undefined && pageSize !== cursor.pageSize) {
    return fail(
      apiError('INVALID_PAGE_SIZE', `pageSize: ${pageSize} differs from the nextToken's ${cursor.pageSize}`),
    );
  }
  if (sortOrder !== undefined && sortOrder !== cursor.sortOrder) {
    return fail(
      apiError(
        'INVALID_SORT_ORDER',
        `sortOrder: ${sortOrder} differs from the nextToken's ${cursor.sortOrder}`,
      ),
    );
  }
  return ok({
    query: { after: cursor.lastItemId, order: cursor.sortOrder, limit: cursor.pageSize },
    pageSize: cursor.pageSize,
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
