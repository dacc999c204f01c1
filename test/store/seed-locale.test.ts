import { readFile } from 'node:fs/promises';
import { base, en } from '@faker-js/faker';
import { describe, expect, it } from 'vitest';
import { GENERATED, renderSeedLocaleModule } from '../../scripts/build-faker-locale.ts';
import { seedAccount } from '../../src/store/seed-account.ts';
import { seedCustomer } from '../../src/store/seed-customer.ts';
import { createSeedFaker } from '../../src/store/seed-faker.ts';

describe("the seeding's slice of faker's English locale", () => {
  it('is up to date with the installed faker (else run npx tsx scripts/build-faker-locale.ts)', async () => {
    expect(await readFile(GENERATED, 'utf8')).toBe(renderSeedLocaleModule());
  });

  it('seeds exactly the customers and accounts the whole [en, base] locale seeds', () => {
    const slice = createSeedFaker();
    const whole = createSeedFaker([en, base]);
    for (const seed of [1, 7, 2024]) {
      const owners = Array.from({ length: 12 }, (_, i) => seedCustomer(whole, seed, i));
      expect(Array.from({ length: 12 }, (_, i) => seedCustomer(slice, seed, i))).toEqual(owners);
      for (let i = 0; i < 1500; i++) {
        const owner = owners[i % owners.length] as (typeof owners)[number];
        expect(seedAccount(slice, seed, i, `ID_${i}`, owner)).toEqual(
          seedAccount(whole, seed, i, `ID_${i}`, owner),
        );
      }
    }
  });
});
