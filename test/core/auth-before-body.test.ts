import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BodyReader, createMock } from '../../src/core/index.ts';
import { bundledSpec, coreRequest, readAnswer } from '../helpers/core-request.ts';
import { startMock, type TestMock } from '../helpers/start-mock.ts';
import { sendRaw } from '../hostile/hostile-helpers.ts';

const NOT_UTF8 = new Uint8Array([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]);

describe('auth comes before the body is read', () => {
  let server: TestMock;
  beforeAll(async () => {
    server = await startMock({ seed: 3, accounts: 5, customers: 1 });
  });
  afterAll(() => server.close());

  it('answers 401, not 400, to a PATCH with no Authorization and a body that is not UTF-8', async () => {
    const res = await sendRaw(server.url, 'PATCH', '/accounts/ANY', {
      body: NOT_UTF8,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('x-error-code')).toBe('UNAUTHORIZED');
    expect(res.body).toEqual({ message: 'Authorization: a Bearer token is required' });
  });

  it('answers 401 to an unauthenticated body of the wrong type or size, before 415 or 413', async () => {
    const text = await sendRaw(server.url, 'POST', '/accounts', {
      body: 'x',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.status).toBe(401);
    const huge = await sendRaw(server.url, 'POST', '/accounts', {
      body: 'x'.repeat(200_000),
      headers: { 'content-type': 'application/json' },
    });
    expect(huge.status).toBe(401);
  });

  it('still answers 400 naming UTF-8 once the token is there', async () => {
    const res = await sendRaw(server.url, 'PATCH', '/accounts/ANY', {
      body: NOT_UTF8,
      headers: { 'content-type': 'application/json', authorization: 'Bearer t' },
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ message: 'body: is not valid UTF-8' });
  });

  it('never asks the adapter for the body of a request it refuses for its token', async () => {
    const mock = createMock({ spec: await bundledSpec(), accounts: 3, customers: 1 });
    let reads = 0;
    const reader: BodyReader = async () => {
      reads += 1;
      return { ok: true, bytes: NOT_UTF8 };
    };
    const refused = readAnswer(
      await mock.handle({
        ...coreRequest('PATCH', '/accounts/ANY', { token: null, body: '{}' }),
        body: reader,
      }),
    );
    expect(refused.status).toBe(401);
    expect(reads).toBe(0);
    const read = readAnswer(
      await mock.handle({ ...coreRequest('PATCH', '/accounts/ANY', { body: '{}' }), body: reader }),
    );
    expect(read.status).toBe(400);
    expect(reads).toBe(1);
  });
});
