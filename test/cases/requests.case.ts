import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResponseValidator } from '../helpers/response-validator.ts';
import type { TestMock } from '../helpers/start-mock.ts';
import type { Adapter, CaseSuite } from './adapter.ts';

/** Shared cases (from test/mock/requests.test.ts): run against every adapter by test/adapters/*.test.ts. */
export const requestsCases: CaseSuite = {
  name: 'requests, validation and determinism',
  define(adapter: Adapter) {
    let mock: TestMock;
    let validate: Awaited<ReturnType<typeof createResponseValidator>>;
    let customerId: string;

    beforeAll(async () => {
      mock = await adapter.start({ seed: 11, accounts: 20, customers: 2 });
      validate = await createResponseValidator();
      customerId =
        ((await mock.call('GET', '/customers')).body as { data: { id: string }[] }).data[0]?.id ?? '';
    });
    afterAll(() => mock.close());

    const message = (body: unknown) => (body as { message: string }).message;

    describe('bearer auth', () => {
      it.each([
        ['no header', undefined],
        ['an empty header', ''],
        ['Basic credentials', 'Basic dXNlcjpwYXNz'],
        ['Bearer with no token', 'Bearer '],
        ['a token with spaces', 'Bearer two words'],
        ['a huge token', `Bearer ${'a'.repeat(5000)}`],
      ])('answers 401 with %s', async (_name, header) => {
        const res = await mock.call('GET', '/accounts', {
          token: null,
          headers: header === undefined ? {} : { authorization: header },
        });
        expect(res.status).toBe(401);
        expect(res.headers.get('www-authenticate')).toBe('Bearer');
        expect(message(res.body)).toMatch(/^Authorization: /);
        expect(validate('getAccounts', 401, res.body)).toEqual([]);
      });
    });

    describe('request validation', () => {
      it.each([
        [{ name: 'No id', customerId: 'x' }, /^id: /],
        [{ id: 'A1', name: 'ab', customerId: 'x' }, /^name: must NOT have fewer than 3 characters/],
        [
          { id: 'x'.repeat(51), name: 'Long id', customerId: 'x' },
          /^id: must NOT have more than 50 characters/,
        ],
        [
          { id: 'A1', name: 'Valid', customerId: 'x', status: 'ARCHIVED' },
          /^status: must be one of ACTIVE, DRAFT/,
        ],
        [{ id: 'A1', name: 'Valid', customerId: 'x', invoiceCurrency: 'US' }, /^invoiceCurrency: /],
        [{ id: 'A1', name: 'Valid', customerId: 'x', color: 'red' }, /^color: is not an allowed property/],
        [
          { id: 'A1', name: 'Valid', customerId: 'x', address: { country: 7 } },
          /^address\.country: must be string/,
        ],
        [{ id: 'A1', name: 'Valid', customerId: 'x', aliases: ['ok-alias', 'no'] }, /^aliases\[1\]: /],
        [{ id: 1, name: 'Valid', customerId: 'x' }, /^id: must be string/],
        [[], /^body: must be object/],
      ])('answers 400 naming the field for body %j', async (body, expected) => {
        const res = await mock.call('POST', '/accounts', { body });
        expect(res.status).toBe(400);
        expect(message(res.body)).toMatch(expected);
        expect(validate('createAccount', 400, res.body)).toEqual([]);
      });

      it('answers 400 INVALID_JSON to malformed JSON', async () => {
        const res = await mock.call('POST', '/accounts', { body: '{"id": ' });
        expect(res.status).toBe(400);
        expect(res.headers.get('x-error-code')).toBe('INVALID_JSON');
        expect(message(res.body)).toMatch(/^body: is not valid JSON/);
      });

      it('answers 415 to a body that is not JSON, 400 to a missing body, 413 to a huge one', async () => {
        const text = await mock.call('POST', '/accounts', {
          body: 'id=1',
          headers: { 'content-type': 'text/plain' },
        });
        expect(text.status).toBe(415);
        expect(message(text.body)).toMatch(/^Content-Type: /);
        const empty = await mock.call('POST', '/accounts', {
          headers: { 'content-type': 'application/json' },
        });
        expect(empty.status).toBe(400);
        expect(message(empty.body)).toBe('body: a JSON object is required');
        const huge = await mock.call('POST', '/accounts', {
          body: { id: 'BIG', name: 'Big', customerId, metadata: { big: 'x'.repeat(200_000) } },
        });
        expect(huge.status).toBe(413);
        expect(validate('createAccount', 413, huge.body)).toEqual([]);
      });

      it('answers 400 to a path id over 50 characters, 404 to an unknown path, 405 with Allow to a wrong method', async () => {
        const long = await mock.call('GET', `/accounts/${'x'.repeat(51)}`);
        expect(long.status).toBe(400);
        expect(message(long.body)).toMatch(/^account_id: /);
        const unknown = await mock.call('GET', '/nothing-here');
        expect(unknown.status).toBe(404);
        expect(message(unknown.body)).toMatch(/^path: /);
        const wrong = await mock.call('PUT', '/accounts');
        expect(wrong.status).toBe(405);
        expect(wrong.headers.get('allow')).toBe('GET, POST, HEAD');
      });

      it('keeps metadata keys such as __proto__ as plain data without polluting prototypes', async () => {
        const res = await mock.call('POST', '/accounts', {
          body: `{"id":"PROTO","name":"Proto","customerId":"${customerId}","metadata":{"__proto__":"x","constructor":"y"}}`,
        });
        expect(res.status).toBe(201);
        expect(JSON.parse(res.text).metadata).toEqual(JSON.parse('{"__proto__":"x","constructor":"y"}'));
        expect(({} as Record<string, unknown>).x).toBeUndefined();
      });
    });

    describe('determinism', () => {
      it('serves byte-identical pages for the same seed and token secret, and other data for another seed', async () => {
        const first = await adapter.start({ seed: 11, accounts: 20, customers: 2, tokenSecret: 'operator' });
        const again = await adapter.start({ seed: 11, accounts: 20, customers: 2, tokenSecret: 'operator' });
        const other = await adapter.start({ seed: 12, accounts: 20, customers: 2, tokenSecret: 'operator' });
        try {
          const path = '/accounts?pageSize=7';
          const a = await first.call('GET', path, { token: 'fresh-1' });
          const b = await again.call('GET', path, { token: 'fresh-2' });
          const c = await other.call('GET', path, { token: 'fresh-3' });
          expect(b.text).toBe(a.text);
          expect(c.text).not.toBe(a.text);
          // Without a token secret, only the nextToken differs between two runs: its key is random.
          const d = await mock.call('GET', path, { token: 'fresh-4' });
          const { nextToken: _d, ...dataD } = d.body as { nextToken: string };
          const { nextToken: _a, ...dataA } = a.body as { nextToken: string };
          expect(dataD).toEqual(dataA);
          expect(_d).not.toBe(_a);
        } finally {
          await first.close();
          await again.close();
          await other.close();
        }
      });
    });
  },
};
