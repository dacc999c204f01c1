// HTTP-only: socket timeouts (slowloris), body framing and heap growth of the Node server. The
// behaviour every adapter shares runs from test/cases/ (test/adapters/*.test.ts).
import { connect } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockServer } from '../../src/adapters/node/create-mock-server.ts';
import { createResponseValidator } from '../helpers/response-validator.ts';
import { startMock, type TestMock } from '../helpers/start-mock.ts';
import { expectStillServing, type ResponseValidator, sendRaw, walkList } from './hostile-helpers.ts';

const UNTOUCHED = 'hostile-limits-untouched';
const SEEDED = 10;
const CAP = 13;

let mock: TestMock;
let validate: ResponseValidator;
let customerId: string;
let walkAtStart: unknown[];

beforeAll(async () => {
  mock = await startMock({ seed: 31, accounts: SEEDED, customers: 2, maxAccounts: CAP });
  validate = await createResponseValidator();
  walkAtStart = await walkList(mock, validate, { token: UNTOUCHED });
  customerId = (
    (await mock.call('GET', '/customers?pageSize=1', { token: UNTOUCHED })).body as {
      data: { id: string }[];
    }
  ).data[0]?.id as string;
});
afterAll(() => mock.close());

const create = (token: string, id: string) =>
  mock.call('POST', '/accounts', { token, body: { id, name: `Capped ${id}`, customerId } });

describe('the cap on stored accounts', () => {
  it('answers 403 STORE_FULL past --max-accounts, changes nothing, and accepts again after a delete', async () => {
    const token = 'hostile-cap';
    for (let i = SEEDED; i < CAP; i++) expect((await create(token, `CAP_${i}`)).status).toBe(201);
    const full = await walkList(mock, validate, { token });
    expect(full).toHaveLength(CAP);

    const refused = await create(token, 'CAP_OVER');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('x-error-code')).toBe('STORE_FULL');
    expect((refused.body as { message: string }).message).toBe(
      `accounts: the store holds the maximum of ${CAP} accounts`,
    );
    expect(validate('createAccount', 403, refused.body)).toEqual([]);

    const withAccount = await mock.call('POST', '/customers', {
      token,
      body: {
        id: 'CAP_CUSTOMER',
        name: 'Capped customer',
        primaryEmail: 'cap@x.com',
        address: { country: 'US' },
        account: { id: 'CAP_VIA_CUSTOMER', name: 'Via customer' },
      },
    });
    expect(withAccount.status).toBe(403);
    expect(withAccount.headers.get('x-error-code')).toBe('STORE_FULL');
    expect((await mock.call('GET', '/customers/CAP_CUSTOMER', { token })).status).toBe(404);

    expect((await mock.call('GET', '/accounts/CAP_OVER', { token })).status).toBe(404);
    expect(await walkList(mock, validate, { token })).toEqual(full);

    expect((await mock.call('DELETE', '/accounts/CAP_10', { token })).status).toBe(200);
    expect((await create(token, 'CAP_OVER')).status).toBe(201);
  });

  it('counts each tenant on its own: one full tenant does not stop another', async () => {
    expect((await create('hostile-cap-other', 'OTHER_1')).status).toBe(201);
  });
});

describe('request timeouts', () => {
  let port: number;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const built = await createMockServer({
      seed: 31,
      accounts: SEEDED,
      customers: 2,
      headersTimeoutMs: 300,
      requestTimeoutMs: 600,
    });
    const running = await built.listen(0, '127.0.0.1');
    port = Number(new URL(running.url).port);
    close = running.close;
  });
  afterAll(() => close());

  /** Sends a request's head a few bytes at a time, forever: resolves with what the server did. */
  const slowloris = (lines: string[]) =>
    new Promise<{ answer: string; closedAfterMs: number }>((resolve) => {
      const started = performance.now();
      const socket = connect(port, '127.0.0.1');
      let answer = '';
      let timer: NodeJS.Timeout | undefined;
      const bytes = lines.join('');
      let at = 0;
      socket.on('connect', () => {
        timer = setInterval(() => {
          if (at < bytes.length) socket.write(bytes.slice(at, at + 2));
          at += 2;
        }, 40);
      });
      socket.on('data', (chunk) => {
        answer += chunk.toString();
      });
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearInterval(timer);
        resolve({ answer, closedAfterMs: performance.now() - started });
      });
    });

  it('cuts a client that sends its headers too slowly, and keeps serving others', async () => {
    const headers = ['GET /accounts HTTP/1.1\r\n', 'Host: x\r\n', `X-Slow: ${'s'.repeat(400)}\r\n`, '\r\n'];
    const { answer, closedAfterMs } = await slowloris(headers);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(closedAfterMs).toBeLessThan(3_000);
    const res = await sendRaw(`http://127.0.0.1:${port}`, 'GET', '/accounts?pageSize=1', {
      headers: { authorization: 'Bearer t' },
    });
    expect(res.status).toBe(200);
  });

  it('cuts a client that sends its body too slowly', async () => {
    const head = 'POST /accounts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\n';
    const body = `{"id":"SLOW","name":"Slow body","customerId":"x","metadata":{"pad":"${'p'.repeat(400)}"}}`;
    const { answer, closedAfterMs } = await slowloris([
      `${head}Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
      body,
    ]);
    // The head arrives slowly too, so either timeout may be the one that fires.
    expect(answer).toMatch(/^HTTP\/1\.1 (408|400)/);
    expect(closedAfterMs).toBeLessThan(3_000);
  });
});

describe('memory under a stream of bad requests', () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const heapAfterGc = () => {
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };
  const json = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
  const BAD: ((i: number) => Promise<unknown>)[] = [
    (i) => sendRaw(mock.url, 'POST', '/accounts', { headers: json(`mem-${i}`), body: `{"id":${i},` }),
    (i) => sendRaw(mock.url, 'GET', `/accounts?pageSize=${-i}`, { headers: json(`mem-${i}`) }),
    (i) => sendRaw(mock.url, 'GET', `/accounts?nextToken=${'Q'.repeat(i % 1000)}x`, { headers: json('mem') }),
    (i) =>
      sendRaw(mock.url, 'GET', '/accounts', { headers: { authorization: `Bearer ${'a'.repeat(5000 + i)}` } }),
    (i) =>
      sendRaw(mock.url, 'POST', '/accounts', {
        headers: { ...json('mem'), 'content-type': 'text/plain' },
        body: `x${i}`,
      }),
    (i) => sendRaw(mock.url, 'GET', `/no-such-path/${i}`, { headers: json('mem') }),
    (i) => sendRaw(mock.url, 'GET', `/accounts/${'x'.repeat(51)}${i}`, { headers: json('mem') }),
    (i) =>
      sendRaw(mock.url, 'PATCH', `/accounts/UNKNOWN_${i}`, {
        headers: json(`mem-${i}`),
        body: '{"name":"ab"}',
      }),
    (i) =>
      sendRaw(mock.url, 'POST', '/accounts', {
        headers: json('mem'),
        body: `{"id":"M${i}","x":"${'y'.repeat(110_000)}"}`,
      }),
    (i) => sendRaw(mock.url, 'DELETE', `/accounts/NOPE_${i}`, { headers: json(`mem-${i}`) }),
  ];
  const blast = async (count: number) => {
    const parallel = 10;
    for (let start = 0; start < count; start += parallel) {
      await Promise.all(
        Array.from({ length: parallel }, (_, k) => {
          const i = start + k;
          return BAD[i % BAD.length]?.(i);
        }),
      );
    }
  };

  it('does not grow the heap by more than 30 MB over 5,000 bad requests', async () => {
    await blast(1_000); // warm-up: JIT, connection pools, the request log filling to its cap
    const before = heapAfterGc();
    const started = performance.now();
    await blast(5_000);
    const after = heapAfterGc();
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    console.log(
      `limits: heap ${mb(before)} MB → ${mb(after)} MB (${mb(after - before)} MB) over 5,000 bad requests in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(after - before).toBeLessThan(30 * 1024 * 1024);
    await expectStillServing(mock);
  }, 60_000);
});

describe('after the limits', () => {
  it('is still up, and an untouched tenant walks exactly the data it walked at the start', async () => {
    expect(await walkList(mock, validate, { token: UNTOUCHED })).toEqual(walkAtStart);
  });
});
