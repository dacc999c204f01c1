import { fail, type Result } from '../../shared/result.ts';
import { Budget, describeLimit } from '../budget.ts';
import { type DomainError, DomainException, domainError } from '../errors.ts';
import type { AnyOp } from '../op.ts';
import { NotLoaded } from '../port.ts';
import { createKeyedLock } from './keyed-lock.ts';
import { RedisUnavailableError } from './redis-port.ts';
import { RedisTx } from './redis-tx.ts';
import type { TenantContext } from './tenant-context.ts';

/**
 * How every op runs on Redis: on a snapshot that loads what the op reads (what it declares in one
 * round trip, anything else as it asks), a write committed under guards and computed again on a
 * fresh snapshot until it applies; once more after the fixture when the tenant lacked it;
 * everything turned into a 503 when Redis cannot answer.
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

/** ARGV of the reclaim script: the key prefix and the guaranteed share (items, bytes). */
export function reclaimArgs(ctx: TenantContext): (string | number)[] {
  const { guaranteed } = new Budget(ctx.limits);
  return [ctx.keySpace.prefix, guaranteed.items, guaranteed.bytes];
}

/** Whether the tenant still lacks the server's fixture (then it is applied, and the op runs again). */
export const lacksFixture = (ctx: TenantContext, fixtured: boolean): boolean =>
  !fixtured && ctx.fixture?.() !== undefined;

/** Runs `op` on `tx`, loading what it asks for until it has all it reads. */
export async function runOn(tx: RedisTx, op: AnyOp, args: unknown[]): Promise<unknown> {
  if (op.reads !== undefined) await tx.load(op.reads(...args));
  const writesBefore = tx.writes;
  for (;;) {
    try {
      return op.run(tx, ...args);
    } catch (error) {
      if (!(error instanceof NotLoaded)) throw error;
      // Running it again would queue its first writes twice: ops read everything, then write.
      if (tx.writes > writesBefore) throw new Error('store: an op read something new after writing');
      const { need } = error;
      if (need.kind === 'page') await tx.loadPage(need.collection, need.query);
      else await tx.load(need.refs);
    }
  }
}

/** A read: once more after applying the fixture when the tenant lacked it. */
export function read(ctx: TenantContext, op: AnyOp, args: unknown[]): Promise<unknown> {
  return orUnavailable(async () => {
    const tx = new RedisTx(ctx);
    const result = await runOn(tx, op, args);
    if (!lacksFixture(ctx, tx.fixtured)) return result;
    await ensureFixture(ctx);
    return runOn(new RedisTx(ctx), op, args);
  });
}

/** The budget check of a write's queued changes: STORE_FULL naming the op's field, or nothing. */
export function checkBudget(tx: RedisTx, op: AnyOp): DomainError | undefined {
  if (op.kind !== 'write' || op.budgetField === null) return undefined;
  const hit = tx.checkBudget();
  return hit === undefined ? undefined : domainError('STORE_FULL', describeLimit(op.budgetField, hit));
}

/** A server-wide limit (not the tenant's own cap): idle tenants' shares may free room. */
const isServerFull = (error: DomainError | undefined): boolean =>
  error?.message.includes(': the server ') === true;

/** A write: computed on fresh snapshots until its commit applies (or it fails as the domain says). */
export function write(ctx: TenantContext, op: AnyOp, args: unknown[]): Promise<unknown> {
  if (op.kind !== 'write') throw new Error('store: a read run as a write');
  return lockOf(ctx)(`${ctx.tenant} ${op.lockKey(...args)}`, () =>
    orUnavailable(async () => {
      let reclaimed = false;
      for (let i = 0; i < MAX_ATTEMPTS; i++) {
        const tx = new RedisTx(ctx);
        const result = (await runOn(tx, op, args)) as Result<unknown, DomainError>;
        if (lacksFixture(ctx, tx.fixtured)) {
          await ensureFixture(ctx);
          continue;
        }
        if (!result.ok) return result;
        const full = checkBudget(tx, op);
        if (isServerFull(full) && !reclaimed) {
          // Like the in-memory budget: free what idle tenants held before refusing.
          reclaimed = true;
          await ctx.port.run('reclaim', ctx.keys, reclaimArgs(ctx));
          continue;
        }
        if (full !== undefined) return fail(full);
        if (await tx.commit()) return result;
      }
      return fail(
        domainError('SERVICE_UNAVAILABLE', 'store: too many concurrent writes to this tenant; try again'),
      );
    }),
  );
}
