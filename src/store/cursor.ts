import { createHmac, timingSafeEqual } from 'node:crypto';
import { type ApiError, apiError } from '../errors.ts';
import { fail, ok, type Result } from '../result.ts';
import type { SortOrder } from './types.ts';

/** What a `nextToken` carries: the list it pages, the last item returned, and the page's shape. */
export interface CursorState {
  list: string;
  lastItemId: string;
  pageSize: number;
  sortOrder: SortOrder;
}

/** Matches the spec's `nextToken` maxLength; longer input is rejected before any decoding. */
export const MAX_TOKEN_LENGTH = 1024;
const SIG_LENGTH = 16;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;
const KEYS = ['lastItemId', 'pageSize', 'sortOrder', 'list', 'sig'];

/** The signature covers every field, in a fixed order, so no field can be edited alone. */
function sign(state: CursorState, secret: string): string {
  const canonical = JSON.stringify([state.list, state.lastItemId, state.pageSize, state.sortOrder]);
  return createHmac('sha256', secret).update(canonical).digest('base64url').slice(0, SIG_LENGTH);
}

/** Base64 of `{"lastItemId","pageSize","sortOrder","list","sig"}`, the API's own token style. */
export function encodeCursor(state: CursorState, secret: string): string {
  const body = {
    lastItemId: state.lastItemId,
    pageSize: state.pageSize,
    sortOrder: state.sortOrder.toLowerCase(),
    list: state.list,
    sig: sign(state, secret),
  };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64');
}

const invalid = (reason: string): { ok: false; error: ApiError } =>
  fail(apiError('INVALID_TOKEN', `nextToken: ${reason}`));

/** Parses an untrusted token. Every failure is an INVALID_TOKEN value with its reason; never throws. */
export function decodeCursor(token: string, list: string, secret: string): Result<CursorState, ApiError> {
  if (typeof token !== 'string' || token.length === 0) return invalid('is empty');
  if (token.length > MAX_TOKEN_LENGTH) return invalid(`is longer than ${MAX_TOKEN_LENGTH} characters`);
  if (!BASE64.test(token) || token.length % 4 === 1) return invalid('is not base64');
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
  } catch {
    return invalid('is not base64 of a JSON object');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return invalid('is not base64 of a JSON object');
  const fields = body as Record<string, unknown>;
  const extra = Object.keys(fields).find((key) => !KEYS.includes(key));
  if (extra !== undefined) return invalid(`has an unexpected field "${extra.slice(0, 40)}"`);
  const { lastItemId, pageSize, sortOrder, list: tokenList, sig } = fields;
  if (typeof lastItemId !== 'string' || lastItemId.length === 0)
    return invalid('lastItemId must be a non-empty string');
  if (typeof pageSize !== 'number' || !Number.isSafeInteger(pageSize) || pageSize < 1) {
    return invalid('pageSize must be a positive integer');
  }
  if (sortOrder !== 'asc' && sortOrder !== 'desc') return invalid('sortOrder must be "asc" or "desc"');
  if (typeof tokenList !== 'string') return invalid('list must be a string');
  if (typeof sig !== 'string') return invalid('has no signature');
  const state: CursorState = {
    list: tokenList,
    lastItemId,
    pageSize,
    sortOrder: sortOrder === 'asc' ? 'ASC' : 'DESC',
  };
  const expected = Buffer.from(sign(state, secret));
  const actual = Buffer.from(sig);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    return invalid('signature does not match: the token was altered or not issued by this server');
  }
  if (tokenList !== list)
    return invalid(`belongs to another list ("${tokenList.slice(0, 60)}"), not "${list}"`);
  return ok(state);
}
