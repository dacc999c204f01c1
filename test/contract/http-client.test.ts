import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createHttpClient, parseRetryAfter } from '../../src/contract/http-client.ts';

async function withServer(
  statuses: number[],
  test: (url: string, seen: string[]) => Promise<void>,
): Promise<void> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers.authorization ?? '');
    const status = statuses.shift() ?? 200;
    res.writeHead(status, {
      'content-type': 'application/json',
      ...(status === 429 ? { 'retry-after': '3' } : {}),
    });
    res.end(JSON.stringify({ echoed: req.headers.authorization }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await test(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

const options = { token: 'very-secret', timeoutMs: 2000, retries: 2, rateLimit: 0, maxRetryAfterMs: 10_000 };

describe('http client', () => {
  it('honours Retry-After on 429, bounded, then returns the answer', async () => {
    const waits: number[] = [];
    await withServer([429], async (url) => {
      const client = createHttpClient({ ...options, baseUrl: url, sleep: async (ms) => void waits.push(ms) });
      const result = await client.send({ method: 'get', path: '/accounts', auth: 'token' });
      expect(result.ok && result.value.response.status).toBe(200);
      expect(waits).toEqual([3000]);
      expect(client.requestCount()).toBe(2);
    });
  });

  it('scrubs the token from recorded requests and echoed responses', async () => {
    await withServer([], async (url, seen) => {
      const client = createHttpClient({ ...options, baseUrl: url });
      const result = await client.send({ method: 'get', path: '/accounts', auth: 'token' });
      expect(seen).toEqual(['Bearer very-secret']);
      expect(JSON.stringify(result)).not.toContain('very-secret');
      expect(result.ok && result.value.request.headers.authorization).toBe('Bearer $TOGAI_TOKEN');
    });
  });

  it('retries network errors with backoff, then reports them', async () => {
    const waits: number[] = [];
    const client = createHttpClient({
      ...options,
      baseUrl: 'http://127.0.0.1:9',
      sleep: async (ms) => void waits.push(ms),
    });
    const result = await client.send({ method: 'get', path: '/accounts', auth: 'token' });
    expect(result.ok).toBe(false);
    expect(waits).toEqual([200, 400]);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:10 GMT', 0)).toBe(10_000);
  });
});
