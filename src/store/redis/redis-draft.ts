import { fail, ok, type Result } from '../../shared/result.ts';
import { type DomainError, domainError } from '../errors.ts';
import * as accounts from './redis-account-ops.ts';
import * as customers from './redis-customer-ops.ts';
import type { RedisAccountStore, RedisDraft } from './redis-store.ts';
import { ensureFixture, MAX_ATTEMPTS, type Op, orUnavailable } from './run-op.ts';
import { type TenantContext, Tx } from './tx.ts';

/**
 * A draft: writes apply to one transaction and are remembered, so that when the tenant changed
 * before the commit they are computed again from a fresh snapshot (an import stays all or
 * nothing without locking the tenant while it runs). Reads see the draft's own writes only for
 * the ids it wrote; pages and counts read the committed tenant.
 */
export function createDraft(ctx: TenantContext, committed: RedisAccountStore): RedisDraft {
  let tx = new Tx(ctx);
  const steps: Op<unknown>[] = [];
  // A draft (an admin import) builds on the fixtured tenant, as in memory: fixture first.
  let ready: Promise<void> | undefined;
  const prepared = () => {
    ready ??= ensureFixture(ctx);
    return ready;
  };
  const write = <T>(op: Op<T>): Promise<Result<T, DomainError>> =>
    orUnavailable(async () => {
      await prepared();
      steps.push(op);
      return op(tx);
    });
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
            return fail(domainError('SERVICE_UNAVAILABLE', 'store: the fixture changed hands'));
          tx = new Tx(ctx);
          for (const step of steps) {
            const result = await step(tx);
            if (!result.ok) return result;
          }
        }
        return fail(
          domainError('SERVICE_UNAVAILABLE', 'store: the tenant kept changing during the import; try again'),
        );
      }),
  };
}
