import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type AccountStore, createAccountStore } from '../../src/store/account-store.ts';
import { createTenants } from '../../src/store/tenants.ts';
import { ALL_STORE_CASES, describeStoreCases } from './cases/index.ts';
import { baselineOf } from './cases/store-runner.ts';

// The shared store suite on the in-memory store: every method answers at once.
describeStoreCases({
  name: 'in memory',
  openStore: (baseline, options = {}) => createAccountStore(baselineOf(baseline), options),
  openTenants(baseline, { fixtureAccounts, ...options } = {}) {
    let start: AccountStore | undefined;
    // The template is built once and shared by every tenant, as the server's fixture is.
    const template = (base: AccountStore): AccountStore => {
      if (start) return start;
      start = base.fork();
      for (const account of fixtureAccounts ?? []) start.createAccount(account);
      return start;
    };
    const tenants = createTenants({
      baseline: baselineOf(baseline),
      ...options,
      ...(fixtureAccounts ? { template } : {}),
    });
    return {
      get: (token) => tenants.get(token),
      set: (token, draft) => tenants.set(token, draft as AccountStore),
      reset: (token) => tenants.reset(token),
      resetAll: () => tenants.resetAll(),
      size: () => tenants.size,
      stored: () => ({ items: tenants.storedItems, bytes: tenants.storedBytes }),
    };
  },
});

describe('the shared store suite', () => {
  it('runs every test/store/cases/*.case.ts file', () => {
    const files = readdirSync(new URL('./cases/', import.meta.url)).filter((f) => f.endsWith('.case.ts'));
    expect(ALL_STORE_CASES).toHaveLength(files.length);
  });
});
