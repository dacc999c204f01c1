import { SEED_COUNTRIES_JSON } from './seed-countries.generated.ts';
import type { SeedCity, SeedCountry, SeedData, SeedRegion } from './seed-country-types.ts';
import type { Faker } from './seed-faker.ts';
import type { Address } from './types.ts';

export type { SeedCity, SeedCountry, SeedRegion } from './seed-country-types.ts';

interface Table {
  data: SeedData;
  weights: { value: SeedCountry; weight: number }[];
  places: Map<SeedCountry, { region: SeedRegion; city: SeedCity }[]>;
}

let parsed: Table | undefined;

function table(): Table {
  if (parsed === undefined) {
    const data = JSON.parse(SEED_COUNTRIES_JSON) as SeedData;
    parsed = {
      data,
      weights: data.countries.map((country) => ({ value: country, weight: country.weight })),
      places: new Map(
        data.countries.map((country) => [
          country,
          country.regions.flatMap((region) => region.cities.map((city) => ({ region, city }))),
        ]),
      ),
    };
  }
  return parsed;
}

/** The curated table (scripts/seed-data/countries.yaml), parsed once. */
export const seedData = (): SeedData => table().data;

/** A country drawn by its weight (share of customers). */
export const pickCountry = (faker: Faker): SeedCountry => faker.helpers.weightedArrayElement(table().weights);

/** Where an address is: a city of a region of a country, so all three always agree. */
export interface Place {
  country: SeedCountry;
  region: SeedRegion;
  city: SeedCity;
}

export function pickPlace(faker: Faker, country: SeedCountry): Place {
  const { region, city } = faker.helpers.arrayElement(table().places.get(country) ?? []);
  return { country, region, city };
}

/** `#` a digit, `@` one of the country's letters, anything else as written. */
function fillPattern(faker: Faker, pattern: string, letters: string): string {
  let out = '';
  for (const char of pattern)
    out +=
      char === '#'
        ? String(faker.number.int(9))
        : char === '@'
          ? (letters[faker.number.int(letters.length - 1)] ?? 'A')
          : char;
  return out;
}

export function seedPostalCode(faker: Faker, place: Place): string | undefined {
  const { postal, letters } = place.country;
  if (postal === undefined) return undefined;
  return fillPattern(faker, postal.replace('{p}', faker.helpers.arrayElement(place.city.postal)), letters);
}

/** E.164: the calling code, the city's area code, then subscriber digits to the national length. */
export function seedPhone(faker: Faker, place: Place): string {
  const { cc } = place.country.phone;
  const first = place.city.first ?? place.country.phone.first;
  const area = faker.helpers.arrayElement(place.city.areas);
  const lead = first[faker.number.int(first.length - 1)] ?? '2';
  return `+${cc}${area}${lead}${faker.string.numeric(place.city.nsn - area.length - 1)}`;
}

const streetsOf = (place: Place): string[] =>
  place.city.streets ?? place.region.streets ?? place.country.streets;

export function seedStreetLine(faker: Faker, place: Place): string {
  return place.country.street
    .replace('{s}', faker.helpers.arrayElement(streetsOf(place)))
    .replace('{n}', String(faker.number.int({ min: 1, max: 240 })))
    .replace(/\{b\}/g, () => String(faker.number.int({ min: 1, max: 9 })));
}

/** An address in `place`, in that country's style; a phone number half of the time. */
export function seedAddress(faker: Faker, place: Place): Address {
  const { country, region, city } = place;
  const address: Address = { line1: seedStreetLine(faker, place) };
  if (country.line2.length > 0 && faker.datatype.boolean({ probability: 0.3 }))
    address.line2 = faker.helpers
      .arrayElement(country.line2)
      .replace('{n}', String(faker.number.int({ min: 1, max: 30 })))
      .replace('{b}', String(faker.number.int({ min: 1, max: 9 })));
  address.city = city.name;
  if (country.state) address.state = region.name;
  const postalCode = seedPostalCode(faker, place);
  if (postalCode !== undefined) address.postalCode = postalCode;
  address.country = country.code;
  if (faker.datatype.boolean({ probability: 0.5 })) address.phoneNumber = seedPhone(faker, place);
  return address;
}

/**
 * One line, as the Customer's `billingAddress` string (max 1000), in the order Togai's published
 * example writes it: "2281 Broadway Street, G-31, 29501, Florence, South Carolina, US".
 */
export const formatAddress = (address: Address): string =>
  [address.line1, address.line2, address.postalCode, address.city, address.state, address.country]
    .filter((part) => part !== undefined && part !== '')
    .join(', ')
    .slice(0, 1000);
