import { LRUCache } from 'lru-cache';
import { arrayBaseList, type BaseGroups, type BaseList, searchFirst } from './base-list.ts';
import {
  compareIds,
  rankOfSeededId,
  seededAccountIdFromRank,
  seededAccountIndex,
  seededAccountRank,
} from './ids.ts';
import type { AccountRecord, CustomerRecord } from './records.ts';
import { withFixedItems } from './seed-fixed-list.ts';
import { seedPopulation } from './seed-population.ts';

export interface BaselineOptions {
  seed: number;
  accounts: number;
  customers: number;
  /** The most accounts a tenant may hold; default: the seeded count plus 100,000. */
  maxAccounts?: number;
  /** The most customers a tenant may hold; default: the seeded count plus 10,000. */
  maxCustomers?: number;
  /** Built seeded accounts kept in memory (shared by all tenants); default 50,000. */
  cacheSize?: number;
}

/** The immutable seeded data every tenant starts from. */
export interface Baseline {
  readonly seed: number;
  readonly maxAccounts: number;
  readonly maxCustomers: number;
  readonly accounts: BaseList<AccountRecord>;
  readonly customers: BaseList<CustomerRecord>;
  /** Seeded customer `c` (its `seedIndex`) is group `c` of the accounts (seed-population.ts). */
  readonly customerCount: number;
  readonly accountCount: number;
  /** The id of seeded account `index` (cheap: no faker). */
  accountIdOf(index: number): string;
}

/**
 * Builds the baseline. Only the sorted id index is built now (a Uint32Array of id ranks, ~70 ms
 * for a million); an account is generated on first read and kept in a bounded cache, since
 * regenerating it from (seed, index) always gives the same bytes.
 */
export function createBaseline(options: BaselineOptions): Baseline {
  const { seed, accounts: accountCount, customers: customerCount } = options;
  if (!Number.isSafeInteger(accountCount) || accountCount < 0 || accountCount > 0xffffffff)
    throw new RangeError(`accounts: expected a whole number, got ${accountCount}`);
  if (!Number.isSafeInteger(customerCount) || customerCount < 0 || (accountCount > 0 && customerCount < 1))
    throw new RangeError(
      `customers: expected at least one customer to own the accounts, got ${customerCount}`,
    );
  const population = seedPopulation(seed, accountCount, customerCount);
  const customers = arrayBaseList(
    [...population.customers].sort((a, b) => compareIds(a.customer.id, b.customer.id)),
    (record) => record.customer.id,
  );

  // Generated accounts are indexes first .. accountCount - 1; the published examples' come before.
  const first = population.firstGenerated;
  const generatedCount = accountCount - first;
  const ranks = new Uint32Array(generatedCount);
  for (let i = 0; i < generatedCount; i++) ranks[i] = seededAccountRank(seed, first + i);
  // Ids sort exactly like their ranks (see ids.ts), so a numeric sort orders the ids.
  ranks.sort();
  const cache = new LRUCache<number, AccountRecord>({ max: options.cacheSize ?? 50_000 });
  const keyAt = (position: number): string => seededAccountIdFromRank(seed, ranks[position] ?? 0);
  const indexAt = (position: number): number => seededAccountIndex(seed, ranks[position] ?? 0);
  const accountAt = (position: number): AccountRecord => {
    const index = indexAt(position);
    let record = cache.get(index);
    if (record === undefined) {
      record = population.buildAccount(index, keyAt(position));
      cache.set(index, record);
    }
    return record;
  };
  const findRank = (rank: number): number => searchFirst(generatedCount, (at) => (ranks[at] ?? 0) < rank);
  // A seeded customer's accounts are a group: deleting the customer hides its group whole.
  const groups: BaseGroups = {
    count: customerCount,
    of: (position) => population.ownerOf(indexAt(position)),
    sizeOf: (group) => (group < customerCount ? population.sizeOf(group) : 0),
  };
  const generated: BaseList<AccountRecord> = {
    size: generatedCount,
    keyAt,
    valueAt: accountAt,
    lowerBound: (key) => searchFirst(generatedCount, (at) => compareIds(keyAt(at), key) < 0),
    find(key) {
      const rank = rankOfSeededId(key);
      if (rank < 0) return -1;
      const position = findRank(rank);
      return position < generatedCount && ranks[position] === rank && keyAt(position) === key ? position : -1;
    },
    ...(customerCount > 0 ? { groups } : {}),
  };
  const accounts = withFixedItems(
    generated,
    population.examples.map(({ record, owner }) => ({ key: record.account.id, value: record, group: owner })),
  );
  const exampleIds = population.examples.map(({ record }) => record.account.id);
  return Object.freeze({
    seed,
    maxAccounts: options.maxAccounts ?? accountCount + 100_000,
    maxCustomers: options.maxCustomers ?? customerCount + 10_000,
    accounts,
    customers,
    customerCount,
    accountCount,
    accountIdOf: (index: number) =>
      exampleIds[index] ?? seededAccountIdFromRank(seed, seededAccountRank(seed, index)),
  });
}
