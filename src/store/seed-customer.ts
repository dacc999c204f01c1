import { entitySeed, togaiId } from './ids.ts';
import { domainCandidate, type SeedCompany, seedCompany, wordsOf } from './seed-company.ts';
import { formatAddress, type Place, pickCountry, pickPlace, seedAddress } from './seed-country.ts';
import { type Faker, seededInstant, withSeededFaker } from './seed-faker.ts';
import type { Customer } from './types.ts';

export { formatAddress };

const CUSTOMER_KIND = 2;
/** A customer whose drawn name is taken draws again, this many times at most. */
const NAME_DRAWS = 12;

/** A seeded customer and what its accounts are generated from. */
export interface SeedOwner {
  customer: Customer;
  /** Its index among the seeded customers. */
  index: number;
  company: SeedCompany;
  /** Its email domain, unique among seeded customers. */
  domain: string;
  /** Its headquarters: its own address, and its first account's. */
  place: Place;
}

/** Names and domains given to earlier customers: each customer's are unique in the data set. */
export interface TakenNames {
  names: Set<string>;
  domains: Set<string>;
}

export const createTakenNames = (): TakenNames => ({ names: new Set(), domains: new Set() });

/** A person at the company, as `first.last@domain` in lowercase ASCII. */
export function seedPersonEmail(faker: Faker, place: Place, domain: string): string {
  const first = wordsOf(faker.helpers.arrayElement(place.country.firstNames)).join('');
  const last = wordsOf(faker.helpers.arrayElement(place.country.lastNames)).join('');
  return `${first}.${last}@${domain}`;
}

/**
 * Seeded customer `index`: a company of a country drawn by weight, at an address of that
 * country, with a name and domain no earlier customer has. Customers are built once, in index
 * order (the baseline builds them all at start), so `taken` makes the result depend only on
 * the seed and the index.
 */
export function seedCustomer(seeder: Faker, seed: number, index: number, taken: TakenNames): SeedOwner {
  const s = entitySeed(seed, CUSTOMER_KIND, index);
  return withSeededFaker(seeder, s, (faker) => {
    const country = pickCountry(faker);
    let company = seedCompany(faker, country);
    for (let draw = 1; draw < NAME_DRAWS && taken.names.has(company.shortName); draw++)
      company = seedCompany(faker, country);
    taken.names.add(company.shortName);
    const tld = faker.helpers.weightedArrayElement(country.tlds);
    let domain = domainCandidate(company.words, tld, 0);
    for (let attempt = 1; taken.domains.has(domain); attempt++)
      domain = domainCandidate(company.words, tld, attempt);
    taken.domains.add(domain);
    const place = pickPlace(faker, country);
    const address = seedAddress(faker, place);
    const createdDays = faker.number.float({ min: 0, max: 120, fractionDigits: 4 });
    const primaryEmail = faker.datatype.boolean({ probability: 0.6 })
      ? seedPersonEmail(faker, place, domain)
      : `${faker.helpers.arrayElement(['finance', 'accounts', 'admin', 'billing'])}@${domain}`;
    const customer: Customer = {
      // The index suffix keeps ids unique even when two companies share a name.
      id: `${company.words.join('_').toUpperCase()}_${index + 1}`,
      togaiCustomerId: togaiId('customer', s, entitySeed(seed, CUSTOMER_KIND + 100, index)),
      name: company.legalName,
      primaryEmail,
      billingAddress: formatAddress(address),
      address,
      status: 'ACTIVE',
      createdAt: seededInstant(createdDays),
      updatedAt: seededInstant(createdDays + faker.number.float({ min: 0, max: 60, fractionDigits: 4 })),
    };
    return { customer, index, company, domain, place };
  });
}
