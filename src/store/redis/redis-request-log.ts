import { type LoggedRequest, type RawLoggedRequest, tenantName } from '../../shared/logged-request.ts';
import { hashToken } from './keys.ts';
import type { RedisPort } from './redis-port.ts';

/** An entry as the shared log keeps it: the core's raw request record. */
export type SharedLogEntry = RawLoggedRequest;

/**
 * The recent-request log of every instance, as one capped Redis list: any instance's admin API
 * lists what any instance served. Entries name the tenant by hashes only (never the token).
 * Appending does not wait for Redis, and the lines of one turn of the event loop go in one push
 * (two commands per batch rather than per request: under load that halves the Redis traffic).
 */
export class RedisRequestLog {
  readonly #port: RedisPort;
  readonly #key: string;
  readonly capacity: number;
  #pending: string[] = [];
  /** Token -> [tenant name, tenant hash]: hashing is per token, not per request. */
  readonly #names = new Map<string, [string, string]>();

  readonly #nameOf: (token: string) => string;

  /** `nameOf` names a tenant in the log (the core's `tenantName`, so both logs name alike). */
  constructor(port: RedisPort, key: string, capacity = 500, nameOf: (token: string) => string = tenantName) {
    this.#port = port;
    this.#key = key;
    this.capacity = capacity;
    this.#nameOf = nameOf;
  }

  add(entry: SharedLogEntry): void {
    if (this.capacity === 0) return;
    const { atMs, token, problem, ...rest } = entry;
    const [tenant, t] = this.#namesOf(token);
    const line: LoggedRequest & { t: string } = {
      at: new Date(atMs).toISOString(),
      ...rest,
      tenant,
      ...(problem !== undefined ? { problem } : {}),
      t,
    };
    if (this.#pending.length === 0) setTimeout(() => this.#flush(), 0);
    this.#pending.push(JSON.stringify(line));
  }

  #flush(): void {
    const lines = this.#pending;
    this.#pending = [];
    if (lines.length > 0) this.#port.pushCapped(this.#key, lines, this.capacity);
  }

  #namesOf(token: string): [string, string] {
    let names = this.#names.get(token);
    if (names === undefined) {
      names = [this.#nameOf(token), hashToken(token)];
      if (this.#names.size >= 10_000) this.#names.clear();
      this.#names.set(token, names);
    }
    return names;
  }

  /** The newest first, at most `limit`; only `token`'s own requests when it is given. */
  async recent(limit = this.capacity, token?: string): Promise<LoggedRequest[]> {
    if (this.capacity === 0) return [];
    this.#flush();
    const lines = await this.#port.readList(this.#key, this.capacity);
    const wanted = token === undefined ? undefined : hashToken(token);
    const out: LoggedRequest[] = [];
    for (const line of lines) {
      if (out.length >= limit) break;
      const { t, ...entry } = JSON.parse(line) as LoggedRequest & { t: string };
      if (wanted === undefined || t === wanted) out.push(entry);
    }
    return out;
  }
}
