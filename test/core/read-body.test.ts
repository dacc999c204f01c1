import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMock, MAX_BODY_BYTES, type Mock } from '../../src/core/index.ts';
import { bundledSpec, call, coreRequest, readAnswer } from '../helpers/core-request.ts';
import { startMock, type TestMock } from '../helpers/start-mock.ts';

let mock: Mock;
let accountId: string;
beforeAll(async () => {
  mock = createMock({ spec: await bundledSpec(), seed: 8, accounts: 4, customers: 1 });
  accountId = ((await call(mock, 'GET', '/accounts')).body as { data: { id: string }[] }).data[0]?.id ?? '';
});

const patch = (contentType: string, body: string | Uint8Array, headers: Record<string, string> = {}) =>
  call(mock, 'PATCH', `/accounts/${accountId}`, {
    body,
    headers: { 'content-type': contentType, ...headers },
  });

describe('reading a JSON body in the core', () => {
  it('parses +json types such as application/merge-patch+json as JSON', async () => {
    const res = await patch('application/merge-patch+json', '{"name":"Merged name"}');
    expect(res.status).toBe(200);
    expect((res.body as { name: string }).name).toBe('Merged name');
  });

  it('accepts a utf-8 charset, refuses another with 415 naming it', async () => {
    expect((await patch('application/json; charset=UTF-8', '{"name":"Charset ok"}')).status).toBe(200);
    const latin = await patch('application/json; charset=latin1', '{"name":"Latin"}');
    expect(latin.status).toBe(415);
    expect(latin.body).toEqual({ message: 'Content-Type: unsupported charset "LATIN1"' });
  });

  it('refuses bytes past the cap with 413, before decoding them', async () => {
    const res = await patch('application/json', new Uint8Array(MAX_BODY_BYTES + 1).fill(0xff));
    expect(res.status).toBe(413);
    expect(res.headers['x-error-code']).toBe('PAYLOAD_TOO_LARGE');
  });

  it('reports a reader that fails as the request it was', async () => {
    const answer = await mock.handle({
      ...coreRequest('PATCH', `/accounts/${accountId}`, { body: '{}' }),
      body: async () => ({ ok: false, reason: 'aborted' }),
    });
    expect(readAnswer(answer).body).toEqual({ message: 'body: the request was aborted' });
  });
});

describe('the Node adapter reading a body', () => {
  let server: TestMock;
  // One kept-alive socket: every request here follows the previous one on the same connection.
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  beforeAll(async () => {
    server = await startMock({ seed: 8, accounts: 4, customers: 1 });
  });
  afterAll(async () => {
    agent.destroy();
    await server.close();
  });

  /** Sends a chunked body (no Content-Length) of `size` bytes; resolves with the status. */
  const sendChunked = (size: number, headers: Record<string, string> = {}) =>
    new Promise<number>((resolve, reject) => {
      const req = request(
        `${server.url}/accounts`,
        {
          agent,
          method: 'POST',
          headers: { authorization: 'Bearer t', 'content-type': 'application/json', ...headers },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      const chunk = 'x'.repeat(16 * 1024);
      for (let sent = 0; sent < size; sent += chunk.length) req.write(chunk);
      req.end();
    });

  it('answers 413 to a chunked body past the cap, and the connection serves the next request', async () => {
    expect(await sendChunked(MAX_BODY_BYTES * 3)).toBe(413);
    expect(await sendChunked(MAX_BODY_BYTES * 3)).toBe(413);
    expect(await sendChunked(10)).toBe(400);
  });

  it('refuses a compressed body with 415 rather than inflating it', async () => {
    expect(await sendChunked(10, { 'content-encoding': 'gzip' })).toBe(415);
    expect(await sendChunked(10)).toBe(400);
  });
});
