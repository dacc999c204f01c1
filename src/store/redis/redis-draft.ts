import { fail, ok, type Result } from '../../shared/result.ts';
import { type DomainError, domainError } from '../errors.ts';
import { type AnyOp, type AsyncApi, bindOps, type OpTable } from '../op.ts';
import type { RedisDraft } from './redis-store.ts';
import { RedisTx } from './redis-tx.ts';
import { checkBudget, ensureFixture, MAX_ATTEMPTS, orUnavailable, read, runOn } from './run-op.ts';
import type { TenantContext } from './tenant-context.ts';

/**
 * A draft: its writes apply to one transaction and are remembered, so that when the tenant changed
 * before the commit they are computed again from a fresh snapshot (an import stays all or nothing
 * without locking the tenant while it runs). Reads of records see the draft's own writes; pages and
 * counts read the committed tenant.
 */
export function createDraft<T extends OpTable>(ctx: TenantContext, ops: T): RedisDraft<T> {
  let tx = new RedisTx(ctx);
  const steps: { op: AnyOp; args: unknown[] }[] = [];
  // A draft (an admin import) builds on the fixtured tenant, as in memory: fixture first.
  let ready: Promise<void> | undefined;
  const prepared = () => {
    ready ??= ensureFixture(ctx);
    return ready;
  };
  /** One write on the draft's transaction: its budget checked, its writes queued for the commit. */
  const step = async (on: RedisTx, op: AnyOp, args: unknown[]): Promise<Result<unknown, DomainError>> => {
    const result = (await runOn(on, op, args)) as Result<unknown, DomainError>;
    if (!result.ok) return result;
    const full = checkBudget(on, op);
    return full === undefined ? result : fail(full);
  };
  // Whether `tx` may not hold exactly the draft's writes (a conflict, a partial recompute).
  let stale = false;
  /** The draft's writes computed again on a fresh snapshot: why the first no longer applies, or nothing. */
  const recompute = async (): Promise<DomainError | undefined> => {
    tx = new RedisTx(ctx);
    for (const { op, args } of steps) {
      const result = await step(tx, op, args);
      if (!result.ok) return result.error;
    }
    stale = false;
    return undefined;
  };
  const run = (op: AnyOp, args: unknown[]): Promise<unknown> =>
    orUnavailable(async () => {
      if (op.kind === 'read' && op.reads === undefined) return read(ctx, op, args);
      await prepared();
      if (op.kind === 'read') return runOn(tx, op, args);
      const queued = tx.writes;
      const result = await step(tx, op, args);
      // Only writes that applied are the draft's, as in memory: a failed one is neither replayed at
      // the commit nor seen. A budget refusal comes after the op queued its writes: drop them.
      if (result.ok) steps.push({ op, args });
      else if (tx.writes > queued) stale = (await recompute()) !== undefined;
      return result;
    });
  const commit = (options: { markFixtured?: boolean } = {}): Promise<Result<true, DomainError>> =>
    orUnavailable(async () => {
      await prepared();
      for (let i = 0; i < MAX_ATTEMPTS; i++) {
        if (stale) {
          const failed = await recompute();
          if (failed !== undefined) return fail(failed);
        }
        if (options.markFixtured) tx.markFixtured();
        if (await tx.commit()) return ok(true as const);
        if (options.markFixtured)
          return fail(domainError('SERVICE_UNAVAILABLE', 'store: the fixture changed hands'));
        stale = true;
      }
      return fail(
        domainError('SERVICE_UNAVAILABLE', 'store: the tenant kept changing during the import; try again'),
      );
    });
  return { ...bindOps<T, AsyncApi<T>>(ops, run), tenant: ctx.tenant, commit } as RedisDraft<T>;
}
