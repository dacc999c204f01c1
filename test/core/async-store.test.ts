import { describe, expect, it } from 'vitest';
import { createMock, type StorePort, type TenantRegistry } from '../../src/core/index.ts';
import type { AccountStore } from '../../src/store/account-store.ts';
import { DomainException } from '../../src/store/errors.ts';
import { createBaseline, createTenants } from '../../src/store/index.ts';
import { bundledSpec, call } from '../helpers/core-request.ts';

/** The in-memory store behind Promises, as a shared (Redis) store would answer; counts the calls. */
function asynchronous(store: AccountStore, calls: string[]): StorePort {
  const wrapped: Record<string, unknown> = {};
  // A store may be a plain object of functions or a class instance (a tenant's read-only view).
  const names = [...Object.keys(store), ...Object.getOwnPropertyNames(Object.getPrototypeOf(store))].filter(
    (name) => name !== 'constructor' && typeof store[name as keyof AccountStore] === 'function',
  ) as (keyof AccountStore)[];
  for (const name of names) {
    wrapped[name] = async (...args: unknown[]) => {
      calls.push(name);
      const value = (store[name] as (...a: unknown[]) => unknown).apply(store, args);
      return name === 'fork' ? asynchronous(value as AccountStore, calls) : value;
    };
  }
  return wrapped as unknown as StorePort;
}

/** Tenants that answer like a shared (Redis) registry: every call a Promise, `set` a Result. */
function asyncTenants(calls: string[], notices: Map<string, string> = new Map()): TenantRegistry {
  const tenants = createTenants({ baseline: createBaseline({ seed: 2, accounts: 15, customers: 2 }) });
  const wrappers = new Map<string, StorePort>();
  return {
    get(key) {
      let store = wrappers.get(key);
      if (!store) {
        store = asynchronous(tenants.get(key), calls);
        wrappers.set(key, store);
      }
      return store;
    },
    async set(key, draft) {
      calls.push('set');
      wrappers.set(key, draft as StorePort);
      return { ok: true, value: true };
    },
    async reset(key) {
      wrappers.delete(key);
      tenants.reset(key);
    },
    async resetAll() {
      wrappers.clear();
      tenants.resetAll();
    },
    size: async () => tenants.size,
    resetNotice(key) {
      const notice = notices.get(key);
      notices.delete(key);
      return notice;
    },
  };
}

describe('a store that answers with Promises', () => {
  it('serves the same pages, writes and errors as the in-memory one', async () => {
    const spec = await bundledSpec();
    const calls: string[] = [];
    const sync = createMock({ spec, seed: 2, accounts: 15, customers: 2, tokenSecret: 'same-key' });
    const async = createMock({
      spec,
      seed: 2,
      accounts: 15,
      customers: 2,
      tokenSecret: 'same-key',
      tenants: asyncTenants(calls),
    });
    for (const target of ['/accounts?pageSize=4', '/customers', '/accounts/NOBODY']) {
      expect((await call(async, 'GET', target)).text).toBe((await call(sync, 'GET', target)).text);
    }
    expect(calls).toContain('listAccounts');
    const customerId = ((await call(async, 'GET', '/customers')).body as { data: { id: string }[] }).data[0]
      ?.id;
    const created = await call(async, 'POST', '/accounts', {
      body: { id: 'ASYNC_1', name: 'Async', customerId },
    });
    expect(created.status).toBe(201);
    expect((await call(async, 'GET', '/accounts/ASYNC_1')).status).toBe(200);
    await call(async, 'POST', '/accounts/ASYNC_1/add_aliases', {
      body: { aliases: ['one-alias', 'two-alias'] },
    });
    const aliases = await call(async, 'GET', '/accounts/ASYNC_1/account_aliases?pageSize=1');
    expect(aliases.status).toBe(200);
    expect((aliases.body as { nextToken?: string }).nextToken).toBeTypeOf('string');
    expect(
      (await call(async, 'POST', '/accounts', { body: { id: 'ASYNC_1', name: 'Again', customerId } })).status,
    ).toBe(409);
  });

  it('exports and imports a tenant through the store port', async () => {
    const calls: string[] = [];
    const mock = createMock({
      spec: await bundledSpec(),
      seed: 2,
      accounts: 15,
      customers: 2,
      tenants: asyncTenants(calls),
    });
    const exported = await mock.export('a');
    if (!exported.ok) throw new Error(exported.error.message);
    expect(exported.value.accounts).toHaveLength(15);
    const imported = await mock.import('b', {
      replace: true,
      accounts: exported.value.accounts.slice(0, 3),
      customers: exported.value.customers,
    });
    expect(imported).toEqual({ ok: true, value: { customers: 2, accounts: 3 } });
    expect(calls).toContain('fork');
    expect(
      ((await call(mock, 'GET', '/accounts', { token: 'b' })).body as { data: unknown[] }).data,
    ).toHaveLength(3);
    expect(calls).toContain('set');
    await mock.reset('b');
    const reset = await call(mock, 'GET', '/accounts', { token: 'b' });
    expect((reset.body as { data: unknown[] }).data).toHaveLength(15);
  });

  it('tells a tenant once, in X-Tenant-Reset, that the registry dropped its data', async () => {
    const notices = new Map([['evicted-one', 'evicted']]);
    const spec = await bundledSpec();
    const mock = createMock({
      spec,
      seed: 2,
      accounts: 15,
      customers: 2,
      tenants: asyncTenants([], notices),
    });
    const first = await call(mock, 'GET', '/accounts', { token: 'evicted-one' });
    expect(first.headers['x-tenant-reset']).toBe('evicted');
    const second = await call(mock, 'GET', '/accounts', { token: 'evicted-one' });
    expect(second.headers['x-tenant-reset']).toBeUndefined();
  });

  it("answers 503 with the store's message when its backend throws that it is unavailable", async () => {
    const tenants = asyncTenants([]);
    const unavailable = async () => {
      throw new DomainException({
        code: 'SERVICE_UNAVAILABLE',
        message: 'store: Redis is unavailable (test)',
      });
    };
    const down: TenantRegistry = {
      ...tenants,
      get: (key) => ({ ...tenants.get(key), listAccounts: unavailable }),
    };
    const mock = createMock({ spec: await bundledSpec(), accounts: 3, customers: 1, tenants: down });
    const res = await call(mock, 'GET', '/accounts');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ message: 'store: Redis is unavailable (test)' });
    expect(res.headers['x-error-code']).toBe('SERVICE_UNAVAILABLE');
  });
});
