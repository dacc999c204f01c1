/**
 * Items that all tenants of one `createTenants` may add together: created accounts and customers,
 * alias records, rewritten seeded records and deletion markers (each counted as what the tenant's
 * overlay holds, so the count follows memory). One shared counter, updated by deltas.
 * Only creates (accounts, customers, added aliases) are refused when it is spent: updates and
 * deletes always succeed, so usage may pass `max` by rewrites of seeded records, at most one
 * record (and a marker) per seeded item per tenant.
 */
export interface Budget {
  readonly max: number;
  /** What the stores now live in the tenants hold. */
  used: number;
  /** Frees what it can (idle tenants still cached) when a write would not fit. */
  reclaim?: () => void;
}

/**
 * One store's account with a budget. A live store (the one a key maps to) adds its usage to the
 * shared counter as it changes. A draft (a fork not yet swapped in) is counted as it would be
 * once swapped in: the shared count, minus what the swap will release, plus its own usage.
 */
export class Meter {
  #budget: Budget | undefined;
  #live = false;
  #counted = 0;
  /** What swapping this draft in will release: its parent's usage at the fork. */
  #credit: number;
  readonly #usage: () => number;

  constructor(usage: () => number, budget?: Budget, credit = 0) {
    this.#usage = usage;
    this.#budget = budget;
    this.#credit = credit;
  }

  get budget(): Budget | undefined {
    return this.#budget;
  }

  /** What a fork of this store will be credited. */
  get forkCredit(): number {
    return this.#live ? this.#usage() : this.#credit;
  }

  /** Call after every write: moves the shared counter by this store's change. */
  sync(): void {
    if (!this.#live || this.#budget === undefined) return;
    const usage = this.#usage();
    this.#budget.used += usage - this.#counted;
    this.#counted = usage;
  }

  /** Whether `weight` more items fit the budget (after reclaiming idle tenants if needed). */
  fits(weight: number): boolean {
    const budget = this.#budget;
    if (budget === undefined) return true;
    const projected = (): number => budget.used + (this.#live ? 0 : this.#usage() - this.#credit) + weight;
    if (projected() <= budget.max) return true;
    budget.reclaim?.();
    return projected() <= budget.max;
  }

  /** The store becomes the one of a key: its usage now counts. */
  attach(budget: Budget): void {
    if (this.#live) return;
    this.#budget = budget;
    this.#live = true;
    this.#counted = this.#usage();
    budget.used += this.#counted;
    this.#credit = 0;
  }

  /** The store was replaced, reset or evicted: its usage is released. */
  detach(): void {
    if (!this.#live || this.#budget === undefined) return;
    this.#budget.used -= this.#counted;
    this.#live = false;
    this.#counted = 0;
  }
}

export const budgetFull = (field: string, max: number): string =>
  `${field}: the server holds the maximum of ${max} created items`;
