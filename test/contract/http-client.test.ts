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

  it('sends the token but records the request with the placeholder', async () => {
    await withServer([], async (url, seen) => {
      const client = createHttpClient({ ...options, baseUrl: url });
      const result = await client.send({ method: 'get', path: '/accounts', auth: 'token' });
      expect(seen).toEqual(['Bearer very-secret']);
      expect(result.ok && JSON.stringify(result.value.request)).not.toContain('very-secret');
      expect(result.ok && result.value.request.headers.authorization).toBe('Bearer $TOGAI_TOKEN');
    });
  });

  it('keeps the response as received when the token occurs in it, and scrubs the recorded url', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-echo': 'very-secret' });
      res.end('{"context":{"note":"very-secret"}}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const client = createHttpClient({ ...options, baseUrl: url });
      const result = await client.send({ method: 'get', path: '/accounts/very-secret', auth: 'token' });
      if (!result.ok) throw new Error(result.error);
      expect(result.value.response.json).toEqual({ context: { note: 'very-secret' } });
      expect(result.value.request.url).toBe(`${url}/accounts/$TOGAI_TOKEN`);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('retries a GET cut off mid-request, but never a POST that may have reached the server', async () => {
    const seen: string[] = [];
    const server = createServer((req) => {
      seen.push(req.method ?? '');
      req.socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const client = createHttpClient({ ...options, baseUrl: url, sleep: async () => {} });
      const post = await client.send({ method: 'post', path: '/accounts', auth: 'token', body: { id: 'a' } });
      expect(post.ok).toBe(false);
      expect(seen).toEqual(['POST']);
      await client.send({ method: 'get', path: '/accounts', auth: 'token' });
      expect(seen).toEqual(['POST', 'GET', 'GET', 'GET']);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('retries a POST when the connection was refused, since nothing was sent', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const waits: number[] = [];
    const client = createHttpClient({
      ...options,
      baseUrl: `http://127.0.0.1:${port}`,
      sleep: async (ms) => void waits.push(ms),
    });
    const result = await client.send({ method: 'post', path: '/accounts', auth: 'token', body: {} });
    expect(result.ok).toBe(false);
    expect(waits).toEqual([200, 400]);
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
