import {
  ADMIN_CALLER,
  type LoggedRequest,
  type RawLoggedRequest,
  tenantName,
} from '../shared/logged-request.ts';

export { ADMIN_CALLER, type LoggedRequest, type RawLoggedRequest, tenantName };

/**
 * Where the core logs requests: the in-memory log below by default, or one shared by every
 * instance (the Redis mode's), which answers `recent` with a Promise.
 */
export interface RequestLogPort {
  add(entry: RawLoggedRequest): void;
  recent(limit?: number, token?: string): LoggedRequest[] | Promise<LoggedRequest[]>;
}

export interface RequestLogLimits {
  /** Requests kept per tenant (and for the anonymous caller). */
  perTenant: number;
  /** Requests kept over all tenants; past it the least recently active tenant's log goes. */
  total: number;
}

/** One ring per caller: one tenant's flood never erases another's history. */
class Ring {
  readonly entries: (RawLoggedRequest & { seq: number })[] = [];
  #next = 0;
  constructor(readonly capacity: number) {}

  /** Adds, overwriting the oldest when full; true when the ring grew. */
  push(entry: RawLoggedRequest & { seq: number }): boolean {
    if (this.entries.length < this.capacity) {
      this.entries.push(entry);
      return true;
    }
    this.entries[this.#next] = entry;
    this.#next = (this.#next + 1) % this.capacity;
    return false;
  }

  /** Newest first. */
  *newest(): Generator<RawLoggedRequest & { seq: number }> {
    const n = this.entries.length;
    const start = n < this.capacity ? n : this.#next;
    for (let i = 1; i <= n; i++)
      yield this.entries[(start - i + n) % n] as RawLoggedRequest & { seq: number };
  }
}

/**
 * The recent-request log: a bounded ring per caller, and a bound on the total, so memory stays
 * bounded however many requests and tokens arrive. The map's insertion order is the callers'
 * order of last activity (a write moves its caller to the end), so the first key is the one to
 * drop when the total is reached: a flood of fresh tokens only pushes out idle histories.
 */
export class RequestLog {
  readonly #rings = new Map<string, Ring>();
  readonly #limits: RequestLogLimits;
  #size = 0;
  #seq = 0;

  constructor(limits: RequestLogLimits) {
    const perTenant = Math.max(0, limits.perTenant);
    // One caller's ring always fits: the total never drops the history being written.
    this.#limits = { perTenant, total: Math.max(perTenant, limits.total) };
  }

  /** Requests held over all callers. */
  get size(): number {
    return this.#size;
  }

  add(entry: RawLoggedRequest): void {
    const { perTenant, total } = this.#limits;
    if (perTenant === 0 || total === 0) return;
    let ring = this.#rings.get(entry.token);
    if (ring) this.#rings.delete(entry.token);
    else ring = new Ring(perTenant);
    this.#rings.set(entry.token, ring);
    if (ring.push({ ...entry, seq: this.#seq++ })) this.#size += 1;
    while (this.#size > total) {
      const [oldest, dropped] = this.#rings.entries().next().value as [string, Ring];
      if (dropped === ring) break;
      this.#rings.delete(oldest);
      this.#size -= dropped.entries.length;
    }
  }

  /** The newest first, at most `limit`; only `token`'s own requests when it is given. */
  recent(limit = this.#limits.perTenant, token?: string): LoggedRequest[] {
    if (token !== undefined) {
      const ring = this.#rings.get(token);
      return ring ? take(ring.newest(), limit).map(formatLogged) : [];
    }
    const all = [...this.#rings.values()].flatMap((ring) => ring.entries);
    all.sort((a, b) => b.seq - a.seq);
    return all.slice(0, limit).map(formatLogged);
  }
}

function take<T>(items: Iterable<T>, limit: number): T[] {
  const out: T[] = [];
  for (const item of items) {
    if (out.length >= limit) break;
    out.push(item);
  }
  return out;
}

/** A raw line as the admin API serves it: a date, and the tenant's name instead of its token. */
export function formatLogged(entry: RawLoggedRequest & { seq?: number }): LoggedRequest {
  const { atMs, token, problem, seq: _seq, ...rest } = entry;
  return {
    at: new Date(atMs).toISOString(),
    ...rest,
    tenant: tenantName(token),
    ...(problem !== undefined ? { problem } : {}),
  };
}
