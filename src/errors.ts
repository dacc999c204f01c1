/**
 * Every error the mock can answer with, by stable code; where codes share a status, the first is
 * the generic one (what a forced `Prefer: code=` response carries). The code travels in the `X-Error-Code`
 * header; the body is always the spec's `{"message": ...}`.
 */
export const ERROR_STATUS = {
  INVALID_REQUEST: 400,
  INVALID_JSON: 400,
  INVALID_PAGE_SIZE: 400,
  INVALID_SORT_ORDER: 400,
  INVALID_TOKEN: 400,
  TOO_MANY_ALIASES: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ACCOUNT_NOT_FOUND: 404,
  CUSTOMER_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  DUPLICATE_ID: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  STORE_FULL: 403,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  INJECTED_FAULT: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** An expected failure: a code from the table and a message that starts with the field it is about. */
export interface ApiError {
  code: ErrorCode;
  message: string;
}

/** The spec caps `message` at 500 characters; long user input quoted in a message is cut. */
export const MAX_MESSAGE_LENGTH = 500;

export function apiError(code: ErrorCode, message: string): ApiError {
  return {
    code,
    message: message.length > MAX_MESSAGE_LENGTH ? `${message.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : message,
  };
}

/** Thrown only across layers that cannot return a value (Express middleware); rendered by one handler. */
export class ApiException extends Error {
  readonly error: ApiError;
  constructor(error: ApiError) {
    super(error.message);
    this.error = error;
  }
}
