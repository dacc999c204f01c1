import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { hashToken } from './keys.ts';
import type { RedisPort } from './redis-port.ts';

/** One request as the admin API lists it (the same shape as the in-memory log's). */
export interface SharedLoggedRequest {
  at: string;
  method: string;
  path: string;
  status: number;
  latencyMs: number;
  /** A short, non-reversible name of the tenant: never the bearer token itself. */
  tenant: string;
  problem?: string;
}

export interface SharedLogEntry {
  atMs: number;
  method: string;
  path: string;
  status: number;
  latencyMs: number;
  token: string;
  problem?: string;
}

const tenantName = (token: string): string =>
  token ? bytesToHex(sha256(utf8ToBytes(token))).slice(0, 10) : 'anonymous';

/**
 * The recent-request log of every instance, as one capped Redis list: any instance's admin API
 * lists what any instance served. Entries name the tenant by hashes only (never the token).
 * Appending does not wait for Redis: a log line is never worth a request's latency.
 */
export class RedisRequestLog {
  readonly #port: RedisPort;
  readonly #key: string;
  readonly capacity: number;

  constructor(port: RedisPort, key: string, capacity = 500) {
    this.#port = port;
    this.#key = key;
    this.capacity = capacity;
  }

  add(entry: SharedLogEntry): void {
    if (this.capacity === 0) return;
    const { atMs, token, problem, ...rest } = entry;
    const line: SharedLoggedRequest & { t: string } = {
      at: new Date(atMs).toISOString(),
      ...rest,
      tenant: tenantName(token),
      ...(problem !== undefined ? { problem } : {}),
      t: hashToken(token),
    };
    this.#port.pushCapped(this.#key, JSON.stringify(line), this.capacity);
  }

  /** The newest first, at most `limit`; only `token`'s own requests when it is given. */
  async recent(limit = this.capacity, token?: string): Promise<SharedLoggedRequest[]> {
    if (this.capacity === 0) return [];
    const lines = await this.#port.readList(this.#key, this.capacity);
    const wanted = token === undefined ? undefined : hashToken(token);
    const out: SharedLoggedRequest[] = [];
    for (const line of lines) {
      if (out.length >= limit) break;
      const { t, ...entry } = JSON.parse(line) as SharedLoggedRequest & { t: string };
      if (wanted === undefined || t === wanted) out.push(entry);
    }
    return out;
  }
}
