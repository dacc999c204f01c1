import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchangeRaw } from '../../helpers/raw-socket.ts';
import { startMock, type TestMock } from '../../helpers/start-mock.ts';

let mock: TestMock;
beforeAll(async () => {
  mock = await startMock({ seed: 3, accounts: 5, customers: 1 });
});
afterAll(() => mock.close());

/** Every request in one packet on one connection; read until the server closes it. */
const pipeline = (requests: string[]) => exchangeRaw(mock.url, requests.join(''));

const request = (method: string, path: string, body?: unknown, last = false) => {
  const text = body === undefined ? '' : JSON.stringify(body);
  return [
    `${method} ${path} HTTP/1.1`,
    'Host: x',
    'Authorization: Bearer pipelined',
    ...(body === undefined
      ? []
      : ['Content-Type: application/json', `Content-Length: ${Buffer.byteLength(text)}`]),
    ...(last ? ['Connection: close'] : []),
    '',
    text,
  ].join('\r\n');
};

describe('pipelined requests on one connection', () => {
  it('take effect in the order they were sent: create, read, rename, read, delete, read', async () => {
    const customers = await mock.call('GET', '/customers?pageSize=1');
    const customerId = (customers.body as { data: { id: string }[] }).data[0]?.id;
    const answer = await pipeline([
      request('POST', '/accounts', { id: 'PIPE_1', name: 'First', customerId }),
      request('GET', '/accounts/PIPE_1'),
      request('PATCH', '/accounts/PIPE_1', { name: 'Renamed' }),
      request('GET', '/accounts/PIPE_1'),
      request('DELETE', '/accounts/PIPE_1'),
      request('GET', '/accounts/PIPE_1', undefined, true),
    ]);
    const statuses = [...answer.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((match) => Number(match[1]));
    expect(statuses).toEqual([201, 200, 200, 200, 200, 404]);
    const names = [...answer.matchAll(/"name":"(First|Renamed)"/g)].map((match) => match[1]);
    // The create, the first read, the rename and the second read each show the name.
    expect(names).toEqual(['First', 'First', 'Renamed', 'Renamed']);
  });
});
