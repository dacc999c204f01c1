import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type TestMock } from '../helpers/start-mock.ts';
import { expectStillServing, sendRaw } from '../hostile/hostile-helpers.ts';

// HTTP-only: what exists only over a socket (raw framing, Node's header limit, CORS preflights).
// Everything else runs for every adapter from test/cases/ (see test/adapters/http.test.ts).
// Socket timeouts (slowloris) and heap growth stay in test/hostile/limits.test.ts, also HTTP-only.

let mock: TestMock;
beforeAll(async () => {
  mock = await startMock({ seed: 11, accounts: 20, customers: 2 });
});
afterAll(() => mock.close());

describe('a POST with no body at all', () => {
  it('answers 400 "body: a JSON object is required", not 415, when no Content-Length is sent', async () => {
    const { port, hostname } = new URL(mock.url);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), hostname);
      let answer = '';
      socket.on('data', (chunk) => {
        answer += chunk.toString();
      });
      socket.on('end', () => resolve(answer));
      socket.on('error', reject);
      socket.write(
        'POST /accounts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n',
      );
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(raw).toContain('{"message":"body: a JSON object is required"}');
  });
});

describe('CORS', () => {
  it('answers a preflight from a browser on another origin', async () => {
    const res = await fetch(`${mock.url}/accounts`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:3000',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(res.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
  });

  it('allows only the configured origins when given', async () => {
    const strict = await startMock({ accounts: 3, customers: 1, corsOrigins: ['http://app.example'] });
    try {
      const allowed = await strict.call('GET', '/accounts', { headers: { origin: 'http://app.example' } });
      expect(allowed.headers.get('access-control-allow-origin')).toBe('http://app.example');
      const other = await strict.call('GET', '/accounts', { headers: { origin: 'http://evil.example' } });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await strict.close();
    }
  });
});

describe('oversized headers', () => {
  it("answers Node's bare 431 to 20 kB of headers, then keeps serving", async () => {
    const res = await sendRaw(mock.url, 'GET', '/accounts', {
      headers: { authorization: 'Bearer hostile', 'x-padding': 'p'.repeat(20_000) },
    });
    expect(res.status).toBe(431);
    expect(res.headers.get('x-error-code')).toBeNull();
    await expectStillServing(mock);
  });
});
