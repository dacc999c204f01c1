import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMock, type Mock } from '../../src/core/index.ts';
import { bundledSpec, call } from '../helpers/core-request.ts';
import { startMock, type TestMock } from '../helpers/start-mock.ts';

// Tokens are random per process unless a token secret is given: the same one makes them equal.
const SIZES = { seed: 21, accounts: 23, customers: 9, tokenSecret: 'in-process and HTTP alike' };
let server: TestMock;
let mock: Mock;
beforeAll(async () => {
  server = await startMock(SIZES);
  mock = createMock({ spec: await bundledSpec(), ...SIZES });
});
afterAll(() => server.close());

/** The text of every page of a walk, following nextToken. */
async function walkTexts(get: (target: string) => Promise<string>, path: string): Promise<string[]> {
  const texts: string[] = [];
  let target = `${path}?pageSize=4`;
  for (let i = 0; i < 20; i++) {
    const text = await get(target);
    texts.push(text);
    const next = (JSON.parse(text) as { nextToken?: string }).nextToken;
    if (!next) return texts;
    target = `${path}?nextToken=${encodeURIComponent(next)}`;
  }
  throw new Error('no last page');
}

describe('the core in process and the HTTP server', () => {
  it('walk byte-identical pages (tokens included) for the same seed and sizes', async () => {
    for (const path of ['/accounts', '/customers']) {
      const overHttp = await walkTexts(async (t) => (await server.call('GET', t)).text, path);
      const inProcess = await walkTexts(async (t) => (await call(mock, 'GET', t)).text, path);
      expect(inProcess).toEqual(overHttp);
      expect(overHttp.length).toBeGreaterThan(1);
    }
  });

  it('answer the same status, code header and message to the same bad request', async () => {
    for (const target of ['/accounts?pageSize=ten', '/accounts/NOBODY', '/nowhere']) {
      const overHttp = await server.call('GET', target);
      const inProcess = await call(mock, 'GET', target);
      expect([inProcess.status, inProcess.headers['x-error-code'], inProcess.text]).toEqual([
        overHttp.status,
        overHttp.headers.get('x-error-code'),
        overHttp.text,
      ]);
    }
  });

  it('resets one tenant from a program, as a beforeEach would', async () => {
    await call(
      mock,
      'DELETE',
      `/accounts/${((await call(mock, 'GET', '/accounts')).body as { data: { id: string }[] }).data[0]?.id}`,
      {
        token: 'program',
      },
    );
    expect(
      ((await call(mock, 'GET', '/accounts?pageSize=100', { token: 'program' })).body as { data: unknown[] })
        .data,
    ).toHaveLength(22);
    await mock.reset('program');
    expect(
      ((await call(mock, 'GET', '/accounts?pageSize=100', { token: 'program' })).body as { data: unknown[] })
        .data,
    ).toHaveLength(23);
    expect(mock.requests({ token: 'program', limit: 1 })[0]).toMatchObject({ method: 'GET', status: 200 });
  });
});
