import { type ApiError, ApiException, apiError } from '../../errors.ts';
import { fail, ok, type Result } from '../../result.ts';
import type { AccountStore } from '../types.ts';
import { createKeyedLock } from './keyed-lock.ts';
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
  /**
   * Applies the queued writes in one script; on a conflict, computes them again and retries.
   * `markFixtured`: the draft applies the server's fixture (only if no other instance did first).
   */
  commit(options?: { markFixtured?: boolean }): Promise<Result<true, ApiError>>;
}

/** Builds the server's fixture as a draft over `store` (a store that does not apply it itself). */
export type FixtureApplier = (store: RedisAccountStore) => Promise<Result<RedisDraft, { message: string }>>;

/**
 * Writes retried past this many conflicts answer 503 rather than spin. Writes to one record are
 * queued per process (keyed-lock.ts), so only other processes' writes can conflict with one.
 */
const MAX_ATTEMPTS = 32;

/** Per instance (per `createRedisTenants`): two instances in one process still race at Redis. */
const locks = new WeakMap<TenantContext['keySpace'], ReturnType<typeof createKeyedLock>>();

function lockOf(ctx: TenantContext) {
  let lock = locks.get(ctx.keySpace);
  if (lock === undefined) {
    lock = createKeyedLock();
    locks.set(ctx.keySpace, lock);
  }
  return lock;
}

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

/** Whether the tenant still lacks the server's fixture (then it is applied, and the op runs again). */
const lacksFixture = (ctx: TenantContext, fixtured: boolean): boolean =>
  !fixtured && ctx.fixture?.() !== undefined;

/** Runs `op` on fresh snapshots until its write commits (or it fails as the domain says). */
function attempt<T>(ctx: TenantContext, id: string, op: Op<T>): Promise<Result<T, ApiError>> {
  return lockOf(ctx)(`${ctx.tenant} ${id}`, () => attemptNow(ctx, op));
}

async function attemptNow<T>(ctx: TenantContext, op: Op<T>): Promise<Result<T, ApiError>> {
  return orUnavailable(async () => {
    let reclaimed = false;
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      const tx = new Tx(ctx);
      const result = await op(tx);
      if (lacksFixture(ctx, tx.fixtured)) {
        await ensureFixture(ctx);
        continue;
      }
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

/** Runs a read; once more after applying the fixture when the tenant lacked it. */
async function readWith<T>(ctx: TenantContext, work: (tx: Tx) => Promise<T>): Promise<T> {
  return orUnavailable(async () => {
    const tx = new Tx(ctx);
    const result = await work(tx);
    if (!lacksFixture(ctx, tx.fixtured)) return result;
    await ensureFixture(ctx);
    return work(new Tx(ctx));
  });
}

const read = <T>(ctx: TenantContext, op: Op<T>): Promise<Result<T, ApiError>> => readWith(ctx, op);

const countOf = (ctx: TenantContext, which: 'accounts' | 'customers'): Promise<number> =>
  readWith(ctx, async (tx) => {
    await tx.load([]);
    return which === 'accounts' ? tx.accountCount : tx.customerCount;
  });

async function pageOf<T>(
  ctx: TenantContext,
  readPage: () => Promise<{ page: T; fixtured: boolean }>,
): Promise<T> {
  return orUnavailable(async () => {
    const first = await readPage();
    if (!lacksFixture(ctx, first.fixtured)) return first.page;
    await ensureFixture(ctx);
    return (await readPage()).page;
  });
}

/** One application of the fixture per tenant at a time in this process. */
const applying = new Map<string, Promise<void>>();

function ensureFixture(ctx: TenantContext): Promise<void> {
  const key = `${ctx.keySpace.prefix}${ctx.tenant}`;
  let running = applying.get(key);
  if (running === undefined) {
    running = applyFixture(ctx).finally(() => applying.delete(key));
    applying.set(key, running);
  }
  return running;
}

/**
 * Applies the fixture in one commit that also marks the tenant, guarded by the mark: when
 * instances race, one applies it and the others find it applied. A fixture that does not apply
 * (it names ids the tenant already has) is reported and the tenant is marked without it, so it
 * is not tried again on every request.
 */
async function applyFixture(ctx: TenantContext): Promise<void> {
  const applier = ctx.fixture?.();
  if (applier === undefined) return;
  const plain = createRedisStore({ ...ctx, fixture: undefined });
  for (let i = 0; i < MAX_ATTEMPTS; i++) {
    const built = await applier(plain);
    if (!built.ok) ctx.onFixtureError?.(`fixture not applied: ${built.error.message}`);
    const draft = built.ok ? built.value : plain.fork();
    if ((await draft.commit({ markFixtured: true })).ok) return;
    const probe = new Tx(ctx);
    await probe.load([]);
    if (probe.fixtured) return;
  }
}

export function createRedisStore(ctx: TenantContext): RedisAccountStore {
  return {
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
  // A draft (an admin import) builds on the fixtured tenant, as in memory: fixture first.
  let ready: Promise<void> | undefined;
  const prepared = () => {
    ready ??= ctx.fixture?.() === undefined ? Promise.resolve() : ensureFixture(ctx);
    return ready;
  };
  const write = <T>(op: Op<T>): Promise<Result<T, ApiError>> =>
    orUnavailable(async () => {
      await prepared();
      steps.push(op);
      return op(tx);
    });
  const committed = createRedisStore(ctx);
  return {
    ...committed,
    tenant: ctx.tenant,
    getAccount: (id) =>
      orUnavailable(async () => {
        await prepared();
        return accounts.getAccount(tx, id);
      }),
    getCustomer: (id) =>
      orUnavailable(async () => {
        await prepared();
        return customers.getCustomer(tx, id);
      }),
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
    commit: (options = {}) =>
      orUnavailable(async () => {
        await prepared();
        for (let i = 0; i < MAX_ATTEMPTS; i++) {
          if (options.markFixtured) tx.markFixtured();
          if (await tx.commit(ctx.keySpace.prefix)) return ok(true as const);
          if (options.markFixtured)
            return fail(apiError('SERVICE_UNAVAILABLE', 'store: the fixture changed hands'));
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
