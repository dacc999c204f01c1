import { entitySeed, togaiId } from './ids.ts';
import { type AccountRecord, buildAccountRecord, FOREVER } from './records.ts';
import { seedAddress } from './seed-customer.ts';
import { type Faker, fitLength, seededInstant, withSeededFaker } from './seed-faker.ts';
import type { AccountAlias, AccountStatus, Customer, Setting } from './types.ts';

const ACCOUNT_KIND = 1;
const CURRENCIES = [
  'USD',
  'EUR',
  'GBP',
  'INR',
  'JPY',
  'AUD',
  'CAD',
  'SGD',
  'CHF',
  'SEK',
  'BRL',
  'ZAR',
] as const;
const NET_TERMS = [0, 7, 15, 30, 45, 60, 90] as const;
const TAGS = [
  'enterprise',
  'smb',
  'startup',
  'priority',
  'trial',
  'annual',
  'monthly',
  'usage-based',
  'partner',
  'emea',
  'apac',
  'amer',
  'self-serve',
  'invoiced',
] as const;
const PLANS = ['starter', 'growth', 'scale', 'enterprise'] as const;
const STATUSES: { weight: number; value: AccountStatus }[] = [
  { weight: 80, value: 'ACTIVE' },
  { weight: 12, value: 'DRAFT' },
  { weight: 8, value: 'ARCHIVED' },
];

/** Everything the seeder needs to know about the owner, without generating it again. */
export type SeedOwner = Pick<Customer, 'id' | 'togaiCustomerId' | 'name' | 'primaryEmail'>;

function seedAliases(faker: Faker, domain: string, createdDays: number): AccountAlias[] {
  const count = faker.number.int({ min: 0, max: 3 });
  const aliases: AccountAlias[] = [];
  const values = new Set<string>();
  for (let i = 0; i < count; i++) {
    const kind = faker.number.int({ min: 0, max: 2 });
    const raw =
      kind === 0
        ? faker.internet.email({ provider: domain })
        : kind === 1
          ? faker.phone.number({ style: 'international' })
          : `${faker.internet.username().toLowerCase()}-${faker.string.numeric(4)}`;
    const value = fitLength(raw, 3, 50);
    const at = seededInstant(createdDays + i);
    const id = faker.string.uuid();
    if (values.has(value)) continue;
    values.add(value);
    aliases.push({ id, value, effectiveFrom: at, effectiveUntil: FOREVER, createdAt: at });
  }
  return aliases;
}

function seedSettings(faker: Faker): Setting[] {
  return faker.helpers.arrayElements(
    [
      {
        id: 'invoice.autoFinalize',
        value: 'true',
        namespace: 'USER',
        name: 'Auto-finalize invoices',
        dataType: 'STRING',
      },
      {
        id: 'invoice.dueReminderDays',
        value: String(faker.number.int({ min: 1, max: 14 })),
        namespace: 'USER',
        name: 'Due reminder days',
        dataType: 'NUMERIC',
      },
      {
        id: 'usage.rounding',
        value: '{"mode":"HALF_UP","scale":2}',
        namespace: 'USER',
        name: 'Usage rounding',
        dataType: 'JSON',
      },
    ] satisfies Setting[],
    { min: 1, max: 3 },
  );
}

/** Seeded account `index`, owned by `owner`: the same record whatever order accounts are built in. */
export function seedAccount(
  seeder: Faker,
  seed: number,
  index: number,
  accountId: string,
  owner: SeedOwner,
): AccountRecord {
  const s = entitySeed(seed, ACCOUNT_KIND, index);
  return withSeededFaker(seeder, s, (faker) => {
    const domain = owner.primaryEmail.split('@')[1] ?? 'example.com';
    const label = faker.helpers.arrayElement([
      faker.commerce.department(),
      faker.location.city(),
      faker.company.buzzNoun(),
    ]);
    const createdDays = faker.number.float({ min: 120, max: 600, fractionDigits: 4 });
    const currency = faker.helpers.arrayElement(CURRENCIES);
    const fields: Parameters<typeof buildAccountRecord>[0] = {
      id: accountId,
      togaiAccountId: togaiId('account', s, entitySeed(seed, ACCOUNT_KIND + 100, index)),
      customerId: owner.id,
      togaiCustomerId: owner.togaiCustomerId,
      name: fitLength(`${owner.name} - ${label} ${index + 1}`, 3, 255),
      status: faker.helpers.weightedArrayElement(STATUSES),
      invoiceCurrency: currency,
      netTermDays: faker.helpers.arrayElement(NET_TERMS),
      address: seedAddress(faker),
      primaryEmail: faker.internet.email({ provider: domain }).slice(0, 320),
      metadata: { plan: faker.helpers.arrayElement(PLANS), region: faker.location.countryCode('alpha-2') },
      tags: faker.helpers.arrayElements(TAGS, { min: 0, max: 3 }),
    };
    if (faker.datatype.boolean({ probability: 0.2 }))
      fields.metadata = {
        ...fields.metadata,
        gstn: faker.string.alphanumeric({ length: 15, casing: 'upper' }),
      };
    if (faker.datatype.boolean({ probability: 0.3 })) {
      fields.billingInformation = {
        emailRecipients: [faker.internet.email({ provider: domain })],
        additionalEmailRecipients: faker.datatype.boolean()
          ? [faker.internet.email({ provider: domain })]
          : [],
      };
    }
    if (faker.datatype.boolean({ probability: 0.2 })) fields.settings = seedSettings(faker);
    if (faker.datatype.boolean({ probability: 0.1 })) {
      fields.invoiceGroupDetails = {
        id: `ig.${faker.string.alphanumeric({ length: 10, casing: 'lower' })}`,
        name: `${owner.name} invoices`,
        email: `billing@${domain}`,
        dailyInvoiceConsolidation: faker.datatype.boolean(),
        invoiceCurrency: currency,
        billingAddress: seedAddress(faker),
        netTermDays: faker.helpers.arrayElement(NET_TERMS),
      };
    }
    return buildAccountRecord(fields, seedAliases(faker, domain, createdDays));
  });
}
