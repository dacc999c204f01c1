import { togaiIdFor } from './ids.ts';
import { type AccountRecord, buildAccountRecord, FOREVER } from './records.ts';
import { formatAddress } from './seed-country.ts';
import type { AccountAlias, Address, Customer, Setting } from './types.ts';

/**
 * The records that Togai's published examples (tags Accounts, Customers and Aliases) name, so
 * that each example request, and each "Try it out" on /docs, finds them: the same in every
 * baseline that has room for them (see `EXAMPLES_NEED`), whatever the seed. Field values are the
 * examples' own where they are valid; where the examples contradict each other or the data's
 * rules, the choice is written beside it. docs/seeded-data.md lists them.
 */

/**
 * A baseline holds the examples when it has at least this many customers and accounts: in a
 * smaller one the five example customers would crowd out the generated ones.
 */
export const EXAMPLES_NEED = { customers: 20, accounts: 3 } as const;

const AT = '2020-01-01T10:10:22.000Z';

// The examples' address, with a Florence, SC number instead of their Indian mobile (+919876543210):
// a US address with a +91 phone is what the seeding promises never to produce.
const FLORENCE: Address = {
  phoneNumber: '+18436620142',
  line1: '2281 Broadway Street',
  line2: 'G-31',
  postalCode: '29501',
  city: 'Florence',
  state: 'South Carolina',
  country: 'US',
};

const customer = (
  id: string,
  name: string,
  primaryEmail: string,
  address: Address,
  togai?: string,
): Customer => ({
  id,
  togaiCustomerId: togai ?? togaiIdFor('customer', id),
  name,
  primaryEmail,
  billingAddress: formatAddress(address),
  address,
  status: 'ACTIVE',
  createdAt: AT,
  updatedAt: AT,
});

/** In seeding order: the accounts below name their owner by position here. */
export const EXAMPLE_CUSTOMERS: readonly Customer[] = [
  // CreateCustomerRequest, Customer and CustomerPaginatedResponse examples.
  customer(
    '01BX5ZZKBKACTAV9WEVGEMMVRZ',
    'ACME Enterprise',
    'admin@example.com',
    FLORENCE,
    'customer.dsvvre314.dcs314',
  ),
  // The Account schema's and the account list example's `customerId`; our spec's create example.
  customer('ACME_CUSTOMER_1', 'ACME Corporation', 'billing@acme.com', {
    line1: '1 Market Street',
    city: 'San Francisco',
    state: 'California',
    postalCode: '94105',
    country: 'US',
  }),
  // CreateAccountRequest's `customerId` (its create answers 201 once ACC00001 is freed).
  customer('C1234qwd', 'Northwind Traders Inc.', 'ap@northwindtraders.com', {
    line1: '500 Pine Street',
    line2: 'Suite 12',
    city: 'Seattle',
    state: 'Washington',
    postalCode: '98101',
    country: 'US',
    phoneNumber: '+12065550173',
  }),
  // The single-account examples' `customerId`.
  customer('ACME', 'ACME Holdings Inc.', 'finance@acmeholdings.com', {
    line1: '350 Park Avenue',
    city: 'New York',
    state: 'New York',
    postalCode: '10022',
    country: 'US',
  }),
  // The CreateAccountRequest schema example's `customerId`.
  customer('C1234ewf', 'Contoso Ltd', 'billing@contoso.co.uk', {
    line1: '20 Station Road',
    city: 'Cambridge',
    postalCode: 'CB1 2JD',
    country: 'GB',
    phoneNumber: '+441223460115',
  }),
];

const SETTING: Setting = {
  id: 'accountSettingId',
  value: 'INR',
  namespace: 'USER',
  name: 'Settings Name',
  dataType: 'STRING',
};

const alias = (id: string, value: string, from = AT, until = FOREVER, updatedAt?: string): AccountAlias => ({
  id,
  value,
  effectiveFrom: from,
  effectiveUntil: until,
  createdAt: from,
  ...(updatedAt === undefined ? {} : { updatedAt }),
});

export interface ExampleAccount {
  record: AccountRecord;
  /** Its owner's position in `EXAMPLE_CUSTOMERS`. */
  owner: number;
}

const account = (
  owner: number,
  fields: Parameters<typeof buildAccountRecord>[0],
  aliases: AccountAlias[],
) => ({
  owner,
  record: buildAccountRecord(fields, aliases),
});

const ownerFields = (owner: number) => {
  const { id, togaiCustomerId } = EXAMPLE_CUSTOMERS[owner] as Customer;
  return { customerId: id, togaiCustomerId };
};

/** The accounts, in seeding order. */
export const EXAMPLE_ACCOUNTS: readonly ExampleAccount[] = [
  // Every account path example. Its customer is CreateCustomerRequest's (which creates it);
  // its aliases are that request's, the alias list example's record ("hello", id
  // abcd-12345-uids, effective for one day in 2022) and the two values remove_aliases removes.
  account(
    0,
    {
      id: 'ACC00001',
      togaiAccountId: togaiIdFor('account', 'ACC00001'),
      ...ownerFields(0),
      name: 'Primary Account',
      status: 'ACTIVE',
      invoiceCurrency: 'USD',
      netTermDays: 45,
      address: FLORENCE,
      primaryEmail: 'admin@example.com',
      settings: [SETTING],
    },
    [
      alias('0f8c7a4e-3b2d-4c19-9e57-6a1d2b3c4d5e', 'acme_primary'),
      alias('2a6b9c1d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', 'admin@example.com'),
      alias('6d5c4b3a-2f1e-4d0c-9b8a-7f6e5d4c3b2a', 'abcd-12345-uids'),
      alias('9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b', 'efgh-12345-uids'),
      // Last, so that alias ids sort in the order the aliases were added, as seeded ones do.
      alias(
        'abcd-12345-uids',
        'hello',
        '2022-06-04T00:00:00.000Z',
        '2022-06-05T00:00:00.000Z',
        '2022-06-04T00:00:00.000Z',
      ),
    ],
  ),
  // The account list example (its `customerId` is ACME_CUSTOMER_1; the single-account examples
  // say "ACME" for the same account: the list, like the Account schema, wins).
  account(
    1,
    {
      id: 'G234DZZKBKACATFFGVGEMERFI',
      togaiAccountId: 'account.dsvvre314.dcs314',
      ...ownerFields(1),
      name: 'ACME Enterprise - Account2',
      status: 'ACTIVE',
      invoiceCurrency: 'USD',
      address: FLORENCE,
      primaryEmail: 'admin@example.com',
      billingInformation: {
        emailRecipients: ['admin@example.com', 'acme@acme.com', 'acmeacme@acme.com'],
        additionalEmailRecipients: ['admin@acme.com'],
      },
    },
    [
      alias('4b3a2f1e-0d9c-4b8a-a7f6-e5d4c3b2a1f0', 'account2@acme.com'),
      alias('7c6b5a4f-3e2d-4c1b-b0a9-f8e7d6c5b4a3', '+1234567890'),
    ],
  ),
  // CreateCustomerResponse's account; it also holds the alias the alias path examples name.
  account(
    0,
    {
      id: 'G234DZZKBKACATFFGVGEMERFH',
      togaiAccountId: 'account.safdla.c234ds',
      ...ownerFields(0),
      name: 'ACME Enterprise - Account',
      status: 'ACTIVE',
      invoiceCurrency: 'USD',
      // The example shows none; its customer's, as every seeded account has an address.
      address: FLORENCE,
      settings: [SETTING],
    },
    [
      alias('1d0c9b8a-7f6e-4d5c-a4b3-2a1f0e9d8c7b', 'G234DZZKBKACATFFGVGEMERFH'),
      alias('8a7f6e5d-4c3b-4a2f-9e1d-0c9b8a7f6e5d', 'custom_value'),
    ],
  ),
];
