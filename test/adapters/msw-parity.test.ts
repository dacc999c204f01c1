import { setupServer } from 'msw/node';
import { createHandlers } from 'togai-accounts-mock/msw';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMock, type TestMock } from '../helpers/start-mock.ts';

// Tokens are signed with a random key per process unless both get the same tokenSecret.
const OPTIONS = { seed: 17, accounts: 45, customers: 6, tokenSecret: 'same for both adapters' };
const TOGAI = 'https://api.togai.com';

const handlers = createHandlers(OPTIONS);
const server = setupServer(...handlers);
let http: TestMock;
beforeAll(async () => {
  // The HTTP mock on 127.0.0.1 is reached for real; anything else unhandled is a test bug.
  server.listen({
    onUnhandledRequest: (request, print) => {
      if (new URL(request.url).hostname !== '127.0.0.1') print.error();
    },
  });
  http = await startMock(OPTIONS);
});
afterAll(async () => {
  server.close();
  await http.close();
});
beforeEach(() => handlers.reset());

const get = async (url: string, token = 'parity') => {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, code: res.headers.get('x-error-code'), text: await res.text() };
};

/** The text of every page of a walk, following nextToken from `first`. */
async function walkTexts(origin: string, first: string): Promise<string[]> {
  const texts: string[] = [];
  let target = first;
  for (let page = 0; page < 100; page++) {
    const { status, text } = await get(`${origin}${target}`);
    expect(status, target).toBe(200);
    texts.push(text);
    const next = (JSON.parse(text) as { nextToken?: string }).nextToken;
    if (!next) return texts;
    target = `${first.split('?')[0]}?nextToken=${encodeURIComponent(next)}`;
  }
  throw new Error(`the walk of ${first} did not end`);
}

describe("togai-accounts-mock/msw with msw/node's setupServer", () => {
  it('walks the seeded accounts at https://api.togai.com byte for byte as the HTTP mock does', async () => {
    for (const first of [
      '/accounts?pageSize=7',
      '/accounts?pageSize=10&sortOrder=DESC',
      '/customers?pageSize=4',
    ]) {
      const inProcess = await walkTexts(TOGAI, first);
      expect(inProcess).toEqual(await walkTexts(http.url, first));
      expect(inProcess.length).toBeGreaterThan(1);
    }
    const ids = (await walkTexts(TOGAI, '/accounts?pageSize=100')).flatMap((text) =>
      (JSON.parse(text) as { data: { id: string }[] }).data.map((a) => a.id),
    );
    expect(ids).toHaveLength(45);
  });

  it('answers the sandbox URL of the spec too, with the same data', async () => {
    const sandbox = await get('https://sandbox-api.togai.com/accounts?pageSize=5');
    expect(sandbox.text).toBe((await get(`${TOGAI}/accounts?pageSize=5`)).text);
  });

  it('answers bad requests with the same status, code and {message} as the server', async () => {
    for (const target of [
      '/accounts?pageSize=abc',
      '/accounts/NOBODY',
      '/nowhere',
      '/accounts?nextToken=e30%3D',
    ]) {
      expect(await get(`${TOGAI}${target}`), target).toEqual(await get(`${http.url}${target}`));
    }
  });

  it('keeps writes per token, and reset() in beforeEach drops them', async () => {
    const created = await fetch(`${TOGAI}/accounts`, {
      method: 'POST',
      headers: { authorization: 'Bearer writer', 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'PARITY_1', name: 'Parity', customerId: await firstCustomerId() }),
    });
    expect(created.status).toBe(201);
    expect((await get(`${TOGAI}/accounts/PARITY_1`, 'writer')).status).toBe(200);
    expect((await get(`${TOGAI}/accounts/PARITY_1`, 'reader')).status).toBe(404);
    await handlers.reset();
    expect((await get(`${TOGAI}/accounts/PARITY_1`, 'writer')).status).toBe(404);
  });

  it('starts each test from the seeded data (the reset above ran in beforeEach)', async () => {
    expect((await get(`${TOGAI}/accounts/PARITY_1`, 'writer')).status).toBe(404);
  });

  it('serves the admin API under the base URL', async () => {
    await get(`${TOGAI}/accounts?pageSize=ten`, 'logged');
    const log = await get(`${TOGAI}/__admin/requests?limit=1`, 'logged');
    expect(log.status).toBe(200);
    expect(JSON.parse(log.text)).toMatchObject({ data: [{ method: 'GET', path: '/accounts', status: 400 }] });
  });

  it('realizes Prefer: fail=reset as a network error', async () => {
    await expect(
      fetch(`${TOGAI}/accounts`, { headers: { authorization: 'Bearer t', prefer: 'fail=reset' } }),
    ).rejects.toThrow(TypeError);
  });
});

async function firstCustomerId(): Promise<string> {
  const page = JSON.parse((await get(`${TOGAI}/customers?pageSize=1`)).text) as { data: { id: string }[] };
  return page.data[0]?.id ?? '';
}
