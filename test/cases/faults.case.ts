import { afterAll, beforeAll, expect, it } from 'vitest';
import { createResponseValidator } from '../helpers/response-validator.ts';
import type { TestMock } from '../helpers/start-mock.ts';
import type { Adapter, CaseSuite } from './adapter.ts';

/**
 * One-shot faults queued with `POST /__admin/faults`, on every adapter: the app under test never
 * sends a header for them. (Not in the Redis suite yet: the queue is per process until the shared
 * one of issue #24.)
 */
export const faultsCases: CaseSuite = {
  name: 'sandbox: one-shot faults',
  define(adapter: Adapter) {
    let mock: TestMock;
    let validate: Awaited<ReturnType<typeof createResponseValidator>>;
    let accountId: string;
    beforeAll(async () => {
      mock = await adapter.start({ seed: 6, accounts: 12, customers: 2, adminToken: 'faults-admin-token' });
      validate = await createResponseValidator();
      accountId = ((await mock.call('GET', '/accounts?pageSize=1')).body as { data: { id: string }[] })
        .data[0]?.id as string;
    });
    afterAll(() => mock.close());

    const queue = (token: string, fault: Record<string, unknown>) =>
      mock.call('POST', '/__admin/faults', { token, body: fault });
    const message = (body: unknown) => (body as { message: string }).message;

    it('answers the next matching request of the tenant with the queued status, once', async () => {
      const queued = await queue('fault-once', { method: 'GET', path: '/accounts/*', status: 503, count: 1 });
      expect(queued.status).toBe(201);
      expect(queued.body).toMatchObject({ method: 'GET', path: '/accounts/*', status: 503, remaining: 1 });
      expect((await mock.call('GET', '/accounts?pageSize=1', { token: 'fault-once' })).status).toBe(200);
      expect((await mock.call('GET', `/accounts/${accountId}`, { token: 'someone-else' })).status).toBe(200);
      const hit = await mock.call('GET', `/accounts/${accountId}`, { token: 'fault-once' });
      expect(hit.status).toBe(503);
      expect(hit.headers.get('x-error-code')).toBe('SERVICE_UNAVAILABLE');
      expect(message(hit.body)).toMatch(/^fault: a 503 queued for this tenant/);
      expect(validate('getAccount', 503, hit.body)).toEqual([]);
      expect((await mock.call('GET', `/accounts/${accountId}`, { token: 'fault-once' })).status).toBe(200);
      expect((await mock.call('GET', '/__admin/faults', { token: 'fault-once' })).body).toEqual({ data: [] });
    });

    it('drops the connection for reset: true, as a network error the client sees', async () => {
      await queue('fault-reset', { path: '/accounts/*', reset: true });
      await expect(
        fetch(`${mock.url}/accounts/${accountId}`, { headers: { authorization: 'Bearer fault-reset' } }),
      ).rejects.toThrow();
      expect((await mock.call('GET', `/accounts/${accountId}`, { token: 'fault-reset' })).status).toBe(200);
    });

    it('answers a named example of the operation, and a body and headers given', async () => {
      await queue('fault-example', { method: 'GET', path: '/accounts', example: 'lastPage' });
      const example = await mock.call('GET', '/accounts', { token: 'fault-example' });
      expect(example.status).toBe(200);
      expect(example.body).toEqual({ data: [], context: { pageSize: 10, sortOrder: 'ASC' } });
      await queue('fault-body', {
        operation: 'getAccount',
        status: 429,
        body: { message: 'slow down' },
        headers: { 'Retry-After': '7' },
      });
      const body = await mock.call('GET', `/accounts/${accountId}`, { token: 'fault-body' });
      expect(body).toMatchObject({ status: 429, body: { message: 'slow down' } });
      expect(body.headers.get('retry-after')).toBe('7');
    });

    it('catches only what it names: the method, the path pattern, the count', async () => {
      await queue('fault-count', { method: 'DELETE', path: '/accounts/*', status: 500, count: 2 });
      expect((await mock.call('GET', `/accounts/${accountId}`, { token: 'fault-count' })).status).toBe(200);
      for (let i = 0; i < 2; i++) {
        expect((await mock.call('DELETE', `/accounts/${accountId}`, { token: 'fault-count' })).status).toBe(
          500,
        );
      }
      expect((await mock.call('DELETE', `/accounts/${accountId}`, { token: 'fault-count' })).status).toBe(
        200,
      );
    });

    it('lists, removes one and clears the tenant own queue, and never another tenant', async () => {
      const a = (await queue('lister', { path: '/customers', status: 500 })).body as { id: string };
      await queue('lister', { path: '/customers', status: 502 });
      await queue('other-lister', { path: '/customers', status: 500 });
      const listed = (await mock.call('GET', '/__admin/faults', { token: 'lister' })).body as {
        data: unknown[];
      };
      expect(listed.data).toHaveLength(2);
      expect((await mock.call('DELETE', `/__admin/faults/${a.id}`, { token: 'other-lister' })).status).toBe(
        404,
      );
      expect((await mock.call('DELETE', `/__admin/faults/${a.id}`, { token: 'lister' })).body).toMatchObject({
        removed: 1,
      });
      expect((await mock.call('DELETE', '/__admin/faults', { token: 'lister' })).body).toMatchObject({
        removed: 1,
      });
      expect((await mock.call('GET', '/__admin/faults', { token: 'other-lister' })).body).toMatchObject({
        data: [{ status: 500 }],
      });
      await mock.call('DELETE', '/__admin/faults', { token: 'other-lister' });
    });

    it('lets the admin token queue for a tenant named as the log names it, or for every tenant', async () => {
      await mock.call('GET', '/customers', { token: 'named-tenant' });
      const log = await mock.call('GET', '/__admin/requests?limit=1', { token: 'named-tenant' });
      const tenant = (log.body as { data: { tenant: string }[] }).data[0]?.tenant;
      const admin = { 'x-admin-token': 'faults-admin-token' };
      const named = await mock.call('POST', '/__admin/faults', {
        token: null,
        headers: admin,
        body: { tenant, path: '/customers', status: 500 },
      });
      expect(named.status).toBe(201);
      expect((await mock.call('GET', '/customers', { token: 'named-tenant' })).status).toBe(500);
      await mock.call('POST', '/__admin/faults', {
        token: null,
        headers: admin,
        body: { tenant: '*', path: '/customers', status: 502 },
      });
      expect((await mock.call('GET', '/customers', { token: 'anybody' })).status).toBe(502);
      const refused = await queue('not-admin', { tenant: '*', path: '/customers', status: 500 });
      expect(refused.status).toBe(403);
    });

    it.each([
      [{ path: '/nowhere/*', status: 500 }, /^path: no operation of the spec is at \/nowhere/],
      [{ path: '/accounts/*', reset: true, status: 500 }, /^reset: /],
      [
        { path: '/accounts', example: 'noSuchExample' },
        /^example: noSuchExample is not an example of getAccounts/,
      ],
      [{ path: '/accounts', status: 700 }, /^status: must be <= 599/],
      [{ path: '/accounts' }, /^body: say what the fault does/],
      [{ operation: 'nope', status: 500 }, /^operation: the spec has no operation "nope"/],
      [{ method: 'PUT', path: '/accounts', status: 500 }, /^method: PUT is not allowed on \/accounts/],
    ])('refuses a fault that could never work with 400 naming the field: %j', async (fault, expected) => {
      const res = await queue('bad-faults', fault);
      expect(res.status).toBe(400);
      expect(message(res.body)).toMatch(expected);
    });
  },
};
