import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildSeedData,
  DOC,
  GENERATED,
  renderSeedCountriesModule,
  renderSeededDataDoc,
  SOURCE,
} from '../../scripts/build-seed-countries.ts';
import { seedData } from '../../src/store/seed-country.ts';
import { judgeAddress, judgeTaxId } from './realism-judges.ts';

const countries = new Map(seedData().countries.map((country) => [country.code, country]));

describe('the country table', () => {
  it('is up to date with scripts/seed-data/countries.yaml (else npx tsx scripts/build-seed-countries.ts)', () => {
    expect(readFileSync(GENERATED, 'utf8')).toBe(renderSeedCountriesModule());
  });

  it('is the table docs/seeded-data.md shows (else the same command rewrites it)', () => {
    const doc = readFileSync(DOC, 'utf8');
    expect(doc).toBe(renderSeededDataDoc(doc));
  });

  it('refuses weights that do not add up to 100', () => {
    const yaml = readFileSync(SOURCE, 'utf8').replace('weight: 36', 'weight: 35');
    expect(() => buildSeedData(yaml)).toThrow('weights add up to 99, not 100');
  });

  it('refuses a tax scheme no generator knows', () => {
    const yaml = readFileSync(SOURCE, 'utf8').replace('scheme: de-vat', 'scheme: de-steuernummer');
    expect(() => buildSeedData(yaml)).toThrow('unknown tax scheme de-steuernummer');
  });
});

describe('the realism judges', () => {
  const berlin = { line1: 'Hauptstraße 1', city: 'Berlin', postalCode: '10115', country: 'DE' };

  it('pass a coherent address', () => {
    expect(judgeAddress({ ...berlin, phoneNumber: '+493012345678' }, countries.get('DE'))).toEqual([]);
  });

  it('catch a state where the country has none, a city of another country and a foreign postal code', () => {
    expect(judgeAddress({ ...berlin, state: 'California' }, countries.get('DE'))).toEqual([
      'state California in DE',
      'Berlin is not in California',
    ]);
    expect(judgeAddress({ ...berlin, city: 'Austin' }, countries.get('DE'))).toContain(
      'city Austin is not in DE',
    );
    expect(judgeAddress({ ...berlin, postalCode: '94105-1234' }, countries.get('DE'))).toContain(
      "postal code 94105-1234 is not DE's format",
    );
    expect(judgeAddress({ ...berlin, postalCode: '80331' }, countries.get('DE'))).toEqual([
      "postal code 80331 is not Berlin's",
    ]);
  });

  it("catch a phone of another country, or of another city's area", () => {
    expect(judgeAddress({ ...berlin, phoneNumber: '+14155550123' }, countries.get('DE'))).toContain(
      'phone +14155550123 is not a valid DE number',
    );
    expect(judgeAddress({ ...berlin, phoneNumber: '+498912345678' }, countries.get('DE'))).toEqual([
      "phone +498912345678 is not Berlin's area",
    ]);
  });

  it('catch tax ids with a wrong check digit or of the wrong scheme', () => {
    expect(judgeTaxId('in-gstin', '27AAPFU0939F1ZV')).toBe(true);
    expect(judgeTaxId('in-gstin', '27AAPFU0939F1ZW')).toBe(false);
    expect(judgeTaxId('de-vat', 'DE136695976')).toBe(true);
    expect(judgeTaxId('de-vat', 'DE136695977')).toBe(false);
    expect(judgeTaxId('gb-vat', 'DE136695976')).toBe(false);
    expect(judgeTaxId('au-abn', '51 824 753 556')).toBe(true);
    expect(judgeTaxId('au-abn', '51 824 753 557')).toBe(false);
  });
});
