import { beforeAll, describe, expect, it } from 'vitest';
import { type BodyReader, createMock, type Mock } from '../../src/core/index.ts';
import { bundledSpec, call, coreRequest, readAnswer } from '../helpers/core-request.ts';

const NOT_UTF8 = new Uint8Array([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]);

let mock: Mock;
beforeAll(async () => {
  mock = createMock({ spec: await bundledSpec(), seed: 4, accounts: 6, customers: 2, adminToken: 'adm' });
});

const message = (body: unknown) => (body as { message: string }).message;
const customer = (id: string) => ({ id, name: `Customer ${id}`, primaryEmail: 'a@b.co', address: {} });
const account = (id: string, customerId: string) => ({ id, name: `Account ${id}`, customerId });

describe('POST /__admin/import follows the API rules', () => {
  it('checks the bearer token before asking for the body', async () => {
    let reads = 0;
    const reader: BodyReader = async () => {
      reads += 1;
      return { ok: true, bytes: new TextEncoder().encode('{}') };
    };
    const variants: Record<string, string>[] = [
      {},
      { 'x-admin-token': 'adm' },
      { authorization: 'Basic abc' },
    ];
    for (const headers of variants) {
      const res = readAnswer(
        await mock.handle({
          ...coreRequest('POST', '/__admin/import', { token: null, body: '{}', headers }),
          body: reader,
        }),
      );
      expect(res.status).toBe(401);
      expect(message(res.body)).toMatch(/^Authorization: /);
    }
    expect(reads).toBe(0);
  });

  it('refuses a missing or wrong Content-Type with 415', async () => {
    const none = await mock.handle({
      ...coreRequest('POST', '/__admin/import', { body: '{}' }),
      headers: { authorization: 'Bearer t' },
    });
    expect(readAnswer(none).status).toBe(415);
    const text = await call(mock, 'POST', '/__admin/import', {
      body: '{}',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.status).toBe(415);
    expect(message(text.body)).toMatch(/^Content-Type: /);
  });

  it('refuses bytes that are not UTF-8 with 400 naming the body', async () => {
    const res = await call(mock, 'POST', '/__admin/import', { body: NOT_UTF8 });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ message: 'body: is not valid UTF-8' });
  });

  it('calls valid JSON null, an array or a number what it is, and a missing body missing', async () => {
    for (const body of ['null', '[]', '42', '"x"']) {
      const res = await call(mock, 'POST', '/__admin/import', { body });
      expect({ body, status: res.status, message: message(res.body) }).toEqual({
        body,
        status: 400,
        message: 'body: must be an object',
      });
    }
    const empty = await call(mock, 'POST', '/__admin/import', { body: '' });
    expect(empty.status).toBe(400);
    expect(message(empty.body)).toBe('body: is required (a fixture: {"replace", "customers", "accounts"})');
  });

  it('answers 400 naming the field for an account of an unknown customer', async () => {
    const res = await call(mock, 'POST', '/__admin/import', {
      body: { replace: true, accounts: [account('A1', 'NO_SUCH_CUSTOMER')] },
    });
    expect(res.status).toBe(400);
    expect(res.headers['x-error-code']).toBe('INVALID_REQUEST');
    expect(message(res.body)).toMatch(/^fixture\.accounts\[0\]\.customerId: /);
    expect(message(res.body)).toContain('NO_SUCH_CUSTOMER');
  });

  it('answers 400 naming the field for a duplicate id, in the fixture or against the data', async () => {
    const twice = await call(mock, 'POST', '/__admin/import', {
      body: { replace: true, customers: [customer('C1'), customer('C1')] },
    });
    expect(twice.status).toBe(400);
    expect(message(twice.body)).toMatch(/^fixture\.customers\[1\]\.id: /);
    const accounts = await call(mock, 'POST', '/__admin/import', {
      body: {
        replace: true,
        customers: [customer('C1')],
        accounts: [account('A1', 'C1'), account('A1', 'C1')],
      },
    });
    expect(accounts.status).toBe(400);
    expect(message(accounts.body)).toMatch(/^fixture\.accounts\[1\]\.id: /);
  });

  it('still imports a good fixture', async () => {
    const res = await call(mock, 'POST', '/__admin/import', {
      token: 'good',
      body: { replace: true, customers: [customer('C1')], accounts: [account('A1', 'C1')] },
    });
    expect(res).toMatchObject({ status: 200, body: { success: true, customers: 1, accounts: 1 } });
  });
});
