import { tenantName } from '../shared/logged-request.ts';
import { fail, ok, type Result } from '../shared/result.ts';
import { type ApiError, apiError } from './errors.ts';
import type { MaybePromise } from './types.ts';

/** What `POST /__admin/faults` queues: which requests it catches, and what they get instead. */
export interface FaultSpec {
  /** Upper-case method; absent: any. `HEAD` requests match `GET`. */
  method?: string;
  /** A path pattern (`*` one segment, `**` any run of segments); absent: any path. */
  path?: string;
  /** An operationId; absent: any operation. */
  operation?: string;
  /** The status to answer; with no `body` or `example`, an error in the API's `{message}` shape. */
  status?: number;
  /** The JSON body to answer (status 200 unless given). */
  body?: unknown;
  headers?: Record<string, string>;
  /** A named example of the operation's response (the `status`'s, else its success response). */
  example?: string;
  /** Wait this long first; alone, the real answer follows (a slow request). */
  delayMs?: number;
  /** Drop the connection with no answer. */
  reset?: boolean;
  /** How many matching requests it catches. */
  count: number;
}

export interface QueuedFault extends FaultSpec {
  id: string;
  /** The tenant it is queued for, as the request log names it, or `*` for every tenant. */
  tenant: string;
  /** Matching requests it will still catch. */
  remaining: number;
  queuedAt: string;
}

/** What a fault is matched against. */
export interface FaultTarget {
  method: string;
  path: string;
  operation: string;
}

/**
 * Where one-shot faults wait. In memory by default; a shared one (Redis, so that every instance
 * serves a fault queued on any) implements the same port. Tenants are named as the request log
 * names them (`tenantName`), so the admin can queue for a tenant it only knows from the log.
 */
export interface FaultQueuePort {
  add(tenant: string, spec: FaultSpec): MaybePromise<Result<QueuedFault, ApiError>>;
  /** Oldest first; one tenant's (with the faults for every tenant), or all of them. */
  list(tenant?: string): MaybePromise<QueuedFault[]>;
  /** Removes one fault by id, or every fault of `tenant` (all of them when undefined): how many went. */
  remove(tenant: string | undefined, id?: string): MaybePromise<number>;
  /**
   * Uses up one catch of the oldest fault matching a request of `token`'s tenant, if any. Called
   * on every request: an empty queue must answer at once, without hashing the token.
   */
  take(token: string, target: FaultTarget): MaybePromise<QueuedFault | undefined>;
}

export const FAULT_LIMITS = { perTenant: 100, total: 10_000 } as const;

/** `/accounts/*` as a RegExp over the raw path: `*` one segment, `**` any run of them. */
export function compilePathPattern(pattern: string): RegExp {
  const source = pattern
    .split(/(\*\*|\*)/)
    .map((part) =>
      part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${source}$`);
}

interface Entry {
  fault: QueuedFault;
  path: RegExp | undefined;
}

/** The in-memory queue: a list in the order faults were queued (a few hundred at most). */
export class MemoryFaultQueue implements FaultQueuePort {
  #entries: Entry[] = [];
  #seq = 0;
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  add(tenant: string, spec: FaultSpec): Result<QueuedFault, ApiError> {
    const mine = this.#entries.filter((entry) => entry.fault.tenant === tenant).length;
    if (mine >= FAULT_LIMITS.perTenant || this.#entries.length >= FAULT_LIMITS.total) {
      const max = mine >= FAULT_LIMITS.perTenant ? FAULT_LIMITS.perTenant : FAULT_LIMITS.total;
      return fail(apiError('STORE_FULL', `faults: ${max} faults are queued already; clear some first`));
    }
    this.#seq += 1;
    const fault: QueuedFault = {
      id: `f${this.#seq}`,
      tenant,
      ...spec,
      remaining: spec.count,
      queuedAt: new Date(this.#now()).toISOString(),
    };
    this.#entries.push({ fault, path: spec.path === undefined ? undefined : compilePathPattern(spec.path) });
    return ok({ ...fault });
  }

  list(tenant?: string): QueuedFault[] {
    return this.#entries
      .filter(({ fault }) => tenant === undefined || fault.tenant === tenant || fault.tenant === '*')
      .map(({ fault }) => ({ ...fault }));
  }

  remove(tenant: string | undefined, id?: string): number {
    const before = this.#entries.length;
    this.#entries = this.#entries.filter(
      ({ fault }) =>
        !((tenant === undefined || fault.tenant === tenant) && (id === undefined || fault.id === id)),
    );
    return before - this.#entries.length;
  }

  take(token: string, target: FaultTarget): QueuedFault | undefined {
    if (this.#entries.length === 0) return undefined;
    const tenant = tenantName(token);
    const method = target.method === 'HEAD' ? 'GET' : target.method;
    const index = this.#entries.findIndex(
      ({ fault, path }) =>
        (fault.tenant === tenant || fault.tenant === '*') &&
        (fault.method === undefined || fault.method === method) &&
        (fault.operation === undefined || fault.operation === target.operation) &&
        (path === undefined || path.test(target.path)),
    );
    const entry = this.#entries[index];
    if (entry === undefined) return undefined;
    entry.fault.remaining -= 1;
    if (entry.fault.remaining <= 0) this.#entries.splice(index, 1);
    return { ...entry.fault };
  }
}
