import { once } from 'node:events';
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createMockServer } from '../../../src/adapters/node/create-mock-server.ts';
import { trackForGracefulClose } from '../../../src/adapters/node/graceful-close.ts';

/*
 * A plain node:http server whose handler answers when the test says so (no timers to wait on),
 * behind a keep-alive agent, as browsers and fetch keep connections.
 */
const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.closeAllConnections();
});

async function start() {
  const pending: Array<() => void> = [];
  const server = createServer((_req, res) => {
    pending.push(() => res.end('done'));
  });
  servers.push(server);
  const graceful = trackForGracefulClose(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const agent = new Agent({ keepAlive: true });
  const get = () =>
    new Promise<{ status: number; body: string; connection?: string }>((resolve, reject) => {
      request({ port, agent }, (res) => {
        let body = '';
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body,
            ...(res.headers.connection ? { connection: res.headers.connection } : {}),
          }),
        );
      })
        .on('error', reject)
        .end();
    });
  const answerAll = () => {
    for (const answer of pending.splice(0)) answer();
  };
  const waitForRequests = async (n: number) => {
    while (pending.length < n) await new Promise((resolve) => setImmediate(resolve));
  };
  return { server, graceful, get, answerAll, waitForRequests, port };
}

describe('trackForGracefulClose', () => {
  it('lets a request in flight finish, refuses new connections, and resolves once it is answered', async () => {
    const s = await start();
    const inFlight = s.get();
    await s.waitForRequests(1);
    let closed = false;
    const closing = s.graceful.close(60_000).then(() => {
      closed = true;
    });
    await expect(
      new Promise((resolve, reject) => request({ port: s.port }, resolve).on('error', reject).end()),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(closed).toBe(false);
    s.answerAll();
    expect(await inFlight).toEqual({ status: 200, body: 'done', connection: 'close' });
    await closing;
    expect(closed).toBe(true);
  });

  it('closes idle keep-alive connections at once', async () => {
    const s = await start();
    const first = s.get();
    await s.waitForRequests(1);
    s.answerAll();
    await first;
    // The agent keeps that connection open; close must not wait for it.
    await s.graceful.close(60_000);
    expect(s.server.listening).toBe(false);
  });

  it('cuts requests still running when the grace period ends', async () => {
    const s = await start();
    const stuck = s.get();
    await s.waitForRequests(1);
    await s.graceful.close(0);
    await expect(stuck).rejects.toMatchObject({ code: 'ECONNRESET' });
  });
});

describe('createMockServer close', () => {
  it('finishes a request in flight (Prefer: delay) before it resolves, and refuses new ones', async () => {
    // The delay is ours to end: the request is known to be inside the server while it sleeps.
    let entered = () => {};
    const asleep = new Promise<void>((resolve) => {
      entered = resolve;
    });
    let wake = () => {};
    const sleep = () =>
      new Promise<void>((resolve) => {
        wake = resolve;
        entered();
      });
    const mock = await createMockServer({ accounts: 5, customers: 1, sleep });
    const { url, close } = await mock.listen(0, '127.0.0.1');
    const inFlight = fetch(`${url}/accounts?pageSize=1`, {
      headers: { authorization: 'Bearer graceful-token', prefer: 'delay=1000' },
    });
    await asleep;
    let closed = false;
    const closing = close({ graceMs: 60_000 }).then(() => {
      closed = true;
    });
    await expect(fetch(`${url}/accounts`)).rejects.toThrow();
    expect(closed).toBe(false);
    wake();
    expect((await inFlight).status).toBe(200);
    await closing;
    expect(closed).toBe(true);
  });
});
