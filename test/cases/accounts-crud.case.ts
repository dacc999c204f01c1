import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResponseValidator } from '../helpers/response-validator.ts';
import type { TestMock } from '../helpers/start-mock.ts';
import type { Adapter, CaseSuite } from './adapter.ts';

/** Shared cases (from test/mock/accounts-crud.test.ts): run against every adapter by test/adapters/*.test.ts. */
export const accountsCrudCases: CaseSuite = {
  name: 'account CRUD',
  define(adapter: Adapter) {
    let mock: TestMock;
    let validate: Awaited<ReturnType<typeof createResponseValidator>>;

    beforeAll(async () => {
      mock = await adapter.start({ seed: 7, accounts: 40, customers: 3 });
      validate = await createResponseValidator();
    });
    afterAll(() => mock.close());

    const firstCustomerId = async () => {
      const res = await mock.call('GET', '/customers?pageSize=1');
      return (res.body as { data: { id: string; togaiCustomerId: string }[] }).data[0] as {
        id: string;
        togaiCustomerId: string;
      };
    };

    describe('account CRUD', () => {
      it('creates an account (201), then gets, lists, patches and deletes it as the spec says', async () => {
        const customer = await firstCustomerId();
        const created = await mock.call('POST', '/accounts', {
          token: 'crud',
          body: {
            id: 'ACC_CRUD_1',
            name: 'Crud Test',
            customerId: customer.id,
            tags: ['Gold', 'EU'],
            metadata: { a: '1' },
          },
        });
        expect(created.status).toBe(201);
        expect(validate('createAccount', 201, created.body)).toEqual([]);
        expect(created.body).toMatchObject({
          id: 'ACC_CRUD_1',
          name: 'Crud Test',
          customerId: customer.id,
          togaiCustomerId: customer.togaiCustomerId,
          status: 'ACTIVE',
          tags: ['gold', 'eu'],
          metadata: { a: '1' },
        });

        const got = await mock.call('GET', '/accounts/ACC_CRUD_1', { token: 'crud' });
        expect(got.status).toBe(200);
        expect(got.body).toEqual(created.body);

        const patched = await mock.call('PATCH', '/accounts/ACC_CRUD_1', {
          token: 'crud',
          body: { name: 'Crud Renamed', metadata: { b: '2' } },
        });
        expect(patched.status).toBe(200);
        expect(validate('updateAccount', 200, patched.body)).toEqual([]);
        expect(patched.body).toEqual({
          ...(created.body as object),
          name: 'Crud Renamed',
          metadata: { b: '2' },
        });

        const cleared = await mock.call('PATCH', '/accounts/ACC_CRUD_1', {
          token: 'crud',
          body: { metadata: {} },
        });
        expect((cleared.body as { metadata?: object }).metadata ?? {}).toEqual({});

        const removed = await mock.call('DELETE', '/accounts/ACC_CRUD_1', { token: 'crud' });
        expect(removed).toMatchObject({ status: 200, body: { success: true } });
        expect(validate('deleteAccount', 200, removed.body)).toEqual([]);

        for (const [method, body] of [['GET'], ['PATCH', { name: 'again' }], ['DELETE']] as const) {
          const after = await mock.call(method, '/accounts/ACC_CRUD_1', {
            token: 'crud',
            ...(body ? { body } : {}),
          });
          expect(after.status, method).toBe(404);
          expect(after.headers.get('x-error-code')).toBe('ACCOUNT_NOT_FOUND');
          expect((after.body as { message: string }).message).toMatch(/^account_id: /);
          expect(validate('getAccount', 404, after.body)).toEqual([]);
        }
      });

      it('answers 409 DUPLICATE_ID to a second create with the same id, leaving the first untouched', async () => {
        const customer = await firstCustomerId();
        const body = { id: 'ACC_DUP', name: 'First one', customerId: customer.id };
        expect((await mock.call('POST', '/accounts', { token: 'dup', body })).status).toBe(201);
        const again = await mock.call('POST', '/accounts', {
          token: 'dup',
          body: { ...body, name: 'Second one' },
        });
        expect(again.status).toBe(409);
        expect(again.headers.get('x-error-code')).toBe('DUPLICATE_ID');
        expect((again.body as { message: string }).message).toMatch(/^id: /);
        expect(validate('createAccount', 409, again.body)).toEqual([]);
        const stored = await mock.call('GET', '/accounts/ACC_DUP', { token: 'dup' });
        expect((stored.body as { name: string }).name).toBe('First one');
      });

      it('answers 404 naming customerId when the customer does not exist', async () => {
        const res = await mock.call('POST', '/accounts', {
          body: { id: 'ACC_ORPHAN', name: 'Orphan', customerId: 'NO_SUCH_CUSTOMER' },
        });
        expect(res.status).toBe(404);
        expect((res.body as { message: string }).message).toMatch(/^customerId: /);
      });

      it('adds and removes aliases, and lists them with pagination', async () => {
        const customer = await firstCustomerId();
        await mock.call('POST', '/accounts', {
          token: 'alias',
          body: { id: 'ACC_ALIAS', name: 'Alias Test', customerId: customer.id },
        });
        const added = await mock.call('POST', '/accounts/ACC_ALIAS/add_aliases', {
          token: 'alias',
          body: { aliases: ['first@example.com', 'second@example.com', 'first@example.com'] },
        });
        expect(added.status).toBe(200);
        expect(validate('addAliases', 200, added.body)).toEqual([]);
        expect((added.body as { aliases: unknown[] }).aliases).toEqual([
          { alias: 'first@example.com' },
          { alias: 'second@example.com' },
        ]);
        const page = await mock.call('GET', '/accounts/ACC_ALIAS/account_aliases?pageSize=1', {
          token: 'alias',
        });
        expect(page.status).toBe(200);
        expect(validate('listAccountAliases', 200, page.body)).toEqual([]);
        const first = page.body as { data: { value: string }[]; nextToken?: string };
        expect(first.data).toHaveLength(1);
        expect(first.nextToken).toBeTypeOf('string');
        const removed = await mock.call('POST', '/accounts/ACC_ALIAS/remove_aliases', {
          token: 'alias',
          body: { aliases: ['first@example.com'] },
        });
        expect((removed.body as { aliases: unknown[] }).aliases).toEqual([{ alias: 'second@example.com' }]);
      });

      it('keeps each token’s writes to itself', async () => {
        const customer = await firstCustomerId();
        await mock.call('POST', '/accounts', {
          token: 'tenant-a',
          body: { id: 'ACC_TENANT', name: 'Only in A', customerId: customer.id },
        });
        expect((await mock.call('GET', '/accounts/ACC_TENANT', { token: 'tenant-a' })).status).toBe(200);
        expect((await mock.call('GET', '/accounts/ACC_TENANT', { token: 'tenant-b' })).status).toBe(404);
      });
    });
  },
};
