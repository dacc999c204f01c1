import type { ItemCollectionSpec } from '../store/generic/item-collection.ts';
import { createBaseline, createTenants } from '../store/index.ts';
import type { MockOptions } from './create-mock.ts';
import type { Fixture } from './fixtures.ts';
import { fromMemoryTenants, type TenantRegistry } from './store-port.ts';
import { baselineOptionsOf, tenancyOf } from './store-settings.ts';
import { fixtureTemplate } from './with-fixture.ts';

/** The default tenants: copy-on-write forks of one seeded, immutable baseline, in this process. */
export function createMemoryTenants(
  options: MockOptions,
  settings: { seed: number; accounts: number; customers: number; shared: boolean },
  currentFixture: () => Fixture | undefined,
  items: readonly ItemCollectionSpec[] = [],
): TenantRegistry {
  const tenants = createTenants({
    baseline: createBaseline(baselineOptionsOf(options, settings)),
    items,
    ...(options.randomUUID ? { randomUUID: options.randomUUID } : {}),
    ...tenancyOf(options),
    template: fixtureTemplate(currentFixture),
    // The mock's clock (tests inject one) also times idle tenants.
    ...(options.now ? { now: dateClockOf(options.now) } : {}),
  });
  return fromMemoryTenants(tenants);
}

const dateClockOf = (now: () => number) => () => new Date(now());
