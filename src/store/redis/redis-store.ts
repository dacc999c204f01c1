import { ok, type Result } from '../../shared/result.ts';
import type { DomainError } from '../errors.ts';
import type { AccountStore } from '../types.ts';
import * as accounts from './redis-account-ops.ts';
import * as customers from './redis-customer-ops.ts';
import { createDraft } from './redis-draft.ts';
import { readAccountPage, readCustomerPage } from './redis-page.ts';
import { attempt, countOf, pageOf, read } from './run-op.ts';
import type { TenantContext } from './tx.ts';

type Async<F> = F extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : never;

/**
 * A tenant's store on Redis: `AccountStore`'s operations, asynchronous. A draft (`fork`) queues
 * its writes and is applied whole, in one script, by `RedisTenants.set`.
 */
export type RedisAccountStore = {
  [K in Exclude<keyof AccountStore, 'fork' | 'clear'>]: Async<AccountStore[K]>;
} & {
  clear(): Promise<void>;
  fork(): RedisDraft;
};

export interface RedisDraft extends Omit<RedisAccountStore, 'fork'> {
  /** The tenant (hash) whose state the draft was forked from. */
  readonly tenant: string;
  /**
   * Applies the queued writes in one script; on a conflict, computes them again and retries.
   * `markFixtured`: the draft applies the server's fixture (only if no other instance did first).
   */
  commit(options?: { markFixtured?: boolean }): Promise<Result<true, DomainError>>;
}

/** Builds the server's fixture as a draft over `store` (a store that does not apply it itself). */
export type FixtureApplier = (store: RedisAccountStore) => Promise<Result<RedisDraft, { message: string }>>;

export function createRedisStore(ctx: TenantContext): RedisAccountStore {
  const store: RedisAccountStore = {
    listAccounts: (query) => pageOf(ctx, () => readAccountPage(ctx, query)),
    getAccount: (id) => read(ctx, (tx) => accounts.getAccount(tx, id)),
    createAccount: (input) => attempt(ctx, `a ${input.id}`, (tx) => accounts.createAccount(tx, input)),
    updateAccount: (id, patch) => attempt(ctx, `a ${id}`, (tx) => accounts.updateAccount(tx, id, patch)),
    deleteAccount: (id) => attempt(ctx, `a ${id}`, (tx) => accounts.deleteAccount(tx, id)),
    addAliases: (id, input) => attempt(ctx, `a ${id}`, (tx) => accounts.addAliases(tx, id, input)),
    removeAliases: (id, input) => attempt(ctx, `a ${id}`, (tx) => accounts.removeAliases(tx, id, input)),
    listAccountAliases: (id, query) => read(ctx, (tx) => accounts.listAccountAliases(tx, id, query)),
    listCustomers: (query) => pageOf(ctx, () => readCustomerPage(ctx, query)),
    getCustomer: (id) => read(ctx, (tx) => customers.getCustomer(tx, id)),
    createCustomer: (input) => attempt(ctx, `c ${input.id}`, (tx) => customers.createCustomer(tx, input)),
    updateCustomer: (id, patch) => attempt(ctx, `c ${id}`, (tx) => customers.updateCustomer(tx, id, patch)),
    deleteCustomer: (id) => attempt(ctx, `c ${id}`, (tx) => customers.deleteCustomer(tx, id)),
    countAccounts: () => countOf(ctx, 'accounts'),
    countCustomers: () => countOf(ctx, 'customers'),
    clear: async () => {
      await attempt(ctx, '', async (tx) => {
        await tx.clear();
        return ok(true);
      });
    },
    fork: () => createDraft(ctx, store),
  };
  return store;
}

export { orUnavailable } from './run-op.ts';
