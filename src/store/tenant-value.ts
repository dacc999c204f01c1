/** Uses past this count all rank alike (2^20: a tenant that busy is never the least valuable). */
const TOP_TIER = 20;

/**
 * How much each tenant holding data has been used, to find the least valuable one in O(1) when a
 * new tenant needs its place. Tenants sit in tiers by requests made since their data was created
 * (tier i holds 2^i to 2^(i+1) − 1), each tier in least-recently-used order (a `Map`'s insertion
 * order, refreshed on use). The least valuable is the least recently used of the lowest tier: a
 * flood of fresh tokens that create once and never come back only pushes out its own kind, and
 * pushing out a tenant that made n requests takes a flood of tenants that each made about n.
 * Rejected: a scan of every tenant for the fewest uses (O(max tenants) per admission, 1M by
 * configuration), and plain LRU (one burst of fresh tokens pushes out everybody).
 */
export class TenantValue {
  readonly #tiers: Map<string, number>[] = Array.from({ length: TOP_TIER + 1 }, () => new Map());
  readonly #tierOf = new Map<string, number>();

  /** A tenant that just got its data: its first use. */
  add(key: string): void {
    this.delete(key);
    this.#place(key, 0, 1);
  }

  /** One more request by `key` (nothing when it holds no data). */
  touch(key: string): void {
    const tier = this.#tierOf.get(key);
    if (tier === undefined) return;
    const map = this.#tiers[tier] as Map<string, number>;
    const uses = (map.get(key) as number) + 1;
    map.delete(key);
    this.#place(key, Math.min(TOP_TIER, Math.floor(Math.log2(uses))), uses);
  }

  delete(key: string): void {
    const tier = this.#tierOf.get(key);
    if (tier === undefined) return;
    this.#tiers[tier]?.delete(key);
    this.#tierOf.delete(key);
  }

  /** Requests made by `key` since its data was created; undefined when it holds none. */
  usesOf(key: string): number | undefined {
    const tier = this.#tierOf.get(key);
    return tier === undefined ? undefined : this.#tiers[tier]?.get(key);
  }

  /** The least recently used tenant of the lowest tier. */
  leastValuable(): string | undefined {
    for (const tier of this.#tiers) {
      const first = tier.keys().next();
      if (!first.done) return first.value;
    }
    return undefined;
  }

  clear(): void {
    for (const tier of this.#tiers) tier.clear();
    this.#tierOf.clear();
  }

  #place(key: string, tier: number, uses: number): void {
    this.#tiers[tier]?.set(key, uses);
    this.#tierOf.set(key, tier);
  }
}
