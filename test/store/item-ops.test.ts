import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountStore, createDataSet } from '../../src/store/account-store.ts';
import { createBaseline } from '../../src/store/baseline.ts';
import type { ItemSeeder } from '../../src/store/generic/item-base.ts';
import type { ItemCollectionSpec } from '../../src/store/generic/item-collection.ts';
import { storeKeyOf } from '../../src/store/generic/item-records.ts';
import type { ItemAt } from '../../src/store/ops/item-ops.ts';
import { connectRedis, type RedisConnection } from '../../src/store/redis/connect-redis.ts';
import { createRedisTenants } from '../../src/store/redis/redis-tenants.ts';
import { hasRedisServer, type RedisServer, startRedisServer } from '../helpers/redis-server.ts';

/** Two collections a description might imply: shelves (5 seeded) and their books (2 per shelf). */
const shelves: ItemSeeder = {
  countOf: () => 5,
  keyOf: (_p, i) => `shelf-${i}`,
  itemOf: (_p, i, key) => ({ id: key, label: `Shelf ${i}` }),
};
const books: ItemSeeder = {
  countOf: () => 2,
  keyOf: (p, i) => `b${p}${i}`,
  itemOf: (p, i, key) => ({ id: key, title: `Book ${p}.${i}` }),
};
const ITEMS: ItemCollectionSpec[] = [
  { name: 'shelves', seeder: shelves, cap: 20 },
  { name: 'shelves.books', parent: 'shelves', seeder: books, cap: 40 },
];
const baseline = createBaseline({ seed: 1, accounts: 0, customers: 0 });

type AnyStore = Record<string, (...args: never[]) => unknown>;
const shelf = (key: string): ItemAt => ({ collection: 'shelves', param: 'shelfId', key });
const book = (shelfKey: string, key: string): ItemAt => ({
  collection: 'shelves.books',
  param: 'bookId',
  key,
  parent: { collection: 'shelves', key: shelfKey, param: 'shelfId' },
});

function itemCases(open: () => Promise<AnyStore>) {
  const call = async (store: AnyStore, name: string, ...args: unknown[]) =>
    await (store[name] as (...a: unknown[]) => unknown)(...args);
  const keys = (page: unknown) =>
    ((page as { value: { items: { item: { id: string } }[] } }).value.items ?? []).map(
      (entry) => entry.item.id,
    );

  it('lists the seeded items of a collection in key order, and a parent’s children only', async () => {
    const store = await open();
    const top = await call(store, 'listItems', 'shelves', undefined, { order: 'ASC', limit: 10 });
    expect(keys(top)).toEqual(['shelf-0', 'shelf-1', 'shelf-2', 'shelf-3', 'shelf-4']);
    const parent = book('shelf-3', '').parent;
    const nested = await call(store, 'listItems', 'shelves.books', parent, { order: 'DESC', limit: 10 });
    expect(keys(nested)).toEqual(['b31', 'b30']);
  });

  it('creates, reads, patches, replaces and deletes an item; 404 after', async () => {
    const store = await open();
    expect(await call(store, 'createItem', shelf('new'), { id: 'new', label: 'N' }, 'id')).toEqual({
      ok: true,
      value: { id: 'new', label: 'N' },
    });
    expect(await call(store, 'createItem', shelf('new'), { id: 'new' }, 'id')).toMatchObject({
      ok: false,
      error: { code: 'DUPLICATE_ID' },
    });
    expect(
      await call(store, 'patchItem', shelf('new'), { id: 'other', label: null, colour: 'red' }, ['id']),
    ).toEqual({
      ok: true,
      value: { id: 'new', colour: 'red' },
    });
    expect(await call(store, 'replaceItem', shelf('new'), { id: 'new', label: 'R' })).toMatchObject({
      ok: true,
    });
    expect(await call(store, 'getItem', shelf('new'))).toEqual({
      ok: true,
      value: { id: 'new', label: 'R' },
    });
    expect(await call(store, 'deleteItem', shelf('new'))).toMatchObject({ ok: true });
    expect(await call(store, 'getItem', shelf('new'))).toEqual({
      ok: false,
      error: { code: 'RESOURCE_NOT_FOUND', message: 'shelfId: nothing found with id new' },
    });
  });

  it('answers 404 naming the parent for a child of an unknown parent', async () => {
    const store = await open();
    expect(await call(store, 'createItem', book('nope', 'x'), { id: 'x' }, 'id')).toEqual({
      ok: false,
      error: { code: 'RESOURCE_NOT_FOUND', message: 'shelfId: nothing found with id nope' },
    });
  });

  it('takes a parent’s seeded and created children with it when it is deleted', async () => {
    const store = await open();
    await call(store, 'createItem', book('shelf-2', 'mine'), { id: 'mine' }, 'id');
    await call(store, 'createItem', book('shelf-1', 'kept'), { id: 'kept' }, 'id');
    expect(await call(store, 'deleteItem', shelf('shelf-2'))).toMatchObject({ ok: true });
    const all = await call(store, 'listItems', 'shelves.books', undefined, { order: 'ASC', limit: 50 });
    expect(keys(all)).toEqual(['b00', 'b01', 'b10', 'b11', 'kept', 'b30', 'b31', 'b40', 'b41']);
    // Created again, the parent has no children: the seeded ones stay gone with the old one.
    await call(store, 'createItem', shelf('shelf-2'), { id: 'shelf-2' }, 'id');
    const again = await call(store, 'listItems', 'shelves.books', book('shelf-2', '').parent, {
      order: 'ASC',
      limit: 10,
    });
    expect(keys(again)).toEqual([]);
  });

  it('pages a parent’s children with a cursor inside its range', async () => {
    const store = await open();
    for (const id of ['c1', 'c2', 'c3']) await call(store, 'createItem', book('shelf-0', id), { id }, 'id');
    const parent = book('shelf-0', '').parent;
    const first = await call(store, 'listItems', 'shelves.books', parent, { order: 'ASC', limit: 2 });
    expect(keys(first)).toEqual(['b00', 'b01']);
    const after = storeKeyOf('shelf-0', 'b01');
    const second = await call(store, 'listItems', 'shelves.books', parent, { order: 'ASC', limit: 2, after });
    expect(keys(second)).toEqual(['c1', 'c2']);
  });
}

describe('items of a description’s collections, in memory', () => {
  const data = createDataSet(baseline, ITEMS);
  itemCases(async () => createAccountStore(data) as unknown as AnyStore);
});

describe.skipIf(!hasRedisServer())('items of a description’s collections, on Redis', () => {
  let server: RedisServer;
  let connection: RedisConnection;
  let n = 0;
  beforeAll(async () => {
    server = await startRedisServer();
    const connected = await connectRedis(server.url, {});
    if (!connected.ok) throw new Error(connected.error);
    connection = connected.value;
  });
  afterAll(async () => {
    await connection.close();
    await server.dispose();
  });
  itemCases(async () => {
    const tenants = createRedisTenants({ port: connection, baseline, items: ITEMS, prefix: `t${n++}:` });
    return tenants.get('token') as unknown as AnyStore;
  });
});
