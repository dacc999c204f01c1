import { fail, type Result } from '../../shared/result.ts';
import { Budget } from '../budget.ts';
import { type DomainError, DomainException, domainError } from '../errors.ts';
import { createKeyedLock } from './keyed-lock.ts';
import { RedisUnavailableError } from './redis-port.ts';
import { type TenantContext, Tx } from './tx.ts';

/**
 * How every store operation runs: reads once more after the fixture when the tenant lacked it,
 * writes on fresh snapshots until their guarded commit applies, everything turned into a 503
 * when Redis cannot answer.
 */

/** Applies the server's fixture to the tenant (set up by `createRedisTenants`); none: nothing. */
export const ensureFixture = (ctx: TenantContext): Promise<void> =>
  ctx.ensureFixture?.() ?? Promise.resolve();

/**
 * Writes retried past this many conflicts answer 503 rather than spin. Writes to one record are
 * queued per process (keyed-lock.ts), so only other processes' writes can conflict with one.
 */
export const MAX_ATTEMPTS = 32;

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
      throw new DomainException(
        domainError('SERVICE_UNAVAILABLE', `store: Redis is unavailable (${error.message}); try again`),
      );
    }
    throw error;
  }
}

/** A server-wide limit (not the tenant's own cap): idle tenants' shares may free room. */
const isBudgetFull = (result: Result<unknown, DomainError>): boolean =>
  !result.ok && result.error.code === 'STORE_FULL' && result.error.message.includes(': the server ');

/** ARGV of the reclaim script: the key prefix and the guaranteed share (items, bytes). */
export function reclaimArgs(ctx: TenantContext): (string | number)[] {
  const { guaranteed } = new Budget(ctx.limits);
  return [ctx.keySpace.prefix, guaranteed.items, guaranteed.bytes];
}

export type Op<T> = (tx: Tx) => Promise<Result<T, DomainError>>;

/** Whether the tenant still lacks the server's fixture (then it is applied, and the op runs again). */
export const lacksFixture = (ctx: TenantContext, fixtured: boolean): boolean =>
  !fixtured && ctx.fixture?.() !== undefined;

/** Runs `op` on fresh snapshots until its write commits (or it fails as the domain says). */
export function attempt<T>(ctx: TenantContext, id: string, op: Op<T>): Promise<Result<T, DomainError>> {
  return lockOf(ctx)(`${ctx.tenant} ${id}`, () => attemptNow(ctx, op));
}

async function attemptNow<T>(ctx: TenantContext, op: Op<T>): Promise<Result<T, DomainError>> {
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
        await ctx.port.run('reclaim', ctx.keys, reclaimArgs(ctx));
        continue;
      }
      if (!result.ok || (await tx.commit(ctx.keySpace.prefix))) return result;
    }
    return fail(
      domainError('SERVICE_UNAVAILABLE', 'store: too many concurrent writes to this tenant; try again'),
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

export const read = <T>(ctx: TenantContext, op: Op<T>): Promise<Result<T, DomainError>> => readWith(ctx, op);

export const countOf = (ctx: TenantContext, which: 'accounts' | 'customers'): Promise<number> =>
  readWith(ctx, async (tx) => {
    await tx.load([]);
    return which === 'accounts' ? tx.accountCount : tx.customerCount;
  });

export async function pageOf<T>(
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
