import type { Result } from '../../shared/result.ts';
import type { DomainError } from '../errors.ts';
import { type AsyncApi, bindOps, type OpTable } from '../op.ts';
import type { StoreOps } from '../ops/index.ts';
import { createDraft } from './redis-draft.ts';
import { read, write } from './run-op.ts';
import type { TenantContext } from './tenant-context.ts';

/**
 * A tenant's store on Redis: the op table, answering with Promises. A draft (`fork`) queues its
 * writes and is applied whole, in one script, by `RedisTenants.set`.
 */
export type RedisStore<T extends OpTable = StoreOps> = AsyncApi<T> & { fork(): RedisDraft<T> };

export type RedisDraft<T extends OpTable = StoreOps> = AsyncApi<T> & {
  /** The tenant (hash) whose state the draft was forked from. */
  readonly tenant: string;
  /**
   * Applies the queued writes in one script; on a conflict, computes them again and retries.
   * `markFixtured`: the draft applies the server's fixture (only if no other instance did first).
   */
  commit(options?: { markFixtured?: boolean }): Promise<Result<true, DomainError>>;
};

/** Builds the server's fixture as a draft over `store` (a store that does not apply it itself). */
export type FixtureApplier<T extends OpTable = StoreOps> = (
  store: RedisStore<T>,
) => Promise<Result<RedisDraft<T>, { message: string }>>;

export function createRedisStore<T extends OpTable>(ctx: TenantContext, ops: T): RedisStore<T> {
  const store: RedisStore<T> = {
    ...bindOps<T, AsyncApi<T>>(ops, (op, args) =>
      op.kind === 'read' ? read(ctx, op, args) : write(ctx, op, args),
    ),
    fork: () => createDraft(ctx, ops),
  };
  return store;
}

/** The Togai store on Redis. */
export type RedisAccountStore = RedisStore<StoreOps>;

export { orUnavailable } from './run-op.ts';
