import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** One line of the recent-request log, as the admin API serves it. */
export interface LoggedRequest {
  at: string;
  method: string;
  path: string;
  status: number;
  latencyMs: number;
  /** A short, non-reversible name of the tenant: never the bearer token itself. */
  tenant: string;
  /** The error message when the request was rejected (validation problems included). */
  problem?: string;
}

/** What is kept per request: formatting (dates, tenant hashes) waits until someone reads the log. */
export interface RawLoggedRequest {
  atMs: number;
  method: string;
  path: string;
  status: number;
  latencyMs: number;
  token: string;
  problem?: string;
}

/**
 * Where the core logs requests: the in-memory ring below by default, or one shared by every
 * instance (the Redis mode's), which answers `recent` with a Promise.
 */
export interface RequestLogPort {
  add(entry: RawLoggedRequest): void;
  recent(limit?: number, token?: string): LoggedRequest[] | Promise<LoggedRequest[]>;
}

/** A short, non-reversible name for a tenant: never the token itself. */
export const tenantName = (token: string) =>
  token ? bytesToHex(sha256(utf8ToBytes(token))).slice(0, 10) : 'anonymous';

/** A ring buffer: memory stays bounded however many requests arrive. */
export class RequestLog {
  readonly #entries: (RawLoggedRequest | undefined)[];
  #next = 0;
  #count = 0;

  constructor(readonly capacity = 500) {
    this.#entries = new Array(capacity);
  }

  add(entry: RawLoggedRequest): void {
    if (this.capacity === 0) return;
    this.#entries[this.#next] = entry;
    this.#next = (this.#next + 1) % this.capacity;
    this.#count = Math.min(this.#count + 1, this.capacity);
  }

  /** The newest first, at most `limit`; only `token`'s own requests when it is given. */
  recent(limit = this.capacity, token?: string): LoggedRequest[] {
    const out: LoggedRequest[] = [];
    for (let i = 1; i <= this.#count && out.length < limit; i++) {
      const entry = this.#entries[(this.#next - i + this.capacity) % this.capacity];
      if (!entry || (token !== undefined && entry.token !== token)) continue;
      const { atMs, token: raw, problem, ...rest } = entry;
      out.push({
        at: new Date(atMs).toISOString(),
        ...rest,
        tenant: tenantName(raw),
        ...(problem !== undefined ? { problem } : {}),
      });
    }
    return out;
  }
}
