import { LRUCache } from 'lru-cache';
import { arrayBaseList, type BaseGroups, type BaseList, searchFirst } from './base-list.ts';
import {
  compareIds,
  rankOfSeededId,
  seededAccountIdFromRank,
  seededAccountIndex,
  seededAccountRank,
} from './ids.ts';
import { type AccountRecord, buildCustomerRecord, type CustomerRecord } from './records.ts';
import { seedAccount } from './seed-account.ts';
import { seedCustomer } from './seed-customer.ts';
import { createSeedFaker } from './seed-faker.ts';

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
  /** Seeded customer `c` owns the seeded accounts whose index is congruent to c. */
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
  // One Faker per baseline, re-seeded per entity: no state shared with anything else.
  const faker = createSeedFaker();
  const seeded = Array.from({ length: customerCount }, (_, index) =>
    buildCustomerRecord(seedCustomer(faker, seed, index), index),
  );
  const customers = arrayBaseList(
    [...seeded].sort((a, b) => compareIds(a.customer.id, b.customer.id)),
    (record) => record.customer.id,
  );

  const ranks = new Uint32Array(accountCount);
  for (let i = 0; i < accountCount; i++) ranks[i] = seededAccountRank(seed, i);
  // Ids sort exactly like their ranks (see ids.ts), so a numeric sort orders the ids.
  ranks.sort();
  const cache = new LRUCache<number, AccountRecord>({ max: options.cacheSize ?? 50_000 });
  const keyAt = (position: number): string => seededAccountIdFromRank(seed, ranks[position] ?? 0);
  const accountAt = (position: number): AccountRecord => {
    const index = seededAccountIndex(seed, ranks[position] ?? 0);
    let record = cache.get(index);
    if (record === undefined) {
      const owner = seeded[index % customerCount]?.customer;
      if (owner === undefined) throw new Error(`seeded account ${index} has no customer`);
      record = seedAccount(faker, seed, index, keyAt(position), owner);
      cache.set(index, record);
    }
    return record;
  };
  const findRank = (rank: number): number => searchFirst(accountCount, (at) => (ranks[at] ?? 0) < rank);
  // Seeded customer c owns the accounts whose index is congruent to c: deleting it hides group c.
  const groups: BaseGroups = {
    count: customerCount,
    of: (position) => seededAccountIndex(seed, ranks[position] ?? 0) % customerCount,
    sizeOf: (group) =>
      group < accountCount ? Math.floor((accountCount - 1 - group) / customerCount) + 1 : 0,
  };
  const accounts: BaseList<AccountRecord> = {
    size: accountCount,
    keyAt,
    valueAt: accountAt,
    lowerBound: (key) => searchFirst(accountCount, (at) => compareIds(keyAt(at), key) < 0),
    find(key) {
      const rank = rankOfSeededId(key);
      if (rank < 0) return -1;
      const position = findRank(rank);
      return position < accountCount && ranks[position] === rank && keyAt(position) === key ? position : -1;
    },
    ...(customerCount > 0 ? { groups } : {}),
  };
  return Object.freeze({
    seed,
    maxAccounts: options.maxAccounts ?? accountCount + 100_000,
    maxCustomers: options.maxCustomers ?? customerCount + 10_000,
    accounts,
    customers,
    customerCount,
    accountCount,
    accountIdOf: (index: number) => seededAccountIdFromRank(seed, seededAccountRank(seed, index)),
  });
}
