import type { AccountStore } from '../store/types.ts';
import { type Fixture, importFixture } from './fixtures.ts';

/**
 * The `template` of `createTenants` for the current fixture: the baseline with the fixture applied,
 * built once per fixture (again after a reload changes it) and shared by every tenant until it
 * writes. A fixture that cannot be applied is logged once and tenants start from the baseline.
 */
export function fixtureTemplate(
  currentFixture: () => Fixture | undefined,
): (base: AccountStore) => AccountStore {
  const built = new WeakMap<Fixture, AccountStore>();
  return (base) => {
    const fixture = currentFixture();
    if (fixture === undefined) return base;
    let start = built.get(fixture);
    if (start === undefined) {
      const applied = importFixture(base, fixture);
      if (!applied.ok) console.error(`togai-mock: fixture not applied: ${applied.error.message}`);
      start = applied.ok ? applied.value.store : base;
      built.set(fixture, start);
    }
    return start;
  };
}
