import { beforeEach, describe, expect, it } from 'vitest';
import { createMock, type Mock } from '../../src/core/index.ts';
import { RequestLog, tenantName } from '../../src/core/request-log.ts';
import { bundledSpec, call } from '../helpers/core-request.ts';

let mock: Mock;
beforeEach(async () => {
  mock = createMock({ spec: await bundledSpec(), seed: 2, accounts: 4, customers: 1, adminToken: 'adm' });
});

type Logged = { path: string; tenant: string; status: number };
const logOf = async (token: string, query = '') =>
  (await call(mock, 'GET', `/__admin/requests${query}`, { token })).body as { data: Logged[] };

describe('the request log is kept per tenant', () => {
  it('keeps a tenant history however many requests another tenant makes', async () => {
    await call(mock, 'GET', '/accounts?pageSize=1', { token: 'quiet' });
    await call(mock, 'GET', '/customers', { token: 'quiet' });
    for (let i = 0; i < 600; i++) await call(mock, 'GET', '/accounts', { token: 'noisy' });
    const quiet = await logOf('quiet');
    expect(quiet.data.map((e) => e.path)).toEqual(['/customers', '/accounts']);
    const everyone = await call(mock, 'GET', '/__admin/requests?all=true&limit=10000', {
      token: null,
      headers: { 'x-admin-token': 'adm' },
    });
    const entries = (everyone.body as { data: Logged[] }).data;
    // Its own look at the log is logged too, under its name.
    expect(entries.filter((e) => e.tenant === tenantName('quiet')).map((e) => e.path)).toEqual([
      '/__admin/requests',
      '/customers',
      '/accounts',
    ]);
    expect(entries.filter((e) => e.tenant === tenantName('noisy'))).toHaveLength(500);
    expect(entries[0]?.tenant).toBe(tenantName('quiet'));
  });

  it('logs admin calls under the tenant that made them, or "admin" for the admin token alone', async () => {
    await call(mock, 'GET', '/__admin/export', { token: 'owner' });
    await call(mock, 'POST', '/__admin/reset', { token: 'owner' });
    const own = await logOf('owner');
    expect(own.data.map((e) => [e.path, e.tenant])).toEqual([
      ['/__admin/reset', tenantName('owner')],
      ['/__admin/export', tenantName('owner')],
    ]);
    await call(mock, 'POST', '/__admin/reset?all=true', { token: null, headers: { 'x-admin-token': 'adm' } });
    const all = await mock.requests({ limit: 1 });
    expect(all[0]).toMatchObject({ path: '/__admin/reset', tenant: 'admin', status: 200 });
    expect((await mock.requests()).some((e) => e.tenant === 'anonymous')).toBe(false);
  });

  it.each(['0', '-1', '10001', '1e2', '5.0', ' 5', '0x10', '', 'abc', '5&limit=6'])(
    'answers 400 naming limit for limit=%s',
    async (value) => {
      const res = await call(mock, 'GET', `/__admin/requests?limit=${value}`, { token: 't' });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        message: value.includes('&')
          ? 'limit: must be given once'
          : 'limit: must be a whole number from 1 to 10000',
      });
    },
  );

  it('accepts a plain whole limit', async () => {
    await call(mock, 'GET', '/accounts', { token: 't' });
    await call(mock, 'GET', '/customers', { token: 't' });
    expect((await logOf('t', '?limit=1')).data.map((e) => e.path)).toEqual(['/customers']);
  });
});

describe('RequestLog', () => {
  const entry = (token: string, n: number) => ({
    id: `r${n}`,
    atMs: n,
    method: 'GET',
    path: `/${n}`,
    status: 200,
    latencyMs: 1,
    token,
  });

  it('bounds each tenant and the total, dropping the least recently active tenant first', () => {
    const log = new RequestLog({ perTenant: 2, total: 5 });
    log.add(entry('a', 1));
    log.add(entry('b', 2));
    log.add(entry('b', 3));
    log.add(entry('b', 4));
    log.add(entry('a', 5));
    expect(log.recent(10).map((e) => e.path)).toEqual(['/5', '/4', '/3', '/1']);
    log.add(entry('c', 6));
    log.add(entry('d', 7));
    // Six entries kept would pass the total: tenant b, the least recently active, goes.
    expect(log.size).toBeLessThanOrEqual(5);
    expect(log.recent(10).map((e) => e.path)).toEqual(['/7', '/6', '/5', '/1']);
    expect(log.recent(10, 'b')).toEqual([]);
  });
});
