import { createRequire } from 'node:module';
import { postcodeValidator, postcodeValidatorExistsForCountry } from 'postcode-validator';
import { stdnum } from 'stdnum';
import type { SeedCountry } from '../../src/store/seed-country.ts';
import type { Address } from '../../src/store/types.ts';

/**
 * Independent judges of seeded data: Google's libphonenumber for phone numbers, the
 * `postcode-validator` patterns for postal codes and `stdnum` (a port of python-stdnum) for tax
 * ids, so the realism test does not check the seeding against its own tables alone.
 */

// A CommonJS build without named exports Node can detect.
const lib = createRequire(import.meta.url)('google-libphonenumber') as typeof import('google-libphonenumber');
const phones = lib.PhoneNumberUtil.getInstance();

/** `stdnum`'s validator `name` of `country`, after the country prefix the id is written with. */
const valid =
  (country: string, name: string, prefix = '') =>
  (value: string): boolean =>
    value.startsWith(prefix) &&
    (stdnum[country]?.[name]?.validate(value.slice(prefix.length)).isValid ?? false);

/** One judge a tax scheme of the country table. */
const TAX_JUDGES: Readonly<Record<string, (value: string) => boolean>> = {
  'in-gstin': valid('IN', 'gstin'),
  'gb-vat': valid('GB', 'vat', 'GB'),
  'de-vat': valid('DE', 'vat', 'DE'),
  'fr-vat': valid('FR', 'tva', 'FR'),
  'nl-vat': valid('NL', 'btw', 'NL'),
  'es-vat': valid('ES', 'cif', 'ES'),
  'ie-vat': valid('IE', 'vat', 'IE'),
  'se-vat': valid('SE', 'vat', 'SE'),
  'ch-vat': valid('CH', 'vat'),
  'it-vat': valid('IT', 'iva', 'IT'),
  'pl-vat': valid('PL', 'nip', 'PL'),
  'za-vat': valid('ZA', 'vat'),
  'il-vat': valid('IL', 'hp'),
  'jp-invoice': valid('JP', 'cn', 'T'),
  'au-abn': valid('AU', 'abn'),
  'ca-gst': valid('CA', 'gst'),
  'nz-gst': valid('NZ', 'ird'),
  'br-cnpj': valid('BR', 'cnpj'),
  'mx-rfc': valid('MX', 'rfc'),
  'sg-uen': valid('SG', 'uen'),
  // The UAE publishes no check digit: 15 digits starting 100 is all there is to check.
  'ae-trn': (v) => /^100\d{12}$/.test(v),
};

export const judgeTaxId = (scheme: string, value: string): boolean => TAX_JUDGES[scheme]?.(value) ?? false;
export const TAX_JUDGED_SCHEMES = Object.keys(TAX_JUDGES);

/**
 * What is incoherent in `address` for `country` (empty when nothing): the state, city, postal
 * code and phone number must all belong to the country, and to one another.
 */
export function judgeAddress(address: Address, country: SeedCountry | undefined): string[] {
  if (country === undefined) return [`country ${address.country} is not a seeded country`];
  const problems: string[] = [];
  const regions = country.regions.filter((region) =>
    region.cities.some((city) => city.name === address.city),
  );
  if (regions.length === 0) problems.push(`city ${address.city} is not in ${country.code}`);
  if (country.state !== (address.state !== undefined))
    problems.push(`state ${address.state} in ${country.code}`);
  if (address.state !== undefined && !regions.some((region) => region.name === address.state))
    problems.push(`${address.city} is not in ${address.state}`);
  const cities = regions.flatMap((region) => region.cities.filter((city) => city.name === address.city));
  if (country.postal === undefined) {
    if (address.postalCode !== undefined) problems.push(`postal code in ${country.code}, which has none`);
  } else {
    const code = address.postalCode ?? '';
    if (postcodeValidatorExistsForCountry(country.code) && !postcodeValidator(code, country.code))
      problems.push(`postal code ${code} is not ${country.code}'s format`);
    if (!cities.some((city) => city.postal.some((prefix) => code.startsWith(prefix))))
      problems.push(`postal code ${code} is not ${address.city}'s`);
  }
  if (address.phoneNumber !== undefined) {
    const number = phones.parse(address.phoneNumber);
    if (!phones.isValidNumberForRegion(number, country.code))
      problems.push(`phone ${address.phoneNumber} is not a valid ${country.code} number`);
    const national = phones.getNationalSignificantNumber(number);
    if (!cities.some((city) => city.areas.some((area) => national.startsWith(area))))
      problems.push(`phone ${address.phoneNumber} is not ${address.city}'s area`);
  }
  return problems;
}
