import { entitySeed, togaiId } from './ids.ts';
import { type Faker, fitLength, seededInstant, withSeededFaker } from './seed-faker.ts';
import type { Address, Customer } from './types.ts';

const CUSTOMER_KIND = 2;

/** A realistic postal address; `country` is ISO 3166-1 alpha-2, mostly US like the locale. */
export function seedAddress(faker: Faker): Address {
  const country = faker.datatype.boolean({ probability: 0.6 }) ? 'US' : faker.location.countryCode('alpha-2');
  const address: Address = { line1: faker.location.streetAddress() };
  if (faker.datatype.boolean({ probability: 0.3 })) address.line2 = faker.location.secondaryAddress();
  address.city = faker.location.city();
  address.state = faker.location.state({ abbreviated: country === 'US' });
  address.postalCode = faker.location.zipCode();
  address.country = country;
  if (faker.datatype.boolean({ probability: 0.5 }))
    address.phoneNumber = faker.phone.number({ style: 'international' });
  return address;
}

/** One line, as the Customer's `billingAddress` string (max 1000). */
export const formatAddress = (address: Address): string =>
  [address.line1, address.line2, address.city, address.state, address.postalCode, address.country]
    .filter((part) => part !== undefined && part !== '')
    .join(', ')
    .slice(0, 1000);

const slug = (text: string): string =>
  text
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 30);

/** Seeded customer `index`: the same value whatever else was generated before. */
export function seedCustomer(seeder: Faker, seed: number, index: number): Customer {
  const s = entitySeed(seed, CUSTOMER_KIND, index);
  return withSeededFaker(seeder, s, (faker) => {
    const company = faker.company.name();
    const address = seedAddress(faker);
    const createdDays = faker.number.float({ min: 0, max: 120, fractionDigits: 4 });
    return {
      // The index suffix keeps ids unique even if two companies share a name.
      id: `${slug(company) || 'CUSTOMER'}_${index + 1}`,
      togaiCustomerId: togaiId('customer', s, entitySeed(seed, CUSTOMER_KIND + 100, index)),
      name: fitLength(company, 3, 255),
      primaryEmail: faker.internet
        .email({ provider: `${slug(company).toLowerCase().replace(/_/g, '') || 'example'}.com` })
        .slice(0, 320),
      billingAddress: formatAddress(address),
      address,
      status: 'ACTIVE',
      createdAt: seededInstant(createdDays),
      updatedAt: seededInstant(createdDays + faker.number.float({ min: 0, max: 60, fractionDigits: 4 })),
    };
  });
}
