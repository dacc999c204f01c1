import type { SeedCountry } from './seed-country.ts';
import { seedData } from './seed-country.ts';
import type { Faker } from './seed-faker.ts';

/** A seeded company: its names and the words ids and domains are made of, never cut. */
export interface SeedCompany {
  /** With the legal form: "Brightwave Analytics GmbH". */
  legalName: string;
  /** Without it, as account names start: "Brightwave Analytics". */
  shortName: string;
  /** The short name's words in lowercase ASCII: ["brightwave", "analytics"]. */
  words: string[];
  /** Uppercase ASCII initials, three letters (as Mexico's RFC takes them). */
  initials: string;
}

const SPELLED: Readonly<Record<string, string>> = {
  ß: 'ss',
  ä: 'ae',
  ö: 'oe',
  ü: 'ue',
  æ: 'ae',
  ø: 'o',
  ł: 'l',
  đ: 'd',
};

/** "Müller & Wiśniewski" → "mueller & wisniewski": German umlauts spelled out, other marks dropped. */
export const foldAscii = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[ßäöüæøłđ]/g, (char) => SPELLED[char] ?? char)
    .normalize('NFD')
    .replace(/\p{M}/gu, '');

/** The lowercase ASCII words of a name ("O'Brien & van Dijk" → ["obrien", "van", "dijk"]). */
export const wordsOf = (text: string): string[] =>
  foldAscii(text)
    .replace(/['’]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');

function initialsOf(words: readonly string[]): string {
  const [first = 'x', second = '', third = ''] = words;
  const letters =
    third !== ''
      ? `${first[0]}${second[0]}${third[0]}`
      : second !== ''
        ? `${first[0]}${second.slice(0, 2)}`
        : first;
  return letters
    .toUpperCase()
    .replace(/[^A-Z]/g, 'X')
    .padEnd(3, 'X')
    .slice(0, 3);
}

function shortNameFor(faker: Faker, country: SeedCountry): string {
  const data = seedData();
  const stem = () => `${faker.helpers.arrayElement(data.stems)}${faker.helpers.arrayElement(data.stemEnds)}`;
  const last = () => faker.helpers.arrayElement(country.lastNames);
  switch (
    faker.helpers.weightedArrayElement([
      { value: 'stem-industry', weight: 50 },
      { value: 'stem', weight: 15 },
      { value: 'family-industry', weight: 20 },
      { value: 'partners', weight: 15 },
    ] as const)
  ) {
    case 'stem-industry':
      return `${stem()} ${faker.helpers.arrayElement(data.industries)}`;
    case 'stem':
      return stem();
    case 'family-industry':
      return `${last()} ${faker.helpers.arrayElement(data.industries)}`;
    case 'partners': {
      const [a, b] = faker.helpers.arrayElements(country.lastNames, 2);
      return `${a} & ${b}`;
    }
  }
}

/** A company of `country`, its legal form one the country uses. */
export function seedCompany(faker: Faker, country: SeedCountry): SeedCompany {
  const shortName = shortNameFor(faker, country);
  const words = wordsOf(shortName);
  return {
    legalName: `${shortName} ${faker.helpers.weightedArrayElement(country.legal)}`,
    shortName,
    words,
    initials: initialsOf(words),
  };
}

/**
 * The `attempt`-th candidate email domain of a company: its words joined, at the country's
 * ending first, then the forms companies take when theirs is taken (hyphenated, .com, get…,
 * …hq, .io, then a number). Callers try them in order until one is free.
 */
export function domainCandidate(words: readonly string[], tld: string, attempt: number): string {
  const joined = words.join('');
  const forms = [
    `${joined}.${tld}`,
    `${words.join('-')}.${tld}`,
    `${joined}.com`,
    `get${joined}.com`,
    `${joined}hq.com`,
    `${joined}.io`,
  ];
  return forms[attempt] ?? `${joined}${attempt - forms.length + 2}.com`;
}
