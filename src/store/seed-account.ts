import { entitySeed, togaiId } from './ids.ts';
import { type AccountRecord, buildAccountRecord, FOREVER } from './records.ts';
import { wordsOf } from './seed-company.ts';
import {
  type Place,
  pickCountry,
  pickPlace,
  type SeedCountry,
  seedAddress,
  seedData,
} from './seed-country.ts';
import { type SeedOwner, seedPersonEmail } from './seed-customer.ts';
import { type Faker, seededInstant, withSeededFaker } from './seed-faker.ts';
import { seedSettings, seedTags } from './seed-options.ts';
import { seedTaxId } from './seed-tax-ids.ts';
import type { AccountAlias, AccountStatus } from './types.ts';

const ACCOUNT_KIND = 1;
const TAX_KIND = 6;
const NET_TERMS = [
  { weight: 50, value: 30 },
  { weight: 15, value: 15 },
  { weight: 10, value: 45 },
  { weight: 10, value: 60 },
  { weight: 5, value: 0 },
  { weight: 5, value: 7 },
  { weight: 5, value: 90 },
];
const STATUSES: { weight: number; value: AccountStatus }[] = [
  { weight: 80, value: 'ACTIVE' },
  { weight: 12, value: 'DRAFT' },
  { weight: 8, value: 'ARCHIVED' },
];

/** Where an account sits among its customer's: its ordinal, and how many the customer has. */
export interface AccountSlot {
  ordinal: number;
  of: number;
}

/** "Payments", "Payments 2"…: unique among the customer's accounts; none for the first one. */
function labelOf(owner: SeedOwner, ordinal: number): string | undefined {
  if (ordinal === 0) return undefined;
  const { labels } = seedData();
  const turn = (owner.index * 7 + ordinal - 1) % labels.length;
  const round = Math.floor((ordinal - 1) / labels.length);
  return `${labels[turn]}${round > 0 ? ` ${round + 1}` : ''}`;
}

/** Small, mid-market or enterprise by how many accounts the customer runs, and a fitting plan. */
function segmentOf(faker: Faker, accounts: number): Record<string, string> {
  const segment = accounts <= 2 ? 'smb' : accounts <= 10 ? 'mid-market' : 'enterprise';
  const plans = {
    smb: ['starter', 'growth'],
    'mid-market': ['growth', 'scale'],
    enterprise: ['scale', 'enterprise'],
  };
  return { plan: faker.helpers.arrayElement(plans[segment]), segment };
}

/**
 * The customer's tax id in `country`, the same on all its accounts there: drawn from (seed,
 * customer, country) alone. A region code in it is the one the company registered in (its
 * headquarters', or the country's first region for a subsidiary abroad), except in India, where
 * a company has one GSTIN a state: same PAN, the account's state.
 */
function taxIdOf(seeder: Faker, seed: number, owner: SeedOwner, place: Place): Record<string, string> {
  const { tax } = place.country;
  if (tax === undefined) return {};
  const countryIndex = seedData().countries.indexOf(place.country);
  const registered =
    tax.scheme === 'in-gstin'
      ? place.region
      : owner.place.country === place.country
        ? owner.place.region
        : place.country.regions[0];
  return withSeededFaker(seeder, entitySeed(seed, TAX_KIND, owner.index * 64 + countryIndex), (faker) =>
    faker.datatype.boolean({ probability: tax.share })
      ? {
          [tax.key]: seedTaxId(faker, tax.scheme, {
            initials: owner.company.initials,
            ...(registered?.code === undefined ? {} : { regionCode: registered.code }),
          }),
        }
      : {},
  );
}

/**
 * A UUIDv7 (RFC 9562): the creation time's milliseconds, then random bits. Alias ids then sort
 * in the order the aliases were added, so `account_aliases` (by id) lists them as the account's
 * `aliases` shows them, and a recording replays them in that order.
 */
function timeOrderedUuid(faker: Faker, at: string): string {
  const time = Date.parse(at).toString(16).padStart(12, '0');
  const random = faker.string.hexadecimal({ length: 19, casing: 'lower', prefix: '' });
  const variant = '89ab'[faker.number.int(3)];
  return `${time.slice(0, 8)}-${time.slice(8)}-7${random.slice(0, 3)}-${variant}${random.slice(3, 6)}-${random.slice(6, 18)}`;
}

/**
 * 0–3 aliases, each unique in the whole data set by construction: the account's billing
 * address (unique domain, unique label), a CRM key carrying the account id's unique head, or
 * the customer's id with the label.
 */
function seedAliases(
  faker: Faker,
  accountId: string,
  owner: SeedOwner,
  email: string,
  label: string | undefined,
) {
  const kinds = faker.helpers.arrayElements(['email', 'crm', 'slug'] as const, { min: 0, max: 3 });
  const createdDays = faker.number.float({ min: 120, max: 600, fractionDigits: 4 });
  const aliases: AccountAlias[] = [];
  for (const kind of kinds) {
    const value =
      kind === 'email'
        ? email
        : kind === 'crm'
          ? `crm-${accountId.slice(0, 10).toLowerCase()}`
          : [owner.customer.id.toLowerCase().replace(/_/g, '-'), ...wordsOf(label ?? 'main')].join('-');
    if (value.length > 50) continue;
    const at = seededInstant(createdDays + aliases.length);
    aliases.push({
      id: timeOrderedUuid(faker, at),
      value,
      effectiveFrom: at,
      effectiveUntil: FOREVER,
      createdAt: at,
    });
  }
  return aliases;
}

/** The account's country: its customer's, but a fifth of a customer's other accounts are abroad. */
function placeOf(faker: Faker, owner: SeedOwner, ordinal: number): Place {
  if (ordinal === 0) return owner.place;
  const country: SeedCountry = faker.datatype.boolean({ probability: 0.8 })
    ? owner.place.country
    : pickCountry(faker);
  return pickPlace(faker, country);
}

/** Seeded account `index`, owned by `owner`: the same record whatever order accounts are built in. */
export function seedAccount(
  seeder: Faker,
  seed: number,
  index: number,
  accountId: string,
  owner: SeedOwner,
  slot: AccountSlot,
): AccountRecord {
  const s = entitySeed(seed, ACCOUNT_KIND, index);
  const { fields, aliases, place } = withSeededFaker(seeder, s, (faker) => {
    const label = labelOf(owner, slot.ordinal);
    const place = placeOf(faker, owner, slot.ordinal);
    const { domain } = owner;
    const email = label === undefined ? `billing@${domain}` : `billing+${wordsOf(label).join('-')}@${domain}`;
    const address = slot.ordinal === 0 ? owner.customer.address : seedAddress(faker, place);
    const currency = faker.helpers.weightedArrayElement(place.country.currencies);
    const fields: Parameters<typeof buildAccountRecord>[0] = {
      id: accountId,
      togaiAccountId: togaiId('account', s, entitySeed(seed, ACCOUNT_KIND + 100, index)),
      customerId: owner.customer.id,
      togaiCustomerId: owner.customer.togaiCustomerId,
      name: label === undefined ? owner.company.shortName : `${owner.company.shortName} - ${label}`,
      status: faker.helpers.weightedArrayElement(STATUSES),
      invoiceCurrency: currency,
      netTermDays: faker.helpers.weightedArrayElement(NET_TERMS),
      address,
      primaryEmail: email,
      metadata: segmentOf(faker, slot.of),
      tags: seedTags(faker, place.country.market),
    };
    if (faker.datatype.boolean({ probability: 0.3 })) {
      fields.billingInformation = {
        emailRecipients: [seedPersonEmail(faker, place, domain)],
        additionalEmailRecipients: faker.datatype.boolean() ? [`finance@${domain}`] : [],
      };
    }
    if (faker.datatype.boolean({ probability: 0.2 })) fields.settings = seedSettings(faker);
    if (faker.datatype.boolean({ probability: 0.1 })) {
      fields.invoiceGroupDetails = {
        id: `ig.${faker.string.alphanumeric({ length: 10, casing: 'lower' })}`,
        name: `${owner.company.shortName} invoices`,
        email: `invoices@${domain}`,
        dailyInvoiceConsolidation: faker.datatype.boolean(),
        invoiceCurrency: currency,
        billingAddress: address,
        netTermDays: faker.helpers.weightedArrayElement(NET_TERMS),
      };
    }
    return { fields, aliases: seedAliases(faker, accountId, owner, email, label), place };
  });
  // Drawn last, from its own seed: the same id on every account of this customer in this country.
  fields.metadata = { ...fields.metadata, ...taxIdOf(seeder, seed, owner, place) };
  return buildAccountRecord(fields, aliases);
}
