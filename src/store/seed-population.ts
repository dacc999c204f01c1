import { type AccountRecord, buildCustomerRecord, type CustomerRecord } from './records.ts';
import { seedAccount } from './seed-account.ts';
import { createTakenNames, type SeedOwner, seedCustomer } from './seed-customer.ts';
import { EXAMPLE_ACCOUNTS, EXAMPLE_CUSTOMERS, EXAMPLES_NEED, type ExampleAccount } from './seed-examples.ts';
import { createSeedFaker } from './seed-faker.ts';
import { allocateAccounts } from './seed-ownership.ts';

/**
 * Who the seeded data set is: its customers (built now, in index order) and, for every account
 * index, its owner and a way to build it (on demand). Accounts `0 .. firstGenerated - 1` are the
 * published examples' (seed-examples.ts), owned by the example customers that come first;
 * the others are generated, shared among the generated customers by `allocateAccounts`.
 */
export interface SeedPopulation {
  /** In seed order: `customers[c].seedIndex === c`. */
  readonly customers: readonly CustomerRecord[];
  /** The published examples' accounts, account indexes `0 .. firstGenerated - 1`. */
  readonly examples: readonly ExampleAccount[];
  readonly firstGenerated: number;
  /** The customer (seed index) owning account `index`. */
  ownerOf(index: number): number;
  /** How many seeded accounts customer `customer` owns. */
  sizeOf(customer: number): number;
  /** Account `index` with id `id` (the examples' ids are their own). */
  buildAccount(index: number, id: string): AccountRecord;
}

export function seedPopulation(seed: number, accountCount: number, customerCount: number): SeedPopulation {
  const withExamples = customerCount >= EXAMPLES_NEED.customers && accountCount >= EXAMPLES_NEED.accounts;
  const examples = withExamples ? EXAMPLE_ACCOUNTS : [];
  const exampleCustomers = withExamples ? EXAMPLE_CUSTOMERS : [];
  const e = exampleCustomers.length;
  const k = examples.length;
  // One Faker per baseline, re-seeded per entity: no state shared with anything else.
  const faker = createSeedFaker();
  const taken = createTakenNames();
  const owners: SeedOwner[] = [];
  for (let c = e; c < customerCount; c++) owners.push(seedCustomer(faker, seed, c, taken));
  const ownership = allocateAccounts(seed, accountCount - k, customerCount - e);
  const exampleSizes = exampleCustomers.map(
    (_, c) => examples.filter((account) => account.owner === c).length,
  );
  return {
    customers: [
      ...exampleCustomers.map((customer, c) => buildCustomerRecord(customer, c)),
      ...owners.map((owner) => buildCustomerRecord(owner.customer, owner.index)),
    ],
    examples,
    firstGenerated: k,
    ownerOf: (index) => (index < k ? (examples[index]?.owner ?? 0) : e + ownership.ownerOf(index - k)),
    sizeOf: (customer) => (customer < e ? (exampleSizes[customer] ?? 0) : ownership.sizeOf(customer - e)),
    buildAccount(index, id) {
      const example = examples[index];
      if (example !== undefined) return example.record;
      const slot = index - k;
      const group = ownership.ownerOf(slot);
      const owner = owners[group];
      if (owner === undefined) throw new Error(`seeded account ${index} has no customer`);
      const of = ownership.sizeOf(group);
      return seedAccount(faker, seed, index, id, owner, { ordinal: slot - ownership.firstSlotOf(group), of });
    },
  };
}
