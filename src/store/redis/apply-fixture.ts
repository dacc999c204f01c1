import { STORE_OPS } from '../ops/index.ts';
import { createRedisStore } from './redis-store.ts';
import { RedisTx } from './redis-tx.ts';
import { MAX_ATTEMPTS } from './run-op.ts';
import type { TenantContext } from './tenant-context.ts';

/** One application of the fixture per tenant at a time per instance (two instances still race). */
const applying = new WeakMap<TenantContext['keySpace'], Map<string, Promise<void>>>();

export function applyFixtureOnce(ctx: TenantContext): Promise<void> {
  let running = applying.get(ctx.keySpace);
  if (running === undefined) {
    running = new Map();
    applying.set(ctx.keySpace, running);
  }
  const mine = running;
  let application = mine.get(ctx.tenant);
  if (application === undefined) {
    application = applyFixture(ctx).finally(() => mine.delete(ctx.tenant));
    mine.set(ctx.tenant, application);
  }
  return application;
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
  const plain = createRedisStore({ ...ctx, fixture: undefined, ensureFixture: undefined }, STORE_OPS);
  const applied = async (): Promise<boolean> => {
    const probe = new RedisTx(ctx);
    await probe.load([]);
    return probe.fixtured;
  };
  if (await applied()) return;
  for (let i = 0; i < MAX_ATTEMPTS; i++) {
    const built = await applier(plain);
    if (!built.ok) ctx.onFixtureError?.(`fixture not applied: ${built.error.message}`);
    const draft = built.ok ? built.value : plain.fork();
    if ((await draft.commit({ markFixtured: true })).ok || (await applied())) return;
  }
}
