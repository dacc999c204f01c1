import { type ApiError, ERROR_STATUS } from './errors.ts';
import { serializeReply } from './serialize-reply.ts';
import type { CoreResponse } from './types.ts';

const JSON_TYPE = 'application/json; charset=utf-8';

/** What the request log keeps of one request beyond the answer: the tenant and the problem. */
export interface RequestNotes {
  token: string;
  problem?: string;
  /** Why the tenant's data was dropped without it asking, sent back as `X-Tenant-Reset`. */
  resetNotice?: string;
  /** The spec's operationId (`admin` for the admin API), once routed. */
  operation?: string;
  /** The request body as read, kept for the inspector. */
  requestBody?: Uint8Array;
}

/** A JSON answer. */
export function jsonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): CoreResponse {
  return { status, headers: { 'content-type': JSON_TYPE, ...headers }, body: serializeReply(body) };
}

/** The one place an error becomes HTTP: status from the code table, body `{"message"}`, code in a header. */
export function errorResponse(
  notes: RequestNotes,
  error: ApiError,
  headers: Record<string, string> = {},
): CoreResponse {
  notes.problem = error.message;
  return {
    status: ERROR_STATUS[error.code],
    headers: { 'content-type': JSON_TYPE, 'x-error-code': error.code, ...headers },
    body: JSON.stringify({ message: error.message }),
  };
}
