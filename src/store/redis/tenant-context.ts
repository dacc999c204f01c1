import type { BudgetLimits } from '../budget.ts';
import type { DataSet } from '../data-set.ts';
import type { KeySpace } from './keys.ts';
import type { RedisPort } from './redis-port.ts';
import type { FixtureApplier } from './redis-store.ts';

/** What one tenant's store needs to reach Redis. */
export interface TenantContext {
  readonly port: RedisPort;
  readonly keys: readonly string[];
  readonly keySpace: KeySpace;
  readonly tenant: string;
  readonly idleMs: number;
  /** The collections and their seeded bases, computed in this process (Redis holds overlays only). */
  readonly data: DataSet;
  /** The budget's limits, the same on every instance (they are part of the fingerprint). */
  readonly limits: BudgetLimits;
  readonly now: () => Date;
  readonly randomUUID: () => string;
  /**
   * The server's fixture, when it has one: applied to a tenant on first use (again after a
   * reset), like the in-memory mode does. Absent for the views that apply it.
   */
  readonly fixture?: (() => FixtureApplier | undefined) | undefined;
  /** Told when a fixture cannot be applied to a tenant (the tenant then starts without it). */
  readonly onFixtureError?: ((message: string) => void) | undefined;
  /** Applies `fixture` to this tenant now (once across instances); set by `createRedisTenants`. */
  readonly ensureFixture?: (() => Promise<void>) | undefined;
}
