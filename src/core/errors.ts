import { capMessage, type DomainErrorCode } from '../store/errors.ts';

/** Failures of the HTTP layer itself: routing, auth, body reading, scenario controls. */
export type HttpErrorCode =
  | 'INVALID_JSON'
  | 'INVALID_PAGE_SIZE'
  | 'INVALID_SORT_ORDER'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'RATE_LIMITED'
  | 'INTERNAL'
  | 'INJECTED_FAULT'
  | 'NOT_IMPLEMENTED';

export type ErrorCode = DomainErrorCode | HttpErrorCode;

/** An error the mock answers with: the code travels in `X-Error-Code`, the body is `{"message"}`. */
export interface ApiError {
  code: ErrorCode;
  message: string;
}

/** Each code's HTTP status, stated once and explicitly (a `Record` over the union: none can be missing). */
export const ERROR_STATUS: Readonly<Record<ErrorCode, number>> = {
  INVALID_REQUEST: 400,
  INVALID_JSON: 400,
  INVALID_PAGE_SIZE: 400,
  INVALID_SORT_ORDER: 400,
  INVALID_TOKEN: 400,
  TOO_MANY_ALIASES: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  STORE_FULL: 403,
  NOT_FOUND: 404,
  ACCOUNT_NOT_FOUND: 404,
  CUSTOMER_NOT_FOUND: 404,
  RESOURCE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  DUPLICATE_ID: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  INJECTED_FAULT: 500,
  NOT_IMPLEMENTED: 501,
  SERVICE_UNAVAILABLE: 503,
};

/**
 * The generic code of a status, for answers that have a status but no failure of ours behind them
 * (a forced `Prefer: code=`, a fallback's error). Chosen here per status, never by table order.
 */
const GENERIC_CODE: Readonly<Record<number, ErrorCode>> = {
  400: 'INVALID_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'DUPLICATE_ID',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  500: 'INTERNAL',
  501: 'NOT_IMPLEMENTED',
  503: 'SERVICE_UNAVAILABLE',
};

export function codeForStatus(status: number): ErrorCode {
  return GENERIC_CODE[status] ?? (status >= 500 ? 'INTERNAL' : 'INVALID_REQUEST');
}

export function apiError(code: ErrorCode, message: string): ApiError {
  return { code, message: capMessage(message) };
}
