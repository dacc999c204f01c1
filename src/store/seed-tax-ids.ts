import type { Faker } from './seed-faker.ts';

/**
 * Company tax ids in each country's published format, with valid check digits where the format
 * has them (the algorithms are the issuers' public ones; test/store/seed-realism.test.ts checks
 * every generated id with the independent `stdnum` library). One generator a scheme of the
 * country table; `regionCode` is the region's code where the id carries it (India's GST state,
 * Spain's province), `initials` the company's initials where the id carries them.
 */
export interface TaxIdContext {
  regionCode?: string;
  initials: string;
}

type Generator = (faker: Faker, context: TaxIdContext) => string;

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

const numbers = (text: string): number[] => Array.from(text, Number);
const weighted = (text: string, weights: readonly number[]): number =>
  numbers(text).reduce((sum, digit, i) => sum + digit * (weights[i] ?? 0), 0);
/** `count` digits, the first one not 0. */
const leading = (faker: Faker, count: number): string =>
  `${faker.number.int({ min: 1, max: 9 })}${faker.string.numeric(count - 1)}`;

/** The digit that makes `body + digit` pass the Luhn check. */
function luhnDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let digit = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return String((10 - (sum % 10)) % 10);
}

/** Draws until `draw` returns an id (schemes whose check digit can come out as an impossible 10). */
function until(faker: Faker, draw: (faker: Faker) => string | undefined): string {
  for (;;) {
    const value = draw(faker);
    if (value !== undefined) return value;
  }
}

function gstin(faker: Faker, { regionCode = '27', initials }: TaxIdContext): string {
  // PAN: 3 letters, C (a company), the name's initial, 4 digits (not 0000), a letter.
  const pan = `${faker.string.alpha({ length: 3, casing: 'upper' })}C${initials[0] ?? 'A'}${faker.number.int({ min: 1, max: 9999 }).toString().padStart(4, '0')}${faker.string.alpha({ length: 1, casing: 'upper' })}`;
  const body = `${regionCode}${pan}1Z`;
  const sum = Array.from(body).reduce((total, char, i) => {
    const product = ALNUM.indexOf(char) * (i % 2 === 1 ? 2 : 1);
    return total + Math.floor(product / 36) + (product % 36);
  }, 0);
  return `${body}${ALNUM[(36 - (sum % 36)) % 36]}`;
}

function ukVat(faker: Faker): string {
  const body = leading(faker, 7);
  const check = (97 - (weighted(body, [8, 7, 6, 5, 4, 3, 2]) % 97)) % 97;
  return `GB${body}${String(check).padStart(2, '0')}`;
}

function germanVat(faker: Faker): string {
  const body = leading(faker, 8);
  let product = 10;
  for (const digit of numbers(body)) {
    const sum = (digit + product) % 10 || 10;
    product = (2 * sum) % 11;
  }
  return `DE${body}${(11 - product) % 10}`;
}

function frenchVat(faker: Faker): string {
  const base = leading(faker, 8);
  const siren = `${base}${luhnDigit(base)}`;
  const key = (12 + 3 * (Number(siren) % 97)) % 97;
  return `FR${String(key).padStart(2, '0')}${siren}`;
}

const dutchVat: Generator = (faker) =>
  until(faker, () => {
    const body = leading(faker, 8);
    const check = weighted(body, [9, 8, 7, 6, 5, 4, 3, 2]) % 11;
    return check === 10 ? undefined : `NL${body}${check}B01`;
  });

function spanishVat(faker: Faker, { regionCode }: TaxIdContext): string {
  const body = `${regionCode ?? faker.string.numeric(2)}${faker.string.numeric(5)}`;
  return `ESB${body}${luhnDigit(body)}`;
}

function irishVat(faker: Faker): string {
  const body = leading(faker, 7);
  return `IE${body}${'WABCDEFGHIJKLMNOPQRSTUV'[weighted(body, [8, 7, 6, 5, 4, 3, 2]) % 23]}`;
}

function swedishVat(faker: Faker): string {
  // Aktiebolag organisation numbers start 556 or 559.
  const body = `55${faker.helpers.arrayElement(['6', '9'])}${faker.string.numeric(6)}`;
  return `SE${body}${luhnDigit(body)}01`;
}

const swissVat: Generator = (faker) =>
  until(faker, () => {
    const body = leading(faker, 8);
    const check = (11 - (weighted(body, [5, 4, 3, 2, 7, 6, 5, 4]) % 11)) % 11;
    if (check === 10) return undefined;
    const digits = `${body}${check}`;
    return `CHE-${digits.slice(0, 3)}.${digits.slice(3, 6)}.${digits.slice(6)} MWST`;
  });

function italianVat(faker: Faker): string {
  // Seven digits, then the issuing office (001–100), then the Luhn check.
  const body = `${leading(faker, 7)}${String(faker.number.int({ min: 1, max: 100 })).padStart(3, '0')}`;
  return `IT${body}${luhnDigit(body)}`;
}

const polishVat: Generator = (faker) =>
  until(faker, () => {
    const body = leading(faker, 9);
    const check = weighted(body, [6, 5, 7, 2, 3, 4, 5, 6, 7]) % 11;
    return check === 10 ? undefined : `PL${body}${check}`;
  });

function israeliVat(faker: Faker): string {
  const body = `51${faker.string.numeric(6)}`;
  return `${body.slice(0, 2)}-${body.slice(2)}-${luhnDigit(body)}`;
}

function japaneseInvoice(faker: Faker): string {
  const body = leading(faker, 12);
  const sum = Array.from(body)
    .reverse()
    .reduce((total, digit, i) => (total + Number(digit) * (i % 2 === 0 ? 1 : 2)) % 9, 0);
  return `T${9 - sum}${body}`;
}

function australianAbn(faker: Faker): string {
  const rest = faker.string.numeric(9);
  // The leading pair N (11–99) satisfies N - 10 + sum ≡ 0 (mod 89); of 10 and 99 the ATO issues 99.
  const abn = `${11 + ((177 - (weighted(rest, [3, 5, 7, 9, 11, 13, 15, 17, 19]) % 89)) % 89)}${rest}`;
  return `${abn.slice(0, 2)} ${abn.slice(2, 5)} ${abn.slice(5, 8)} ${abn.slice(8)}`;
}

function canadianGst(faker: Faker): string {
  const body = leading(faker, 8);
  return `${body}${luhnDigit(body)} RT0001`;
}

const newZealandGst: Generator = (faker) =>
  until(faker, () => {
    const body = `1${faker.number.int({ min: 0, max: 4 })}${faker.string.numeric(6)}`;
    let check = (11 - (weighted(body, [3, 2, 7, 6, 5, 4, 3, 2]) % 11)) % 11;
    if (check === 10) check = (11 - (weighted(body, [7, 4, 3, 2, 5, 2, 7, 6]) % 11)) % 11;
    if (check === 10) return undefined;
    const digits = `${body}${check}`;
    return `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`;
  });

function brazilianCnpj(faker: Faker): string {
  const digit = (text: string): number => {
    const sum = numbers(text).reduce((total, d, i) => total + d * (((text.length - 1 - i) % 8) + 2), 0);
    return sum % 11 < 2 ? 0 : 11 - (sum % 11);
  };
  const base = `${leading(faker, 8)}0001`;
  const first = `${base}${digit(base)}`;
  const all = `${first}${digit(first)}`;
  return `${all.slice(0, 2)}.${all.slice(2, 5)}.${all.slice(5, 8)}/${all.slice(8, 12)}-${all.slice(12)}`;
}

function mexicanRfc(faker: Faker, { initials }: TaxIdContext): string {
  const letters = initials.padEnd(3, 'X').slice(0, 3);
  const day = faker.date.between({ from: Date.UTC(2001, 0, 1), to: Date.UTC(2020, 11, 31) });
  const date = day.toISOString().slice(2, 10).replace(/-/g, '');
  const homoclave = `${faker.helpers.arrayElement([...'123456789ABCDEFGHIJKLMNOPQRSTUV'])}${faker.helpers.arrayElement([...'123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'])}`;
  const front = ` ${letters}${date}${homoclave}`;
  const alphabet = '0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ';
  const sum = Array.from(front).reduce((total, char, i) => total + alphabet.indexOf(char) * (13 - i), 0);
  const check = 11 - (sum % 11);
  return `${front.trim()}${check === 11 ? '0' : check === 10 ? 'A' : String(check)}`;
}

function singaporeUen(faker: Faker): string {
  const body = `${faker.number.int({ min: 2005, max: 2021 })}${faker.string.numeric(5)}`;
  return `${body}${'ZKCMDNERGWH'[weighted(body, [10, 8, 6, 4, 9, 7, 5, 3, 1]) % 11]}`;
}

const GENERATORS: Readonly<Record<string, Generator>> = {
  'in-gstin': gstin,
  'gb-vat': ukVat,
  'de-vat': germanVat,
  'fr-vat': frenchVat,
  'nl-vat': dutchVat,
  'es-vat': spanishVat,
  'ie-vat': irishVat,
  'se-vat': swedishVat,
  'ch-vat': swissVat,
  'it-vat': italianVat,
  'pl-vat': polishVat,
  'za-vat': (faker) => `4${faker.string.numeric(9)}`,
  'il-vat': israeliVat,
  'jp-invoice': japaneseInvoice,
  'au-abn': australianAbn,
  'ca-gst': canadianGst,
  'nz-gst': newZealandGst,
  'br-cnpj': brazilianCnpj,
  'mx-rfc': mexicanRfc,
  'sg-uen': singaporeUen,
  // The UAE publishes no check digit for its 15-digit TRN, which starts 100.
  'ae-trn': (faker) => `100${faker.string.numeric(12)}`,
};

export const TAX_SCHEMES: readonly string[] = Object.keys(GENERATORS);

export function seedTaxId(faker: Faker, scheme: string, context: TaxIdContext): string {
  const generate = GENERATORS[scheme];
  if (generate === undefined) throw new Error(`no tax id generator for ${scheme}`);
  return generate(faker, context);
}
