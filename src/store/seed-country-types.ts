/**
 * The shape of the seeding's country table (scripts/seed-data/countries.yaml, normalized by
 * scripts/build-seed-countries.ts). docs/seeded-data.md describes each field.
 */

export interface Weighted<T> {
  value: T;
  weight: number;
}

export interface SeedCity {
  name: string;
  /** Postal-code prefixes of the city; empty where the country has no postal codes. */
  postal: string[];
  /** Phone area codes (national, without the trunk 0 unless the country keeps it, as Italy does). */
  areas: string[];
  /** Length of the national significant number. */
  nsn: number;
  /** The digits its subscriber numbers start with, where they differ from the country's. */
  first?: string;
  /** The city's own streets (Japanese districts), else its region's, else its country's. */
  streets?: string[];
}

export interface SeedRegion {
  /** What `address.state` says, where the country's addresses carry one. */
  name: string;
  /** The region's code in the tax id (India's GST state code). */
  code?: string;
  streets?: string[];
  cities: SeedCity[];
}

export interface SeedCountry {
  code: string;
  name: string;
  /** Share of customers, in percent. */
  weight: number;
  market: 'amer' | 'emea' | 'apac';
  currencies: Weighted<string>[];
  tlds: Weighted<string>[];
  legal: Weighted<string>[];
  /** Whether addresses carry a state (province, county, prefecture). */
  state: boolean;
  /** `{p}` the city's prefix, `#` a digit, `@` one of `letters`; absent: no postal codes. */
  postal?: string;
  letters: string;
  phone: { cc: string; first: string };
  tax?: { key: string; scheme: string; share: number };
  /** Line 1: `{s}` street, `{n}` house number, `{b}` a small block number. */
  street: string;
  streets: string[];
  line2: string[];
  firstNames: string[];
  lastNames: string[];
  regions: SeedRegion[];
}

export interface SeedData {
  stems: string[];
  stemEnds: string[];
  industries: string[];
  labels: string[];
  countries: SeedCountry[];
}
