import { searchFirst } from './base-list.ts';
import { entitySeed, mix32 } from './ids.ts';

const OWNERSHIP_KIND = 5;

/**
 * How many accounts a B2B customer has, as classes of a weight (percent of customers) and a
 * range: most own one to three, a few run dozens (a subsidiary or business unit each).
 * docs/seeded-data.md gives the resulting spread.
 */
export const ACCOUNTS_PER_CUSTOMER = [
  { weight: 46, min: 1, max: 1 },
  { weight: 22, min: 2, max: 2 },
  { weight: 12, min: 3, max: 3 },
  { weight: 9, min: 4, max: 5 },
  { weight: 6.5, min: 6, max: 10 },
  { weight: 3.5, min: 11, max: 25 },
  { weight: 1, min: 26, max: 60 },
] as const;

/** The mean of the classes (~3.2): the accounts-to-customers ratio the spread is drawn for. */
export const MEAN_ACCOUNTS_PER_CUSTOMER =
  ACCOUNTS_PER_CUSTOMER.reduce((sum, c) => sum + (c.weight * (c.min + c.max)) / 2, 0) / 100;

/** Which customer owns each of `slots` accounts: contiguous runs of slots, one run a customer. */
export interface Ownership {
  /** The customer owning account slot `slot`. */
  ownerOf(slot: number): number;
  /** The first slot of `customer`'s run (its accounts are `firstSlotOf(c) .. + sizeOf(c) - 1`). */
  firstSlotOf(customer: number): number;
  sizeOf(customer: number): number;
}

/** A customer's wished-for size, from (seed, customer) alone: a few integer mixes, no faker. */
function wishedSize(seed: number, customer: number): number {
  const draw = mix32(entitySeed(seed, OWNERSHIP_KIND, customer));
  let point = (draw / 0x1_0000_0000) * 100;
  for (const size of ACCOUNTS_PER_CUSTOMER) {
    if (point < size.weight) return size.min + (mix32(draw ^ 0x68e31da4) % (size.max - size.min + 1));
    point -= size.weight;
  }
  return 1;
}

/**
 * Shares `slots` accounts among `customers`: each customer first gets one (while there are
 * enough), the rest go in proportion to the sizes the customers wished beyond one, by cumulative
 * rounding so the runs add up exactly. With `slots / customers` near the classes' mean the
 * spread is the classes'; with more accounts a customer every customer grows in proportion.
 * One pass and a `Uint32Array` of customers + 1 run starts; `ownerOf` is a binary search.
 */
export function allocateAccounts(seed: number, slots: number, customers: number): Ownership {
  const starts = new Uint32Array(customers + 1);
  if (slots < customers) {
    for (let c = 0; c <= customers; c++) starts[c] = Math.min(c, slots);
  } else {
    const wished = new Float64Array(customers);
    let total = 0;
    for (let c = 0; c < customers; c++) {
      wished[c] = wishedSize(seed, c) - 1;
      total += wished[c] ?? 0;
    }
    const extra = slots - customers;
    let cumulative = 0;
    for (let c = 0; c <= customers; c++) {
      const share =
        total > 0 ? Math.round((extra * cumulative) / total) : Math.round((extra * c) / customers);
      starts[c] = c + share;
      cumulative += wished[c] ?? 0;
    }
  }
  const at = (c: number): number => starts[c] ?? 0;
  return {
    ownerOf: (slot) => searchFirst(customers + 1, (c) => at(c) <= slot) - 1,
    firstSlotOf: at,
    sizeOf: (customer) => at(customer + 1) - at(customer),
  };
}
