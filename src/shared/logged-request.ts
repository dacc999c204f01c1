import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** One line of the recent-request log, as the admin API serves it. */
export interface LoggedRequest {
  /** The request id the answer carried as `X-Request-Id` (absent in lines of older versions). */
  id?: string;
  at: string;
  method: string;
  path: string;
  status: number;
  latencyMs: number;
  /** A short, non-reversible name of the tenant: never the bearer token itself. */
  tenant: string;
  /** The error message when the request was rejected (validation problems included). */
  problem?: string;
  /** The spec's operationId, `admin` for the admin API; absent when no operation matched. */
  operation?: string;
}

/**
 * Who made an admin call with the admin token and no bearer token. A bearer token is base64url
 * characters only (RFC 6750), so this key can be no tenant's.
 */
export const ADMIN_CALLER = ':admin';

/** A short, non-reversible name for a tenant: never the token itself. */
export const tenantName = (token: string) => {
  if (token === ADMIN_CALLER) return 'admin';
  return token ? bytesToHex(sha256(utf8ToBytes(token))).slice(0, 10) : 'anonymous';
};

/** What is kept per request: formatting (dates, tenant hashes) waits until someone reads the log. */
export interface RawLoggedRequest {
  /** The request id (`X-Request-Id`). */
  id: string;
  atMs: number;
  method: string;
  path: string;
  status: number;
  latencyMs: number;
  token: string;
  problem?: string;
  /** The spec's operationId, `admin` for the admin API; absent when no operation matched. */
  operation?: string;
}
