import type { Result } from '../shared/result.ts';
import type { DomainError } from './errors.ts';

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
}

export interface Page<T> {
  items: T[];
  /** True when at least one item follows the last one returned. */
  hasMore: boolean;
}

/**
 * One tenant's view of the data. Every method is synchronous and atomic: a call either applies
 * whole or changes nothing, so concurrent HTTP requests never see half an update.
 * Returned objects are copies (or frozen): callers may not mutate the store through them.
 */
export interface AccountStore {
  listAccounts(query: PageQuery): Page<Account>;
  getAccount(id: string): Result<Account, DomainError>;
  createAccount(input: CreateAccountInput): Result<Account, DomainError>;
  updateAccount(id: string, patch: UpdateAccountInput): Result<Account, DomainError>;
  deleteAccount(id: string): Result<true, DomainError>;
  addAliases(id: string, input: AddAliasesInput): Result<Account, DomainError>;
  removeAliases(id: string, input: RemoveAliasesInput): Result<Account, DomainError>;
  listAccountAliases(id: string, query: PageQuery): Result<Page<AccountAlias>, DomainError>;

  listCustomers(query: PageQuery): Page<Customer>;
  getCustomer(id: string): Result<Customer, DomainError>;
  createCustomer(input: CreateCustomerInput): Result<CreatedCustomer, DomainError>;
  updateCustomer(id: string, patch: UpdateCustomerInput): Result<Customer, DomainError>;
  deleteCustomer(id: string): Result<true, DomainError>;

  /** Number of accounts this tenant sees. */
  countAccounts(): number;
  countCustomers(): number;

  /**
   * An independent copy of this tenant's current state, in O(1) (copy-on-write): writes to the
   * copy never show in this store, nor the reverse. Build a draft on it, then swap it in whole
   * with `Tenants.set` to make a multi-step change atomic.
   */
  fork(): AccountStore;
  /** Empties the tenant (no accounts, customers or aliases, seeded or not) in O(1). */
  clear(): void;
}
