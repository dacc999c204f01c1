import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchangeRaw } from '../helpers/raw-socket.ts';
import { startMock, type TestMock } from '../helpers/start-mock.ts';
import { expectStillServing } from './hostile-helpers.ts';

let mock: TestMock;
beforeAll(async () => {
  mock = await startMock({ seed: 3, accounts: 5, customers: 1 });
});
afterAll(() => mock.close());

const exchange = (raw: string) => exchangeRaw(mock.url, raw);

const post = (headers: string, body = '') =>
  `POST /accounts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\nContent-Type: application/json\r\n${headers}\r\n${body}`;

describe('malformed HTTP framing', () => {
  it.each([
    [
      'Content-Length and Transfer-Encoding together',
      post('Content-Length: 2\r\nTransfer-Encoding: chunked\r\n', '2\r\n{}\r\n0\r\n\r\n'),
    ],
    ['a Content-Length that is not a number', post('Content-Length: abc\r\n', '{}')],
    ['two different Content-Lengths', post('Content-Length: 2\r\nContent-Length: 3\r\n', '{}')],
    ['a chunk size that is not hex', post('Transfer-Encoding: chunked\r\n', 'zz\r\n{}\r\n0\r\n\r\n')],
    ['a space before a header colon', 'GET /accounts HTTP/1.1\r\nHost : x\r\n\r\n'],
    ['a request line that is not HTTP', 'GARBAGE\r\n\r\n'],
  ])("gets Node's bare 400 with no body and a closed connection: %s", async (_name, raw) => {
    const answer = await exchange(raw);
    const [head = '', body = ''] = answer.split('\r\n\r\n');
    expect(head.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
    expect(head.toLowerCase()).toContain('connection: close');
    expect(head.toLowerCase()).not.toContain('x-error-code');
    expect(body).toBe('');
    await expectStillServing(mock);
  });
});
