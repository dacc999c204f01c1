import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type TestMock } from '../helpers/start-mock.ts';

let mock: TestMock;
beforeAll(async () => {
  mock = await startMock({ seed: 8, accounts: 1_200, customers: 3 });
});
afterAll(() => mock.close());

describe('GET /__admin/export over HTTP', () => {
  it('streams the export chunked, and it imports back over HTTP', async () => {
    const res = await fetch(`${mock.url}/__admin/export`, { headers: { authorization: 'Bearer http-a' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('transfer-encoding')).toBe('chunked');
    expect(res.headers.get('content-length')).toBeNull();
    const text = await res.text();
    const fixture = JSON.parse(text) as { accounts: unknown[]; customers: unknown[] };
    expect(fixture.accounts).toHaveLength(1_200);
    const imported = await mock.call('POST', '/__admin/import', { token: 'http-b', body: text });
    expect(imported).toMatchObject({ status: 200, body: { success: true, accounts: 1_200 } });
  });

  it('answers HEAD with the headers and no body', async () => {
    const res = await fetch(`${mock.url}/__admin/export`, {
      method: 'HEAD',
      headers: { authorization: 'Bearer http-head' },
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    // The tenant is free again: the producer was stopped, not left holding its lease.
    const again = await mock.call('GET', '/__admin/export', { token: 'http-head' });
    expect(again.status).toBe(200);
  });

  it('stops producing when the client goes away, freeing the tenant', async () => {
    await new Promise<void>((resolve, reject) => {
      const req = request(
        `${mock.url}/__admin/export`,
        { headers: { authorization: 'Bearer gone' } },
        (res) => {
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        },
      );
      req.on('error', () => undefined);
      req.once('error', reject);
      req.end();
    });
    // The server learns of the closed socket on its next write; give it a few turns, no clock.
    let status = 429;
    for (let i = 0; i < 50 && status === 429; i++) {
      await new Promise((resolve) => setImmediate(resolve));
      status = (await mock.call('GET', '/__admin/export', { token: 'gone' })).status;
    }
    expect(status).toBe(200);
  });
});
