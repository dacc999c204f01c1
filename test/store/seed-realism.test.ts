import { beforeAll, describe, expect, it } from 'vitest';
import { createAccountStore } from '../../src/store/account-store.ts';
import { createBaseline } from '../../src/store/baseline.ts';
import { wordsOf } from '../../src/store/seed-company.ts';
import { type SeedCountry, seedData } from '../../src/store/seed-country.ts';
import { EXAMPLE_ACCOUNTS, EXAMPLE_CUSTOMERS } from '../../src/store/seed-examples.ts';
import type { Account, Customer } from '../../src/store/types.ts';
import { judgeAddress, judgeTaxId, TAX_JUDGED_SCHEMES } from './realism-judges.ts';

// The data set docs/seeded-data.md describes its figures on: 10,000 accounts of 3,000 customers.
const ACCOUNTS = 10_000;
const CUSTOMERS = 3_000;

const countries = new Map(seedData().countries.map((country) => [country.code, country]));
const taxKeys = new Set(seedData().countries.flatMap((country) => (country.tax ? [country.tax.key] : [])));
const exampleAccountIds = new Set(EXAMPLE_ACCOUNTS.map((example) => example.record.account.id));
const exampleCustomerIds = new Set(EXAMPLE_CUSTOMERS.map((customer) => customer.id));

let accounts: Account[];
let customers: Customer[];
let byCustomer: Map<string, Customer>;

beforeAll(() => {
  const store = createAccountStore(createBaseline({ seed: 1, accounts: ACCOUNTS, customers: CUSTOMERS }));
  accounts = store.listAccounts({ order: 'ASC', limit: ACCOUNTS }).items;
  customers = store.listCustomers({ order: 'ASC', limit: CUSTOMERS }).items;
  byCustomer = new Map(customers.map((customer) => [customer.id, customer]));
});

const countryOf = (address: { country?: string } | undefined): SeedCountry | undefined =>
  countries.get(address?.country ?? '');
const generated = <T extends { id: string }>(items: T[], examples: Set<string>): T[] =>
  items.filter((item) => !examples.has(item.id));
/** The share of `items` for which `test` holds. */
const share = <T>(items: readonly T[], test: (item: T) => boolean): number =>
  items.filter(test).length / items.length;

describe('seeded data a demo audience believes (10,000 accounts, 3,000 customers)', () => {
  it('seeds the whole data set, the published examples included', () => {
    expect(accounts).toHaveLength(ACCOUNTS);
    expect(customers).toHaveLength(CUSTOMERS);
    for (const id of exampleAccountIds) expect(accounts.some((account) => account.id === id)).toBe(true);
  });

  it('has 0 incoherent country, state, city, postal code and phone combinations', () => {
    const problems = [
      ...customers.flatMap((c) => judgeAddress(c.address, countryOf(c.address)).map((p) => `${c.id}: ${p}`)),
      ...accounts.flatMap((a) =>
        judgeAddress(a.address ?? {}, countryOf(a.address)).map((p) => `${a.id}: ${p}`),
      ),
      ...accounts.flatMap((a) =>
        a.invoiceGroupDetails
          ? judgeAddress(
              a.invoiceGroupDetails.billingAddress,
              countryOf(a.invoiceGroupDetails.billingAddress),
            )
          : [],
      ),
    ];
    expect(problems).toEqual([]);
  });

  it('invoices every account in a currency used in its country', () => {
    const wrong = accounts.filter((account) => {
      const used = countryOf(account.address)?.currencies.map((currency) => currency.value) ?? [];
      const group = account.invoiceGroupDetails?.invoiceCurrency ?? account.invoiceCurrency;
      return !used.includes(account.invoiceCurrency ?? '') || group !== account.invoiceCurrency;
    });
    expect(
      wrong.map((account) => `${account.id} ${account.address?.country} ${account.invoiceCurrency}`),
    ).toEqual([]);
  });

  it('has 0 tax ids in the wrong country or format, and tax ids where the country has them', () => {
    const wrong: string[] = [];
    for (const account of accounts) {
      const country = countryOf(account.address);
      for (const [key, value] of Object.entries(account.metadata ?? {})) {
        if (!taxKeys.has(key)) continue;
        if (country?.tax?.key !== key) wrong.push(`${account.id}: ${key} in ${country?.code}`);
        else if (!judgeTaxId(country.tax.scheme, value)) wrong.push(`${account.id}: ${key} ${value}`);
        else if (country.code === 'IN' && value.slice(0, 2) !== region(country, account.address?.state)?.code)
          wrong.push(`${account.id}: GSTIN ${value} of another state than ${account.address?.state}`);
      }
    }
    expect(wrong).toEqual([]);
    const taxed = accounts.filter((account) => countryOf(account.address)?.tax !== undefined);
    const withId = share(taxed, (a) => Object.keys(a.metadata ?? {}).some((key) => taxKeys.has(key)));
    expect(withId).toBeGreaterThan(0.65);
    expect(withId).toBeLessThan(0.95);
    const schemes = new Set(taxed.map((account) => countryOf(account.address)?.tax?.scheme));
    for (const scheme of schemes) expect(TAX_JUDGED_SCHEMES).toContain(scheme);
  });

  it("gives a customer's accounts in one country one tax id", () => {
    const ids = new Map<string, Set<string>>();
    for (const account of accounts)
      for (const [key, value] of Object.entries(account.metadata ?? {}))
        if (taxKeys.has(key) && key !== 'gstn') {
          const at = `${account.customerId} ${account.address?.country}`;
          ids.set(at, (ids.get(at) ?? new Set()).add(value));
        }
    expect([...ids.entries()].filter(([, values]) => values.size > 1)).toEqual([]);
  });

  it('spreads accounts over customers as docs/seeded-data.md says: most own 1 to 3, a few many', () => {
    const owned = new Map(customers.map((customer) => [customer.id, 0]));
    for (const account of accounts) owned.set(account.customerId, (owned.get(account.customerId) ?? 0) + 1);
    const counts = [...generated(customers, exampleCustomerIds)].map((c) => owned.get(c.id) ?? 0);
    expect(share(counts, (n) => n === 1)).toBeGreaterThanOrEqual(0.38);
    expect(share(counts, (n) => n === 1)).toBeLessThanOrEqual(0.55);
    expect(share(counts, (n) => n >= 1 && n <= 3)).toBeGreaterThanOrEqual(0.72);
    expect(share(counts, (n) => n >= 11)).toBeGreaterThanOrEqual(0.02);
    expect(share(counts, (n) => n >= 11)).toBeLessThanOrEqual(0.08);
    expect(Math.max(...counts)).toBeGreaterThanOrEqual(26);
    expect(Math.min(...counts)).toBe(1);
  });

  it('draws countries by weight, each share within three standard errors of it', () => {
    const generatedCustomers = generated(customers, exampleCustomerIds);
    const n = generatedCustomers.length;
    for (const country of seedData().countries) {
      const weight = country.weight / 100;
      const tolerance = 3 * Math.sqrt((weight * (1 - weight)) / n);
      const ofCustomers = share(generatedCustomers, (c) => c.address.country === country.code);
      const ofAccounts = share(
        generated(accounts, exampleAccountIds),
        (a) => a.address?.country === country.code,
      );
      expect({ country: country.code, share: ofCustomers }).toEqual({
        country: country.code,
        share: expect.closeTo(weight, -Math.log10(2 * tolerance)),
      });
      // Accounts follow their customers' countries (a fifth of the others abroad): same weights,
      // but clustered by customer, so twice the tolerance.
      expect(Math.abs(ofAccounts - weight)).toBeLessThanOrEqual(2 * tolerance);
    }
  });

  it('never cuts a word: ids, names and email domains are whole words of the company name', () => {
    const labels = new Set(seedData().labels.map((label) => label.toLowerCase()));
    const owned = new Map<string, Account[]>();
    for (const account of accounts)
      owned.set(account.customerId, [...(owned.get(account.customerId) ?? []), account]);
    const wrong: string[] = [];
    for (const customer of generated(customers, exampleCustomerIds)) {
      const legal = countryOf(customer.address)?.legal.map((form) => form.value) ?? [];
      const form = legal.find((suffix) => customer.name.endsWith(` ${suffix}`));
      const short = form === undefined ? '' : customer.name.slice(0, -form.length - 1);
      const words = wordsOf(short);
      if (form === undefined) wrong.push(`${customer.name}: no legal form of its country`);
      if (!new RegExp(`^${words.join('_').toUpperCase()}_\\d+$`).test(customer.id))
        wrong.push(`${customer.id}: not the words of ${short}`);
      const host = customer.primaryEmail.split('@')[1] ?? '';
      const label = (host.split('.')[0] ?? '').replace(/^get/, '').replace(/(hq|\d+)$/, '');
      if (label !== words.join('') && label !== words.join('-'))
        wrong.push(`${host}: not the words of ${short}`);
      for (const account of owned.get(customer.id) ?? []) {
        const [name, rest] = account.name.split(' - ');
        const suffix = rest?.toLowerCase().replace(/ \d+$/, '');
        if (name !== short || (rest !== undefined && !labels.has(suffix ?? '')))
          wrong.push(`${account.name}: not "${short}" or "${short} - <label>"`);
        if (!account.primaryEmail?.endsWith(`@${host}`)) wrong.push(`${account.primaryEmail} not at ${host}`);
      }
    }
    expect(wrong.slice(0, 20)).toEqual([]);
  });

  it('gives every alias a value no other account has', () => {
    const values = accounts.flatMap((account) => (account.aliases ?? []).map((alias) => alias.alias));
    expect(values.length).toBeGreaterThan(ACCOUNTS / 2);
    expect(values.length - new Set(values).size).toBe(0);
  });

  it("tags an account with its own sales region only, and names its customer's plan by size", () => {
    const markets = new Set(['amer', 'emea', 'apac']);
    const wrong = accounts.filter((account) =>
      (account.tags ?? []).some((tag) => markets.has(tag) && tag !== countryOf(account.address)?.market),
    );
    expect(wrong.map((a) => `${a.id} ${a.address?.country} ${a.tags}`)).toEqual([]);
    const unsegmented = generated(accounts, exampleAccountIds).filter(
      (account) =>
        !byCustomer.has(account.customerId) ||
        !/^(smb|mid-market|enterprise)$/.test(account.metadata?.segment ?? ''),
    );
    expect(unsegmented).toEqual([]);
  });
});

function region(country: SeedCountry, name: string | undefined) {
  return country.regions.find((candidate) => candidate.name === name);
}
