import { type ApiError, ApiException, apiError } from '../../errors.ts';
import { fail, ok, type Result } from '../../result.ts';
import type { AccountStore } from '../types.ts';
import * as accounts from './redis-account-ops.ts';
import * as customers from './redis-customer-ops.ts';
import { readAccountPage, readCustomerPage } from './redis-page.ts';
import { RedisUnavailableError } from './redis-port.ts';
import { type TenantContext, Tx } from './tx.ts';

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
  /** Applies the queued writes in one script; on a conflict, computes them again and retries. */
  commit(): Promise<Result<true, ApiError>>;
}

/** Writes to one tenant retried past this many conflicts answer 503 rather than spin. */
const MAX_ATTEMPTS = 16;

/** Redis being down is a 503 for the request that needed it, never a crash or a 500. */
export async function orUnavailable<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RedisUnavailableError) {
      throw new ApiException(
        apiError('SERVICE_UNAVAILABLE', `store: Redis is unavailable (${error.message}); try again`),
      );
    }
    throw error;
  }
}

const isBudgetFull = (result: Result<unknown, ApiError>): boolean =>
  !result.ok && result.error.code === 'STORE_FULL' && result.error.message.includes('the server holds');

type Op<T> = (tx: Tx) => Promise<Result<T, ApiError>>;

/** Runs `op` on fresh snapshots until its write commits (or it fails as the domain says). */
async function attempt<T>(ctx: TenantContext, op: Op<T>): Promise<Result<T, ApiError>> {
  return orUnavailable(async () => {
    let reclaimed = false;
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      const tx = new Tx(ctx);
      const result = await op(tx);
      if (isBudgetFull(result) && !reclaimed) {
        // Like the in-memory budget: free what idle tenants held before refusing.
        reclaimed = true;
        await ctx.port.run('reclaim', ctx.keys, [ctx.keySpace.prefix]);
        continue;
      }
      if (!result.ok || (await tx.commit(ctx.keySpace.prefix))) return result;
    }
    return fail(
      apiError('SERVICE_UNAVAILABLE', 'store: too many concurrent writes to this tenant; try again'),
    );
  });
}

const read = <T>(ctx: TenantContext, op: Op<T>): Promise<Result<T, ApiError>> =>
  orUnavailable(() => op(new Tx(ctx)));

async function countOf(ctx: TenantContext, which: 'accounts' | 'customers'): Promise<number> {
  return orUnavailable(async () => {
    const tx = new Tx(ctx);
    await tx.load([]);
    return which === 'accounts' ? tx.accountCount : tx.customerCount;
  });
}

export function createRedisStore(ctx: TenantContext): RedisAccountStore {
  return {
    listAccounts: (query) => orUnavailable(() => readAccountPage(ctx, query)),
    getAccount: (id) => read(ctx, (tx) => accounts.getAccount(tx, id)),
    createAccount: (input) => attempt(ctx, (tx) => accounts.createAccount(tx, input)),
    updateAccount: (id, patch) => attempt(ctx, (tx) => accounts.updateAccount(tx, id, patch)),
    deleteAccount: (id) => attempt(ctx, (tx) => accounts.deleteAccount(tx, id)),
    addAliases: (id, input) => attempt(ctx, (tx) => accounts.addAliases(tx, id, input)),
    removeAliases: (id, input) => attempt(ctx, (tx) => accounts.removeAliases(tx, id, input)),
    listAccountAliases: (id, query) => read(ctx, (tx) => accounts.listAccountAliases(tx, id, query)),
    listCustomers: (query) => orUnavailable(() => readCustomerPage(ctx, query)),
    getCustomer: (id) => read(ctx, (tx) => customers.getCustomer(tx, id)),
    createCustomer: (input) => attempt(ctx, (tx) => customers.createCustomer(tx, input)),
    updateCustomer: (id, patch) => attempt(ctx, (tx) => customers.updateCustomer(tx, id, patch)),
    deleteCustomer: (id) => attempt(ctx, (tx) => customers.deleteCustomer(tx, id)),
    countAccounts: () => countOf(ctx, 'accounts'),
    countCustomers: () => countOf(ctx, 'customers'),
    clear: async () => {
      await attempt(ctx, async (tx) => {
        await tx.clear();
        return ok(true);
      });
    },
    fork: () => createDraft(ctx),
  };
}

/**
 * A draft: writes apply to one transaction and are remembered, so that when the tenant changed
 * before the commit they are computed again from a fresh snapshot (an import stays all or
 * nothing without locking the tenant while it runs). Reads see the draft's own writes only for
 * the ids it wrote; pages and counts read the committed tenant.
 */
function createDraft(ctx: TenantContext): RedisDraft {
  let tx = new Tx(ctx);
  const steps: Op<unknown>[] = [];
  const write = <T>(op: Op<T>): Promise<Result<T, ApiError>> =>
    orUnavailable(async () => {
      steps.push(op);
      return op(tx);
    });
  const committed = createRedisStore(ctx);
  return {
    ...committed,
    tenant: ctx.tenant,
    getAccount: (id) => orUnavailable(() => accounts.getAccount(tx, id)),
    getCustomer: (id) => orUnavailable(() => customers.getCustomer(tx, id)),
    createAccount: (input) => write((t) => accounts.createAccount(t, input)),
    updateAccount: (id, patch) => write((t) => accounts.updateAccount(t, id, patch)),
    deleteAccount: (id) => write((t) => accounts.deleteAccount(t, id)),
    addAliases: (id, input) => write((t) => accounts.addAliases(t, id, input)),
    removeAliases: (id, input) => write((t) => accounts.removeAliases(t, id, input)),
    createCustomer: (input) => write((t) => customers.createCustomer(t, input)),
    updateCustomer: (id, patch) => write((t) => customers.updateCustomer(t, id, patch)),
    deleteCustomer: (id) => write((t) => customers.deleteCustomer(t, id)),
    clear: async () => {
      await write(async (t) => {
        await t.clear();
        return ok(true);
      });
    },
    commit: () =>
      orUnavailable(async () => {
        for (let i = 0; i < MAX_ATTEMPTS; i++) {
          if (await tx.commit(ctx.keySpace.prefix)) return ok(true as const);
          tx = new Tx(ctx);
          for (const step of steps) {
            const result = await step(tx);
            if (!result.ok) return result;
          }
        }
        return fail(
          apiError('SERVICE_UNAVAILABLE', 'store: the tenant kept changing during the import; try again'),
        );
      }),
  };
}
