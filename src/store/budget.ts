/** What a store's overlay holds: records (and deletion markers) and their JSON size in bytes. */
export interface Usage {
  items: number;
  bytes: number;
}

export const NO_USAGE: Readonly<Usage> = Object.freeze({ items: 0, bytes: 0 });

export interface BudgetLimits {
  /** What all tenants together may hold. */
  maxItems: number;
  maxBytes: number;
  /** What one tenant may hold (never more than the server's maximum). */
  tenantItems: number;
  tenantBytes: number;
  /** How many tenants may hold data at once (1 when every key shares one store). */
  tenants: number;
}

type Unit = keyof Usage;

/** Which limit a write would pass: the store turns it into a STORE_FULL message. */
export interface LimitHit {
  scope: 'tenant' | 'server' | 'share';
  unit: Unit;
  max: number;
}

/**
 * What all tenants of one `createTenants` hold, against two pools. Half of each server-wide
 * maximum is split evenly: every tenant that may hold data is guaranteed `max / (2 × tenants)`,
 * whatever the others do. The other half is shared, first come first served, for what tenants hold
 * beyond that guarantee, and one tenant may hold at most `tenantItems` / `tenantBytes`. So a few
 * tenants filling the server only fill the shared half: others can still write their guaranteed
 * share, and the heavy tenants are the ones refused. Writes that free room always succeed.
 * Rejected alternative: one shared counter, which ten imports from fresh tokens used up for all.
 */
export class Budget {
  readonly limits: BudgetLimits;
  /** What each tenant is guaranteed. */
  readonly guaranteed: Usage;
  /** The pool for usage beyond the guarantee. */
  readonly sharedRoom: Usage;
  /** What the live stores hold. */
  readonly used: Usage = { items: 0, bytes: 0 };
  /** What the live stores hold beyond their guarantee (drawn from `sharedRoom`). */
  readonly extra: Usage = { items: 0, bytes: 0 };
  /** Frees what it can (idle tenants still cached) when a write would not fit. */
  reclaim?: () => void;

  constructor(limits: BudgetLimits) {
    this.limits = limits;
    const share = (max: number) => Math.floor(max / (2 * Math.max(1, limits.tenants)));
    this.guaranteed = { items: share(limits.maxItems), bytes: share(limits.maxBytes) };
    this.sharedRoom = {
      items: limits.maxItems - this.guaranteed.items * limits.tenants,
      bytes: limits.maxBytes - this.guaranteed.bytes * limits.tenants,
    };
  }

  extraOf(usage: Usage, unit: Unit): number {
    return Math.max(0, usage[unit] - this.guaranteed[unit]);
  }

  /** Moves the counters by a store's change from `before` to `after`. */
  move(before: Usage, after: Usage): void {
    for (const unit of UNITS) {
      this.used[unit] += after[unit] - before[unit];
      this.extra[unit] += this.extraOf(after, unit) - this.extraOf(before, unit);
    }
  }

  /**
   * The limit a store would pass by growing from `from` to `to`, with `counted` what the budget
   * already holds for it (a draft not yet swapped in is counted as what the swap releases).
   */
  check(counted: Usage, from: Usage, to: Usage): LimitHit | undefined {
    for (const unit of UNITS) {
      if (to[unit] <= from[unit]) continue;
      // A tenant cap at or above the server's is the server's: say so in the message.
      const tenantMax = this.limits[unit === 'items' ? 'tenantItems' : 'tenantBytes'];
      if (tenantMax < this.max(unit) && to[unit] > tenantMax)
        return { scope: 'tenant', unit, max: tenantMax };
      if (this.used[unit] - counted[unit] + to[unit] > this.max(unit))
        return { scope: 'server', unit, max: this.max(unit) };
      const extra = this.extra[unit] - this.extraOf(counted, unit) + this.extraOf(to, unit);
      if (extra > this.sharedRoom[unit]) return { scope: 'share', unit, max: this.guaranteed[unit] };
    }
    return undefined;
  }

  max(unit: Unit): number {
    return unit === 'items' ? this.limits.maxItems : this.limits.maxBytes;
  }
}

const UNITS: readonly Unit[] = ['items', 'bytes'];

const plus = (a: Usage, b: Usage): Usage => ({ items: a.items + b.items, bytes: a.bytes + b.bytes });

/**
 * One store's account with a budget. A live store (the one a key maps to) adds its usage to the
 * shared counters as it changes. A draft (a fork not yet swapped in) is counted as it would be
 * once swapped in: the shared count, minus what the swap will release, plus its own usage.
 * What a store shares with the template tenants start from (a fixture's records, held once
 * copy-on-write by every fork) is not counted against it.
 */
export class Meter {
  #budget: Budget | undefined;
  #live = false;
  #counted: Usage = NO_USAGE;
  /** What swapping this draft in will release: its parent's usage at the fork. */
  #credit: Usage;
  /** What the overlay holds that the template already held: not this store's to pay for. */
  #shared: Usage;
  readonly #raw: () => Usage;

  constructor(raw: () => Usage, budget?: Budget, credit: Usage = NO_USAGE, shared: Usage = NO_USAGE) {
    this.#raw = raw;
    this.#budget = budget;
    this.#credit = credit;
    this.#shared = shared;
  }

  #usage(): Usage {
    const raw = this.#raw();
    if (this.#shared === NO_USAGE) return raw;
    return {
      items: Math.max(0, raw.items - this.#shared.items),
      bytes: Math.max(0, raw.bytes - this.#shared.bytes),
    };
  }

  /** What forks of this store share with the template (they inherit it). */
  get shared(): Usage {
    return this.#shared;
  }

  /** This store is the template tenants start from: its forks do not pay for what it holds. */
  shareAsTemplate(): void {
    if (!this.#live) this.#shared = this.#raw();
  }

  get budget(): Budget | undefined {
    return this.#budget;
  }

  /** What a fork of this store will be credited. */
  get forkCredit(): Usage {
    return this.#live ? this.#usage() : this.#credit;
  }

  /** Call after every write: moves the shared counters by this store's change. */
  sync(): void {
    if (!this.#live || this.#budget === undefined) return;
    const usage = this.#usage();
    this.#budget.move(this.#counted, usage);
    this.#counted = usage;
  }

  /** The limit that growing by `delta` would pass (after reclaiming idle tenants), or undefined. */
  check(delta: Usage): LimitHit | undefined {
    const budget = this.#budget;
    if (budget === undefined || (delta.items <= 0 && delta.bytes <= 0)) return undefined;
    const from = this.#usage();
    const to = plus(from, delta);
    const counted = (): Usage => (this.#live ? this.#counted : this.#credit);
    const hit = budget.check(counted(), from, to);
    if (hit === undefined || hit.scope === 'tenant') return hit;
    budget.reclaim?.();
    return budget.check(counted(), from, to);
  }

  /** The store becomes the one of a key: its usage now counts. */
  attach(budget: Budget): void {
    if (this.#live) return;
    this.#budget = budget;
    this.#live = true;
    this.#counted = this.#usage();
    budget.move(NO_USAGE, this.#counted);
    this.#credit = NO_USAGE;
  }

  /** The store was replaced, reset or evicted: its usage is released. */
  detach(): void {
    if (!this.#live || this.#budget === undefined) return;
    this.#budget.move(this.#counted, NO_USAGE);
    this.#live = false;
    this.#counted = NO_USAGE;
  }
}

/** The STORE_FULL message for a limit, naming the field the write is about. */
export function describeLimit(field: string, hit: LimitHit): string {
  const what = hit.unit === 'items' ? `${hit.max} stored items` : `${hit.max} bytes of stored data`;
  if (hit.scope === 'tenant') return `${field}: this tenant holds the maximum of ${what}`;
  if (hit.scope === 'server' && hit.unit === 'items')
    return `${field}: the server holds the maximum of ${hit.max} created items`;
  if (hit.scope === 'server') return `${field}: the server holds the maximum of ${what}`;
  return `${field}: the server is full, and this tenant holds more than its guaranteed share of ${what}`;
}
