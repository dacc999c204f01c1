import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { SeedCity, SeedCountry, SeedData, Weighted } from '../src/store/seed-country-types.ts';
import { createSeedFaker } from '../src/store/seed-faker.ts';
import { seedTaxId, TAX_SCHEMES } from '../src/store/seed-tax-ids.ts';

/**
 * The seeding's countries, from the hand-curated scripts/seed-data/countries.yaml to the JSON the
 * browser bundle carries (src/store/seed-countries.generated.ts): ~25 KB of countries, regions,
 * cities, postal and phone patterns instead of a faker locale per country (~150 KB each).
 * Checks the shape here, once, so the seeding trusts the table; also writes the table of
 * docs/seeded-data.md. test/store/seed-countries.test.ts fails when either is stale:
 * `npx tsx scripts/build-seed-countries.ts`.
 */
export const SOURCE = fileURLToPath(new URL('./seed-data/countries.yaml', import.meta.url));
export const GENERATED = fileURLToPath(new URL('../src/store/seed-countries.generated.ts', import.meta.url));

const SCHEMES = new Set(TAX_SCHEMES);

type Raw = Record<string, unknown>;

function fail(where: string, what: string): never {
  throw new Error(`${SOURCE}: ${where}: ${what}`);
}

const strings = (value: unknown, where: string): string[] => {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
    fail(where, 'expected a list of strings');
  return value as string[];
};

const weighted = (value: unknown, where: string): Weighted<string>[] => {
  if (value === null || typeof value !== 'object') fail(where, 'expected a map of weights');
  const entries = Object.entries(value as Raw);
  if (entries.length === 0 || entries.some(([, weight]) => typeof weight !== 'number' || weight <= 0))
    fail(where, 'every weight must be a positive number');
  return entries.map(([key, weight]) => ({ value: key, weight: weight as number }));
};

function readCity(raw: unknown, country: Raw, where: string): SeedCity {
  if (!Array.isArray(raw) || raw.length < 3)
    fail(where, 'a city is [name, postal prefixes, area codes, {nsn, first, streets}?]');
  const [name, postal, areas, extra = {}] = raw as [string, string, string, Raw];
  const phone = country.phone as Raw;
  const nsn = (extra.nsn ?? phone.nsn) as number;
  const areaList = areas.split('|');
  if (areaList.some((area) => !/^\d+$/.test(area) || area.length >= nsn))
    fail(where, `bad area codes ${areas}`);
  const city: SeedCity = { name, postal: postal === '' ? [] : postal.split('|'), areas: areaList, nsn };
  if (extra.streets !== undefined) city.streets = strings(extra.streets, `${where} streets`);
  if (extra.first !== undefined) city.first = String(extra.first);
  return city;
}

function readCountry(raw: Raw): SeedCountry {
  const where = String(raw.code);
  if (!/^[A-Z]{2}$/.test(where)) fail(where, 'code must be ISO 3166-1 alpha-2');
  const phone = raw.phone as Raw;
  const tax = raw.tax as Raw | undefined;
  if (tax !== undefined && !SCHEMES.has(String(tax.scheme))) fail(where, `unknown tax scheme ${tax.scheme}`);
  const regions = (raw.regions as Raw[]).map((region) => ({
    name: String(region.name),
    ...(region.code === undefined ? {} : { code: String(region.code) }),
    ...(region.streets === undefined
      ? {}
      : { streets: strings(region.streets, `${where} ${region.name} streets`) }),
    cities: (region.cities as unknown[]).map((city, i) =>
      readCity(city, raw, `${where} ${region.name}[${i}]`),
    ),
  }));
  const country: SeedCountry = {
    code: where,
    name: String(raw.name),
    weight: Number(raw.weight),
    market: raw.market as SeedCountry['market'],
    currencies: weighted(raw.currencies, `${where} currencies`),
    tlds: weighted(raw.tlds, `${where} tlds`),
    legal: weighted(raw.legal, `${where} legal`),
    state: raw.state === true,
    letters: typeof raw.letters === 'string' ? raw.letters : 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
    phone: { cc: String(phone.cc), first: String(phone.first) },
    street: String(raw.street),
    streets: strings(raw.streets, `${where} streets`),
    line2: strings(raw.line2, `${where} line2`),
    firstNames: strings(raw.firstNames, `${where} firstNames`),
    lastNames: strings(raw.lastNames, `${where} lastNames`),
    regions,
  };
  if (typeof raw.postal === 'string') country.postal = raw.postal;
  if (tax !== undefined)
    country.tax = { key: String(tax.key), scheme: String(tax.scheme), share: Number(tax.share) };
  if (!['amer', 'emea', 'apac'].includes(country.market)) fail(where, 'market must be amer, emea or apac');
  if (
    country.regions.some((region) =>
      region.cities.some((city) => city.postal.length > 0 !== !!country.postal),
    )
  )
    fail(where, 'cities need postal prefixes exactly when the country has a postal pattern');
  return country;
}

/** The normalized table, from the YAML text. Pure. */
export function buildSeedData(yamlText: string): SeedData {
  const raw = parse(yamlText) as { common: Raw; countries: Raw[] };
  const countries = raw.countries.map(readCountry);
  const total = countries.reduce((sum, country) => sum + country.weight, 0);
  if (Math.abs(total - 100) > 1e-9) fail('countries', `weights add up to ${total}, not 100`);
  const common = raw.common;
  return {
    stems: strings(common.stems, 'stems'),
    stemEnds: strings(common.stemEnds, 'stemEnds'),
    industries: strings(common.industries, 'industries'),
    labels: strings(common.labels, 'labels'),
    countries,
  };
}

/** What each scheme's id is called and what checks it; the example comes from its generator. */
const TAX_FORMATS: Readonly<Record<string, string>> = {
  'in-gstin': 'GSTIN: state code, PAN, check character',
  'gb-vat': 'VAT number, mod-97 check',
  'de-vat': 'USt-IdNr., ISO 7064 check digit',
  'fr-vat': 'TVA: key and Luhn-checked SIREN',
  'nl-vat': 'btw-id, mod-11 check',
  'es-vat': 'NIF: CIF with province code and check digit',
  'ie-vat': 'VAT number, check letter',
  'se-vat': 'momsregistreringsnummer, Luhn check',
  'ch-vat': 'UID MWST, mod-11 check',
  'it-vat': 'partita IVA, Luhn check',
  'pl-vat': 'NIP, mod-11 check',
  'za-vat': 'VAT number',
  'il-vat': 'company number, Luhn check',
  'jp-invoice': 'invoice registration number, check digit',
  'au-abn': 'ABN, mod-89 check',
  'ca-gst': 'GST/HST number, Luhn check',
  'nz-gst': 'GST (IRD) number, mod-11 check',
  'br-cnpj': 'CNPJ, two check digits',
  'mx-rfc': 'RFC, check character',
  'sg-uen': 'UEN (GST registration), check letter',
  'ae-trn': 'TRN (no published check)',
};

function describeTax(country: SeedCountry): string {
  const { tax } = country;
  if (tax === undefined) return 'none';
  const format = TAX_FORMATS[tax.scheme];
  if (format === undefined) throw new Error(`TAX_FORMATS: describe ${tax.scheme}`);
  const faker = createSeedFaker();
  faker.seed(1);
  const code = country.regions.find((region) => region.code !== undefined)?.code;
  const example = seedTaxId(faker, tax.scheme, {
    initials: 'ABC',
    ...(code === undefined ? {} : { regionCode: code }),
  });
  return `\`${tax.key}\` ${Math.round(tax.share * 100)}%: ${format}, \`${example}\``;
}

/** The table of docs/seeded-data.md, between its `countries` markers. Pure. */
export function renderCountriesTable(data: SeedData): string {
  const percent = (weights: Weighted<string>[]) => {
    const total = weights.reduce((sum, w) => sum + w.weight, 0);
    return weights.map((w) =>
      weights.length === 1 ? w.value : `${w.value} ${Math.round((100 * w.weight) / total)}%`,
    );
  };
  const header = [
    'country',
    'customers',
    'invoice currencies',
    'state',
    'postal code',
    'phone',
    'tax id (metadata key, share, format)',
  ];
  const rows = data.countries.map((c) => [
    `${c.code} ${c.name}`,
    `${c.weight}%`,
    percent(c.currencies).join(', '),
    c.state ? 'yes' : 'no',
    c.postal === undefined ? 'none' : `\`${c.postal.replace('{p}', 'P')}\``,
    `+${c.phone.cc}`,
    describeTax(c),
  ]);
  // Padded as the formatter (Biome) pads Markdown tables, so the written file is already formatted.
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

export const DOC = fileURLToPath(new URL('../docs/seeded-data.md', import.meta.url));
const MARKERS = /(<!-- countries:start[^>]*-->\n)[\s\S]*?(<!-- countries:end -->)/;

/** docs/seeded-data.md with its country table rewritten from the YAML. */
export function renderSeededDataDoc(docText: string, yamlText = readFileSync(SOURCE, 'utf8')): string {
  if (!MARKERS.test(docText)) throw new Error(`${DOC}: no <!-- countries:start --> … <!-- countries:end -->`);
  return docText.replace(
    MARKERS,
    (_, start, end) => `${start}${renderCountriesTable(buildSeedData(yamlText))}\n${end}`,
  );
}

export function renderSeedCountriesModule(yamlText = readFileSync(SOURCE, 'utf8')): string {
  return [
    '// Generated by scripts/build-seed-countries.ts from scripts/seed-data/countries.yaml: do not edit.',
    `export const SEED_COUNTRIES_JSON = ${JSON.stringify(JSON.stringify(buildSeedData(yamlText)))};`,
    '',
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(GENERATED, renderSeedCountriesModule());
  writeFileSync(DOC, renderSeededDataDoc(readFileSync(DOC, 'utf8')));
  console.log(`wrote ${GENERATED} and the table of ${DOC}`);
}
