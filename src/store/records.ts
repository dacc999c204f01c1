import { compareIds } from './ids.ts';
import type {
  Account,
  AccountAlias,
  Address,
  BillingInformation,
  Customer,
  InvoiceGroupDetails,
  Setting,
} from './types.ts';

/**
 * What the store keeps per account: the response view, deep-frozen and built once per write so
 * reads hand it out without copying, plus the alias records it derives `aliases` from.
 */
export interface AccountRecord {
  readonly account: Account;
  /** In the order they were added, like the account's `aliases`; `account_aliases` sorts by id. */
  readonly aliases: readonly AccountAlias[];
}

export interface CustomerRecord {
  readonly customer: Customer;
  /** Set for seeded customers: their seeded accounts are the indexes congruent to it. */
  readonly seedIndex?: number;
}

/** Far-future end of an alias that was never removed (the schema requires `effectiveUntil`). */
export const FOREVER = '9999-12-31T23:59:59.999Z';

export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** Copies only the schema's properties, so extra or prototype-laden keys never reach the store. */
export function copyAddress(address: Address): Address {
  const out: Address = {};
  if (address.phoneNumber !== undefined) out.phoneNumber = address.phoneNumber;
  if (address.line1 !== undefined) out.line1 = address.line1;
  if (address.line2 !== undefined) out.line2 = address.line2;
  if (address.postalCode !== undefined) out.postalCode = address.postalCode;
  if (address.city !== undefined) out.city = address.city;
  if (address.state !== undefined) out.state = address.state;
  if (address.country !== undefined) out.country = address.country;
  return out;
}

export function copyBilling(info: BillingInformation): BillingInformation {
  const out: BillingInformation = {};
  if (info.emailRecipients !== undefined) out.emailRecipients = [...info.emailRecipients];
  if (info.additionalEmailRecipients !== undefined)
    out.additionalEmailRecipients = [...info.additionalEmailRecipients];
  return out;
}

export const copySettings = (settings: readonly Setting[]): Setting[] =>
  settings.map(({ id, value, namespace, name, dataType }) => ({ id, value, namespace, name, dataType }));

export function copyInvoiceGroup(group: InvoiceGroupDetails): InvoiceGroupDetails {
  const { id, name, email, dailyInvoiceConsolidation, invoiceCurrency, billingAddress, netTermDays } = group;
  const out: InvoiceGroupDetails = {
    id,
    name,
    email,
    dailyInvoiceConsolidation,
    invoiceCurrency,
    billingAddress: copyAddress(billingAddress),
  };
  if (netTermDays !== undefined) out.netTermDays = netTermDays;
  return out;
}

/**
 * Metadata keys are data: `__proto__` or `constructor` must neither reach a prototype nor vanish.
 * `Object.fromEntries` defines own properties (it never invokes the `__proto__` setter), and only
 * own string-valued entries are read from the input.
 */
export const copyMetadata = (metadata: Readonly<Record<string, string>>): Record<string, string> =>
  Object.fromEntries(Object.entries(metadata).filter(([, value]) => typeof value === 'string'));

/** Tags are stored lowercased and unique, first occurrence first. */
export const normalizeTags = (tags: readonly string[]): string[] => [
  ...new Set(tags.map((tag) => tag.toLowerCase())),
];

export const sortAliases = (aliases: readonly AccountAlias[]): AccountAlias[] =>
  [...aliases].sort((a, b) => compareIds(a.id, b.id));

/**
 * Builds the frozen record from account fields and alias records. Keys are set in one fixed
 * order so that the same data always serializes to the same bytes.
 */
export function buildAccountRecord(
  fields: Omit<Account, 'aliases'>,
  aliases: readonly AccountAlias[],
): AccountRecord {
  const account: Account = {
    id: fields.id,
    togaiAccountId: fields.togaiAccountId,
    customerId: fields.customerId,
    togaiCustomerId: fields.togaiCustomerId,
    name: fields.name,
    status: fields.status,
  };
  if (fields.invoiceCurrency !== undefined) account.invoiceCurrency = fields.invoiceCurrency;
  account.aliases = aliases.map((alias) => ({ alias: alias.value }));
  if (fields.netTermDays !== undefined) account.netTermDays = fields.netTermDays;
  if (fields.address !== undefined) account.address = copyAddress(fields.address);
  if (fields.primaryEmail !== undefined) account.primaryEmail = fields.primaryEmail;
  if (fields.billingInformation !== undefined)
    account.billingInformation = copyBilling(fields.billingInformation);
  if (fields.settings !== undefined) account.settings = copySettings(fields.settings);
  if (fields.invoiceGroupDetails !== undefined)
    account.invoiceGroupDetails = copyInvoiceGroup(fields.invoiceGroupDetails);
  if (fields.metadata !== undefined) account.metadata = copyMetadata(fields.metadata);
  if (fields.tags !== undefined) account.tags = normalizeTags(fields.tags);
  return deepFreeze({ account, aliases: aliases.map((alias) => ({ ...alias })) });
}

/** The account's fields without its derived alias list: the input of `buildAccountRecord`. */
export function fieldsOf(account: Account): Omit<Account, 'aliases'> {
  const { aliases: _derived, ...fields } = account;
  return fields;
}

export function buildCustomerRecord(customer: Customer, seedIndex?: number): CustomerRecord {
  const { id, togaiCustomerId, name, primaryEmail, billingAddress, address, status, createdAt, updatedAt } =
    customer;
  const frozen: Customer = {
    id,
    togaiCustomerId,
    name,
    primaryEmail,
    billingAddress,
    address: copyAddress(address),
    status,
    createdAt,
    updatedAt,
  };
  return deepFreeze(seedIndex === undefined ? { customer: frozen } : { customer: frozen, seedIndex });
}
