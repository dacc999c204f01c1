import { beforeAll, describe, expect, it } from 'vitest';
import { createMock, isChunkedBody, isFault, type Mock } from '../../src/core/index.ts';
import { bundledSpec, call, coreRequest } from '../helpers/core-request.ts';

const TOKEN = 'inspector-tenant-token';
const ADMIN = 'inspector-admin-token';

let mock: Mock;
let customerId: string;
beforeAll(async () => {
  mock = createMock({ spec: await bundledSpec(), seed: 9, accounts: 8, customers: 2, adminToken: ADMIN });
  customerId = ((await call(mock, 'GET', '/customers', { token: TOKEN })).body as { data: { id: string }[] })
    .data[0]?.id as string;
});

describe('request ids', () => {
  it('gives every answer an X-Request-Id, honouring a sane incoming one and replacing any other', async () => {
    const own = await call(mock, 'GET', '/accounts?pageSize=1', {
      headers: { 'x-request-id': 'trace-42.a:b' },
    });
    expect(own.headers['x-request-id']).toBe('trace-42.a:b');
    const made = await call(mock, 'GET', '/accounts?pageSize=1', { headers: { 'x-request-id': 'bad id\n' } });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-z]+-[0-9a-z]+$/);
    const other = await call(mock, 'GET', '/nowhere');
    expect(other.headers['x-request-id']).not.toBe(made.headers['x-request-id']);
    const log = await call(mock, 'GET', '/__admin/requests?limit=3');
    expect((log.body as { data: { id: string }[] }).data.map((line) => line.id)).toContain('trace-42.a:b');
  });
});

describe('a request with its bodies', () => {
  it('shows what was sent and answered, with the tokens scrubbed', async () => {
    const created = await call(mock, 'POST', '/accounts', {
      token: TOKEN,
      // The app echoes its own token into a field: the inspector must not show it.
      body: { id: 'SEEN_1', name: `Holder of ${TOKEN}`, customerId },
      headers: { 'x-admin-token': ADMIN, 'x-request-id': 'seen-1' },
    });
    expect(created.status).toBe(201);
    const detail = await call(mock, 'GET', '/__admin/requests/seen-1', { token: TOKEN });
    expect(detail.status).toBe(200);
    const body = detail.body as {
      id: string;
      status: number;
      operation: string;
      request: { headers: Record<string, string>; body: string };
      response: { headers: Record<string, string>; body: string };
    };
    expect(body).toMatchObject({ id: 'seen-1', method: 'POST', status: 201, operation: 'createAccount' });
    expect(body.request.headers.authorization).toBe('Bearer [redacted]');
    expect(body.request.headers['x-admin-token']).toBe('[redacted]');
    expect(JSON.parse(body.request.body)).toMatchObject({ id: 'SEEN_1', name: 'Holder of [redacted]' });
    expect(JSON.parse(body.response.body)).toMatchObject({ id: 'SEEN_1', name: 'Holder of [redacted]' });
    expect(detail.text).not.toContain(TOKEN);
    expect(detail.text).not.toContain(ADMIN);
  });

  it('shows a request to its own tenant and the admin only', async () => {
    await call(mock, 'GET', '/accounts?pageSize=1', {
      token: TOKEN,
      headers: { 'x-request-id': 'private-1' },
    });
    expect((await call(mock, 'GET', '/__admin/requests/private-1', { token: 'someone-else' })).status).toBe(
      404,
    );
    const admin = await call(mock, 'GET', '/__admin/requests/private-1?all=true', {
      token: null,
      headers: { 'x-admin-token': ADMIN },
    });
    expect(admin.status).toBe(200);
  });
});

describe('the live request stream', () => {
  it("sends each of the tenant's requests as a server-sent event as it is answered, and no one else's", async () => {
    const answer = await mock.handle(coreRequest('GET', '/__admin/requests/stream', { token: TOKEN }));
    if (isFault(answer) || !isChunkedBody(answer.body)) throw new Error('expected a stream');
    expect(answer.headers['content-type']).toMatch(/^text\/event-stream/);
    const events = answer.body[Symbol.asyncIterator]();
    const text = async () => new TextDecoder().decode((await events.next()).value as Uint8Array);
    expect(await text()).toBe(': connected\n\n');
    await call(mock, 'GET', '/customers', { token: 'not-this-tenant' });
    await call(mock, 'GET', `/customers/${customerId}`, {
      token: TOKEN,
      headers: { 'x-request-id': 'live-1' },
    });
    const event = await text();
    expect(event).toMatch(/^data: .*\n\n$/);
    expect(JSON.parse(event.slice('data: '.length))).toMatchObject({
      id: 'live-1',
      method: 'GET',
      path: `/customers/${customerId}`,
      status: 200,
      operation: 'getCustomer',
    });
    await events.return?.();
  });

  it('ends open streams when the mock closes', async () => {
    const other = createMock({ spec: await bundledSpec(), seed: 9, accounts: 8, customers: 2 });
    const answer = await other.handle(coreRequest('GET', '/__admin/requests/stream', { token: TOKEN }));
    if (isFault(answer) || !isChunkedBody(answer.body)) throw new Error('expected a stream');
    const events = answer.body[Symbol.asyncIterator]();
    await events.next();
    const pending = events.next();
    other.close();
    expect(await pending).toEqual({ done: true, value: undefined });
  });
});

describe('the tenant at a glance', () => {
  it('counts its data and what its budget holds and allows', async () => {
    const glance = await call(mock, 'GET', '/__admin/tenant', { token: TOKEN });
    expect(glance.status).toBe(200);
    expect(glance.body).toMatchObject({ accounts: 9, customers: 2, faults: 0 });
    const { stored, room } = glance.body as { stored: { bytes: number }; room: { bytes: number } };
    expect(stored.bytes).toBeGreaterThan(0);
    expect(room.bytes).toBeGreaterThan(stored.bytes);
  });
});
