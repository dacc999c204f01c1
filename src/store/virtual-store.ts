import type { Result } from '../shared/result.ts';
import type { DomainError } from './errors.ts';
import type {
  Account,
  AccountAlias,
  AccountStore,
  AddAliasesInput,
  CreateAccountInput,
  CreateCustomerInput,
  CreatedCustomer,
  Customer,
  Page,
  PageQuery,
  RemoveAliasesInput,
  UpdateAccountInput,
  UpdateCustomerInput,
} from './types.ts';

type Write<T> = (store: AccountStore) => Result<T, DomainError>;

/**
 * The store of a key that has not written: reads go to the shared starting store, which nothing
 * writes; a write runs on an O(1) fork of it, and only a successful write installs the fork as the
 * key's store. So reading costs no entry, and a failed write (a 404, a duplicate) none either.
 */
export class VirtualStore implements AccountStore {
  readonly #start: AccountStore;
  readonly #install: (store: AccountStore) => Result<true, DomainError>;
  /** The key's store if one was installed since this view was handed out. */
  readonly #live: () => AccountStore | undefined;

  constructor(
    start: AccountStore,
    install: (store: AccountStore) => Result<true, DomainError>,
    live: () => AccountStore | undefined,
  ) {
    this.#start = start;
    this.#install = install;
    this.#live = live;
  }

  #read(): AccountStore {
    return this.#live() ?? this.#start;
  }

  #write<T>(apply: Write<T>): Result<T, DomainError> {
    const live = this.#live();
    if (live !== undefined) return apply(live);
    const draft = this.#start.fork();
    const result = apply(draft);
    if (!result.ok) return result;
    const installed = this.#install(draft);
    return installed.ok ? result : installed;
  }

  // Methods on the prototype, not arrow fields: one of these is made per request of a reader.
  listAccounts(query: PageQuery): Page<Account> {
    return this.#read().listAccounts(query);
  }
  getAccount(id: string): Result<Account, DomainError> {
    return this.#read().getAccount(id);
  }
  listAccountAliases(id: string, query: PageQuery): Result<Page<AccountAlias>, DomainError> {
    return this.#read().listAccountAliases(id, query);
  }
  listCustomers(query: PageQuery): Page<Customer> {
    return this.#read().listCustomers(query);
  }
  getCustomer(id: string): Result<Customer, DomainError> {
    return this.#read().getCustomer(id);
  }
  countAccounts(): number {
    return this.#read().countAccounts();
  }
  countCustomers(): number {
    return this.#read().countCustomers();
  }
  fork(): AccountStore {
    return this.#read().fork();
  }

  createAccount(input: CreateAccountInput): Result<Account, DomainError> {
    return this.#write((store) => store.createAccount(input));
  }
  updateAccount(id: string, patch: UpdateAccountInput): Result<Account, DomainError> {
    return this.#write((store) => store.updateAccount(id, patch));
  }
  deleteAccount(id: string): Result<true, DomainError> {
    return this.#write((store) => store.deleteAccount(id));
  }
  addAliases(id: string, input: AddAliasesInput): Result<Account, DomainError> {
    return this.#write((store) => store.addAliases(id, input));
  }
  removeAliases(id: string, input: RemoveAliasesInput): Result<Account, DomainError> {
    return this.#write((store) => store.removeAliases(id, input));
  }
  createCustomer(input: CreateCustomerInput): Result<CreatedCustomer, DomainError> {
    return this.#write((store) => store.createCustomer(input));
  }
  updateCustomer(id: string, patch: UpdateCustomerInput): Result<Customer, DomainError> {
    return this.#write((store) => store.updateCustomer(id, patch));
  }
  deleteCustomer(id: string): Result<true, DomainError> {
    return this.#write((store) => store.deleteCustomer(id));
  }
  /** Empties the key's data: an empty tenant is data too, so this installs one. */
  clear(): void {
    this.#write((store) => {
      store.clear();
      return { ok: true, value: true } as const;
    });
  }
}
