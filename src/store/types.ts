export type SortOrder = 'ASC' | 'DESC';
export type AccountStatus = 'ACTIVE' | 'DRAFT' | 'ARCHIVED';

export interface Address {
  phoneNumber?: string;
  line1?: string;
  line2?: string;
  postalCode?: string;
  city?: string;
  state?: string;
  country?: string;
}

export interface Setting {
  id: string;
  value: string;
  namespace: string;
  name: string;
  dataType: 'STRING' | 'NUMERIC' | 'JSON' | 'JSON_LOGIC';
}

export interface BillingInformation {
  emailRecipients?: string[];
  additionalEmailRecipients?: string[];
}

export interface InvoiceGroupDetails {
  id: string;
  name: string;
  email: string;
  dailyInvoiceConsolidation: boolean;
  invoiceCurrency: string;
  billingAddress: Address;
  netTermDays?: number;
}

/** An alias record, as `GET /accounts/{id}/account_aliases` returns it. */
export interface AccountAlias {
  id: string;
  value: string;
  effectiveFrom: string;
  effectiveUntil: string;
  createdAt: string;
  updatedAt?: string;
}

/** The API's Account, exactly the response shape (the `aliases` list is derived from alias records). */
export interface Account {
  id: string;
  togaiAccountId: string;
  customerId: string;
  togaiCustomerId: string;
  name: string;
  status: AccountStatus;
  invoiceCurrency?: string;
  aliases?: { alias: string }[];
  netTermDays?: number;
  address?: Address;
  primaryEmail?: string;
  billingInformation?: BillingInformation;
  settings?: Setting[];
  invoiceGroupDetails?: InvoiceGroupDetails;
  metadata?: Record<string, string>;
  tags?: string[];
}

export interface Customer {
  id: string;
  togaiCustomerId: string;
  name: string;
  primaryEmail: string;
  billingAddress: string;
  address: Address;
  status: 'ACTIVE' | 'ARCHIVED';
  createdAt: string;
  updatedAt: string;
}

/** Request bodies, already validated against the spec by the HTTP layer. */
export interface CreateAccountInput {
  id: string;
  name: string;
  customerId: string;
  invoiceCurrency?: string;
  aliases?: string[];
  accountAliases?: { value: string; effectiveFrom?: string; effectiveUntil?: string }[];
  address?: Address;
  primaryEmail?: string;
  billingInformation?: BillingInformation;
  settings?: Setting[];
  netTermDays?: number;
  metadata?: Record<string, string>;
  tags?: string[];
  status?: 'ACTIVE' | 'DRAFT';
}

export type UpdateAccountInput = Partial<
  Pick<
    Account,
    | 'name'
    | 'invoiceCurrency'
    | 'netTermDays'
    | 'primaryEmail'
    | 'billingInformation'
    | 'address'
    | 'tags'
    | 'metadata'
  >
> & { status?: 'ACTIVE' | 'DRAFT' };

export interface AddAliasesInput {
  aliases?: string[];
  accountAliases?: { value: string; effectiveFrom?: string; effectiveUntil?: string }[];
}

export interface RemoveAliasesInput {
  aliases?: string[];
  accountAliases?: { id: string; from?: string }[];
}

export interface CreateCustomerInput {
  id: string;
  name: string;
  primaryEmail: string;
  address: Address;
  settings?: Setting[];
  account?: Omit<CreateAccountInput, 'customerId'>;
}

/**
 * What a create of a customer answers (Togai's `CreateCustomerResponse`): the customer without
 * its status and timestamps, the `settings` it was sent, and the account created with it.
 */
export interface CreatedCustomer {
  id: string;
  togaiCustomerId: string;
  name: string;
  primaryEmail: string;
  billingAddress: string;
  address: Address;
  settings?: Setting[];
  account?: Account;
}

export type UpdateCustomerInput = Partial<Pick<Customer, 'name' | 'primaryEmail' | 'address'>>;

/** Where a page starts: strictly after `after` (an item id, which may since have been deleted). */
export interface PageQuery {
  after?: string;
  order: SortOrder;
  limit: number;
  /**
   * Only keys starting with this prefix, which ends with `:` (a nested collection's items of one
   * parent: `<length>:<parentId>:<key>`). Every such key sorts in `[prefix, prefix' )`, where
   * `prefix'` ends with `;` instead, the character after `:`.
   */
  within?: string;
}

/** The range of keys a `within` prefix covers: `[low, high)`. */
export function rangeOf(within: string): { low: string; high: string } {
  if (!within.endsWith(':')) throw new Error(`store: a page prefix ends with ':' (${within})`);
  return { low: within, high: `${within.slice(0, -1)};` };
}

export interface Page<T> {
  items: T[];
  /** True when at least one item follows the last one returned. */
  hasMore: boolean;
}
