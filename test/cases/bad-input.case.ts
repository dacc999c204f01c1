import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResponseValidator } from '../helpers/response-validator.ts';
import type { TestMock } from '../helpers/start-mock.ts';
import {
  expectOrderedUnique,
  expectStillServing,
  type RawResponse,
  type ResponseValidator,
  sendRaw,
  walkList,
} from '../hostile/hostile-helpers.ts';
import type { Adapter, CaseSuite } from './adapter.ts';

/** Shared cases (from test/hostile/bad-input.test.ts): run against every adapter by test/adapters/*.test.ts. */
export const badInputCases: CaseSuite = {
  name: 'hostile: bad input',
  define(adapter: Adapter) {
    /** Never written to: the walk of it at the end must equal the walk at the start. */
    const UNTOUCHED = 'hostile-bad-input-untouched';
    const T = 'hostile-bad-input';

    let mock: TestMock;
    let validate: ResponseValidator;
    let customerId: string;
    let walkAtStart: unknown[];
    const tokens = {
      customers: '',
      aliases: '',
      ascending: '',
      tampered: '',
    };

    beforeAll(async () => {
      mock = await adapter.start({ seed: 41, accounts: 40, customers: 3 });
      validate = await createResponseValidator();
      walkAtStart = await walkList(mock, validate, { token: UNTOUCHED, pageSize: 7 });
      const customers = await mock.call('GET', '/customers?pageSize=1', { token: T });
      const customerPage = customers.body as { data: { id: string }[]; nextToken: string };
      customerId = customerPage.data[0]?.id ?? '';
      tokens.customers = customerPage.nextToken;
      const accounts = (await mock.call('GET', '/accounts?pageSize=2', { token: T })).body as {
        data: { id: string }[];
        nextToken: string;
      };
      tokens.ascending = accounts.nextToken;
      const decoded = JSON.parse(Buffer.from(accounts.nextToken, 'base64').toString('utf8'));
      tokens.tampered = Buffer.from(JSON.stringify({ ...decoded, lastItemId: 'ZZZ' })).toString('base64');
      const owner = accounts.data[0]?.id ?? '';
      await mock.call('POST', `/accounts/${owner}/add_aliases`, {
        token: T,
        body: { aliases: ['alias-one', 'alias-two', 'alias-three'] },
      });
      const aliases = await mock.call('GET', `/accounts/${owner}/account_aliases?pageSize=1`, { token: T });
      tokens.aliases = (aliases.body as { nextToken: string }).nextToken;
    });
    afterAll(() => mock.close());

    const json = { 'content-type': 'application/json', authorization: `Bearer ${T}` };
    const b64 = (value: unknown) =>
      encodeURIComponent(
        Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64'),
      );
    const nest = (depth: number, open: string, inner: string, close: string) =>
      `${open.repeat(depth)}${inner}${close.repeat(depth)}`;

    interface Row {
      name: string;
      send: () => Promise<RawResponse>;
      status: number;
      code: string;
      message: RegExp;
      /** The operation whose spec declares the error response. */
      operationId: string;
    }

    /** Bodies are built when the row runs, once `customerId` is known. */
    const post =
      (path: string, body: string | Uint8Array | (() => string), headers: Record<string, string> = json) =>
      () =>
        sendRaw(mock.url, 'POST', path, { body: typeof body === 'function' ? body() : body, headers });
    const get =
      (path: string, headers: Record<string, string> = { authorization: `Bearer ${T}` }) =>
      () =>
        sendRaw(mock.url, 'GET', path, { headers });
    const createWith = (fields: Record<string, unknown>) =>
      post('/accounts', () => JSON.stringify({ id: 'HOSTILE_1', name: 'Hostile', customerId, ...fields }));

    const BODY_ROWS: Row[] = [
      {
        name: 'malformed JSON',
        send: post('/accounts', '{"id": "A", '),
        status: 400,
        code: 'INVALID_JSON',
        message: /^body: is not valid JSON/,
        operationId: 'createAccount',
      },
      {
        name: 'a JSON array as the body',
        send: post('/accounts', '[{"id":"A"}]'),
        status: 400,
        code: 'INVALID_REQUEST',
        message: /^body: must be object/,
        operationId: 'createAccount',
      },
      ...['"a string"', '42', 'null', 'true'].map(
        (body): Row => ({
          name: `the JSON scalar ${body} as the body`,
          send: post('/accounts', body),
          status: 400,
          code: 'INVALID_REQUEST',
          message: /^body: must be object/,
          operationId: 'createAccount',
        }),
      ),
      {
        name: 'an empty body where one is required',
        send: post('/accounts', ''),
        status: 400,
        code: 'INVALID_REQUEST',
        message: /^body: a JSON object is required/,
        operationId: 'createAccount',
      },
      {
        name: 'no Content-Type',
        send: () =>
          sendRaw(mock.url, 'POST', '/accounts', {
            body: new TextEncoder().encode('{"id":"A"}'),
            headers: { authorization: `Bearer ${T}` },
          }),
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: /^Content-Type: must be application\/json/,
        operationId: 'createAccount',
      },
      {
        name: 'Content-Type text/plain',
        send: post('/accounts', '{"id":"A"}', { ...json, 'content-type': 'text/plain' }),
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: /^Content-Type: must be application\/json, got "text\/plain"/,
        operationId: 'createAccount',
      },
      {
        name: 'Content-Type application/x-www-form-urlencoded on PATCH',
        send: () =>
          sendRaw(mock.url, 'PATCH', '/accounts/ANY', {
            body: 'name=x',
            headers: { ...json, 'content-type': 'application/x-www-form-urlencoded' },
          }),
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: /^Content-Type: /,
        operationId: 'updateAccount',
      },
      {
        name: 'a body over 100 kB',
        send: createWith({ metadata: { big: 'x'.repeat(110_000) } }),
        status: 413,
        code: 'PAYLOAD_TOO_LARGE',
        message: /^body: larger than the 102400 bytes/,
        operationId: 'createAccount',
      },
      {
        name: 'a metadata value nested 10,000 arrays deep',
        send: post(
          '/accounts',
          () =>
            `{"id":"DEEP","name":"Deep","customerId":"${customerId}","metadata":{"deep":${nest(10_000, '[', '', ']')}}}`,
        ),
        status: 400,
        code: 'INVALID_REQUEST',
        message: /^metadata\.deep: must be string/,
        operationId: 'createAccount',
      },
      {
        name: 'a body of 10,000 nested objects',
        send: post('/accounts', nest(10_000, '{"a":', '1', '}')),
        status: 400,
        code: 'INVALID_REQUEST',
        message: /^(id|a): /,
        operationId: 'createAccount',
      },
      {
        name: '10,000 aliases',
        send: createWith({
          aliases: Array.from({ length: 10_000 }, (_, i) => `a${i.toString(36).padStart(3, '0')}`),
        }),
        status: 400,
        code: 'INVALID_REQUEST',
        message: /^aliases: must NOT have more than 10 items/,
        operationId: 'createAccount',
      },
      {
        name: '10,000 copies of one tag',
        send: createWith({ tags: Array.from({ length: 10_000 }, () => 'same') }),
        status: 400,
        code: 'INVALID_REQUEST',
        message: /^tags: must NOT have duplicate items/,
        operationId: 'createAccount',
      },
      {
        name: 'raw control characters inside a JSON string',
        send: post('/accounts', `{"id":"CTRL","name":"bell\u0007 and nul\u0000","customerId":"x"}`),
        status: 400,
        code: 'INVALID_JSON',
        message: /^body: is not valid JSON/,
        operationId: 'createAccount',
      },
      {
        name: 'bytes that are not UTF-8',
        send: post(
          '/accounts',
          new Uint8Array([...new TextEncoder().encode('{"id":"'), 0xff, 0xfe, 0x22, 0x7d]),
        ),
        status: 400,
        code: 'INVALID_JSON',
        message: /^body: is not valid UTF-8/,
        operationId: 'createAccount',
      },
      {
        name: 'a missing required field',
        send: post('/accounts', JSON.stringify({ id: 'A', name: 'Name' })),
        status: 400,
        code: 'INVALID_REQUEST',
        message: /^customerId: must have required property/,
        operationId: 'createAccount',
      },
      {
        name: 'a number where a string is declared',
        send: createWith({ name: 12345 }),
        status: 400,
        code: 'INVALID_REQUEST',
        message: /^name: must be string/,
        operationId: 'createAccount',
      },
      {
        name: 'an unknown status',
        send: createWith({ status: 'DELETED' }),
        status: 400,
        code: 'INVALID_REQUEST',
        message: /^status: must be one of ACTIVE, DRAFT/,
        operationId: 'createAccount',
      },
      {
        name: 'ARCHIVED, an enum value the create schema does not allow',
        send: createWith({ status: 'ARCHIVED' }),
        status: 400,
        code: 'INVALID_REQUEST',
        message: /^status: must be one of ACTIVE, DRAFT/,
        operationId: 'createAccount',
      },
      {
        name: 'an unknown settings dataType',
        send: createWith({ settings: [{ id: 's', value: 'v', namespace: 'n', name: 'x', dataType: 'XML' }] }),
        status: 400,
        code: 'INVALID_REQUEST',
        message: /^settings\[0\]\.dataType: must be one of STRING, NUMERIC, JSON, JSON_LOGIC/,
        operationId: 'createAccount',
      },
      {
        name: 'an extra top-level property',
        send: createWith({ color: 'red' }),
        status: 400,
        code: 'INVALID_REQUEST',
        message: /^color: is not an allowed property/,
        operationId: 'createAccount',
      },
      {
        name: 'an extra property inside address',
        send: createWith({ address: { line1: 'x', planet: 'Mars' } }),
        status: 400,
        code: 'INVALID_REQUEST',
        message: /^address\.planet: is not an allowed property/,
        operationId: 'createAccount',
      },
      {
        name: 'an extra property inside billingInformation',
        send: createWith({ billingInformation: { emailRecipients: [], cc: [] } }),
        status: 400,
        code: 'INVALID_REQUEST',
        message: /^billingInformation\.cc: is not an allowed property/,
        operationId: 'createAccount',
      },
      ...['__proto__', 'constructor', 'prototype'].map(
        (key): Row => ({
          name: `a top-level "${key}" key`,
          send: post(
            '/accounts',
            () =>
              `{"id":"PROTO_TOP","name":"Proto","customerId":"${customerId}","${key}":{"polluted":"yes"}}`,
          ),
          status: 400,
          code: 'INVALID_REQUEST',
          message: new RegExp(`^${key}: is not an allowed property`),
          operationId: 'createAccount',
        }),
      ),
      {
        name: 'an object under metadata.__proto__',
        send: () =>
          sendRaw(mock.url, 'POST', '/accounts', {
            body: `{"id":"PROTO_OBJ","name":"Proto","customerId":"${customerId}","metadata":{"__proto__":{"polluted":"yes"}}}`,
            headers: json,
          }),
        status: 400,
        code: 'INVALID_REQUEST',
        message: /^metadata\.__proto__: must be string/,
        operationId: 'createAccount',
      },
      {
        name: 'an extra "__proto__" inside address on PATCH',
        send: () =>
          sendRaw(mock.url, 'PATCH', '/accounts/ANY', {
            body: '{"address":{"__proto__":{"city":"x"}}}',
            headers: json,
          }),
        status: 400,
        code: 'INVALID_REQUEST',
        message: /^address\.__proto__: is not an allowed property/,
        operationId: 'updateAccount',
      },
      {
        name: 'an empty aliases list in add_aliases',
        send: post('/accounts/ANY/add_aliases', '{"aliases":[]}'),
        status: 400,
        code: 'INVALID_REQUEST',
        message: /^aliases: must NOT have fewer than 1 items/,
        operationId: 'addAliases',
      },
    ];

    const LENGTH_ROWS: Row[] = [
      ['id', 51, /^id: must NOT have more than 50 characters/],
      ['customerId', 0, /^customerId: must NOT have fewer than 1 characters/],
      ['name', 2, /^name: must NOT have fewer than 3 characters/],
      ['name', 256, /^name: must NOT have more than 255 characters/],
      ['customerId', 256, /^customerId: must NOT have more than 255 characters/],
      ['primaryEmail', 321, /^primaryEmail: must NOT have more than 320 characters/],
      ['invoiceCurrency', 2, /^invoiceCurrency: must NOT have fewer than 3 characters/],
      ['invoiceCurrency', 4, /^invoiceCurrency: must NOT have more than 3 characters/],
      ['aliases', 2, /^aliases\[0\]: must NOT have fewer than 3 characters/],
      ['aliases', 51, /^aliases\[0\]: must NOT have more than 50 characters/],
    ].map(
      ([field, length, message]): Row => ({
        name: `${field} of ${length} characters`,
        send: createWith({
          [field as string]:
            field === 'aliases' ? ['a'.repeat(length as number)] : 'a'.repeat(length as number),
        }),
        status: 400,
        code: 'INVALID_REQUEST',
        message: message as RegExp,
        operationId: 'createAccount',
      }),
    );

    const QUERY_ROWS: Row[] = [
      ...[
        ['99999999999999999999', /^pageSize: must be a number/],
        ['1e2', /^pageSize: must be a number/],
        ['abc', /^pageSize: must be a number, got "abc"/],
        ['', /^pageSize: must be a number, got ""/],
        ['%20', /^pageSize: must be a number/],
        ['1&pageSize=2', /^pageSize: must be given once/],
      ].map(
        ([value, message]): Row => ({
          name: `pageSize=${value}`,
          send: get(`/accounts?pageSize=${value}`),
          status: 400,
          code: 'INVALID_PAGE_SIZE',
          message: message as RegExp,
          operationId: 'getAccounts',
        }),
      ),
      {
        name: 'an empty sortOrder',
        send: get('/accounts?sortOrder='),
        status: 400,
        code: 'INVALID_SORT_ORDER',
        message: /^sortOrder: must be one of ASC, DESC/,
        operationId: 'getAccounts',
      },
      {
        name: 'sortOrder=asc (lower case)',
        send: get('/accounts?sortOrder=asc'),
        status: 400,
        code: 'INVALID_SORT_ORDER',
        message: /^sortOrder: must be one of ASC, DESC/,
        operationId: 'getAccounts',
      },
      ...[
        ['a nextToken that is not base64', () => '%25%25%25', /^nextToken: is not base64/],
        [
          'a nextToken that is base64 of junk',
          () => b64('junk junk'),
          /^nextToken: is not base64 of a JSON object/,
        ],
        [
          'a nextToken that is base64 of a JSON array',
          () => b64([1, 2]),
          /^nextToken: is not base64 of a JSON object/,
        ],
        [
          'a nextToken whose fields have the wrong types',
          () => b64({ lastItemId: 7, pageSize: 'ten', sortOrder: 1, list: [], sig: null }),
          /^nextToken: lastItemId must be a non-empty string/,
        ],
        [
          'a nextToken with an unknown field',
          () =>
            b64({ lastItemId: 'A', pageSize: 1, sortOrder: 'asc', list: 'accounts', sig: 'x', admin: true }),
          /^nextToken: has an unexpected field "admin"/,
        ],
        [
          'a tampered nextToken',
          () => encodeURIComponent(tokens.tampered),
          /^nextToken: signature does not match/,
        ],
        [
          'a nextToken from /customers',
          () => encodeURIComponent(tokens.customers),
          /^nextToken: belongs to another list/,
        ],
        [
          "a nextToken from an account's alias list",
          () => encodeURIComponent(tokens.aliases),
          /^nextToken: belongs to another list/,
        ],
        ['a nextToken of 5,000 characters', () => 'A'.repeat(5000), /^nextToken: is longer than 1024/],
        ['an empty nextToken', () => '', /^nextToken: is empty/],
      ].map(
        ([name, token, message]): Row => ({
          name: name as string,
          send: () => get(`/accounts?nextToken=${(token as () => string)()}`)(),
          status: 400,
          code: 'INVALID_TOKEN',
          message: message as RegExp,
          operationId: 'getAccounts',
        }),
      ),
      {
        name: 'a nextToken beside a sortOrder it contradicts',
        send: () => get(`/accounts?sortOrder=DESC&nextToken=${encodeURIComponent(tokens.ascending)}`)(),
        status: 400,
        code: 'INVALID_SORT_ORDER',
        message: /^sortOrder: DESC differs from the nextToken's ASC/,
        operationId: 'getAccounts',
      },
    ];

    const PATH_ROWS: Row[] = [
      {
        name: 'a path id of 51 characters',
        send: get(`/accounts/${'x'.repeat(51)}`),
        status: 400,
        code: 'INVALID_REQUEST',
        message: /^account_id: must NOT have more than 50 characters/,
        operationId: 'getAccount',
      },
      {
        name: 'a customer path id of 51 characters',
        send: get(`/customers/${'x'.repeat(51)}`),
        status: 400,
        code: 'INVALID_REQUEST',
        message: /^customer_id: must NOT have more than 50 characters/,
        operationId: 'getCustomer',
      },
      {
        name: 'a truncated percent-encoding (%E0%A4%A)',
        send: get('/accounts/%E0%A4%A'),
        status: 400,
        code: 'INVALID_REQUEST',
        message: /^path: has malformed percent-encoding/,
        operationId: 'getAccount',
      },
      {
        name: 'an encoded slash (%2F) in the id',
        send: get('/accounts/a%2Fb'),
        status: 404,
        code: 'ACCOUNT_NOT_FOUND',
        message: /^account_id: no account with id a\/b/,
        operationId: 'getAccount',
      },
      {
        name: 'a slash in the id',
        send: get('/accounts/a/b'),
        status: 404,
        code: 'NOT_FOUND',
        message: /^path: no operation at GET \/accounts\/a\/b/,
        operationId: 'getAccount',
      },
      {
        name: 'an unknown path',
        send: get('/invoices'),
        status: 404,
        code: 'NOT_FOUND',
        message: /^path: no operation at GET \/invoices/,
        operationId: 'getAccount',
      },
      {
        name: 'an id nobody created',
        send: get('/accounts/NOBODY_MADE_THIS'),
        status: 404,
        code: 'ACCOUNT_NOT_FOUND',
        message: /^account_id: no account with id NOBODY_MADE_THIS/,
        operationId: 'getAccount',
      },
      {
        name: 'a customerId nobody created, 255 characters long',
        send: createWith({ customerId: 'c'.repeat(255) }),
        status: 404,
        code: 'CUSTOMER_NOT_FOUND',
        message: /^customerId: no customer with id c+/,
        operationId: 'createAccount',
      },
    ];

    const AUTH_ROWS: Row[] = [
      ['no Authorization', undefined, /^Authorization: a Bearer token is required/],
      ['an empty Authorization', '', /^Authorization: a Bearer token is required/],
      ['Basic credentials', 'Basic dXNlcjpwYXNz', /^Authorization: must be "Bearer <token>"/],
      ['Bearer with no token', 'Bearer', /^Authorization: must be "Bearer <token>"/],
      ['lower-case bearer', 'bearer abc', /^Authorization: must be "Bearer <token>"/],
      [
        'Bearer with a comma and a space in the token',
        'Bearer a,b c',
        /^Authorization: must be "Bearer <token>"/,
      ],
      ['Bearer with a non-ASCII character', 'Bearer caf\u00e9', /^Authorization: must be "Bearer <token>"/],
      ['a 5 kB Bearer token', `Bearer ${'a'.repeat(5000)}`, /^Authorization: the token is longer than 4096/],
    ].map(
      ([name, header, message]): Row => ({
        name: name as string,
        send: get('/accounts', header === undefined ? {} : { authorization: header as string }),
        status: 401,
        code: 'UNAUTHORIZED',
        message: message as RegExp,
        operationId: 'getAccounts',
      }),
    );

    const METHOD_ROWS: Row[] = [
      ['DELETE', '/accounts', 'GET, POST, HEAD'],
      ['PUT', '/accounts/X', 'GET, PATCH, DELETE, HEAD'],
      ['GET', '/accounts/X/add_aliases', 'POST'],
      ['PATCH', '/customers', 'GET, POST, HEAD'],
    ].map(
      ([method, path, allow]): Row => ({
        name: `${method} ${path} (Allow: ${allow})`,
        send: async () => {
          const res = await sendRaw(mock.url, method as string, path as string, {
            headers: json,
            ...(method === 'GET' ? {} : { body: '{}' }),
          });
          expect(res.headers.get('allow')).toBe(allow);
          return res;
        },
        status: 405,
        code: 'METHOD_NOT_ALLOWED',
        message: new RegExp(`^method: ${method} is not allowed`),
        operationId: 'getAccounts',
      }),
    );

    describe.each([
      ['body', BODY_ROWS],
      ['string lengths past the limit', LENGTH_ROWS],
      ['query', QUERY_ROWS],
      ['path', PATH_ROWS],
      ['Authorization', AUTH_ROWS],
      ['method', METHOD_ROWS],
    ])('bad input: %s', (_kind, rows) => {
      it.each(rows)('answers $status $code to $name', async (row) => {
        const res = await row.send();
        expect(res.status).toBe(row.status);
        expect(res.headers.get('x-error-code')).toBe(row.code);
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
        expect((res.body as { message: string }).message).toMatch(row.message);
        expect(validate(row.operationId, row.status, res.body)).toEqual([]);
        if (row.status === 401) expect(res.headers.get('www-authenticate')).toBe('Bearer');
        await expectStillServing(mock);
      });
    });

    describe('strings at their declared limits', () => {
      it.each([
        ['id', 'i'.repeat(50)],
        ['id', 'i'],
        ['name', 'abc'],
        ['name', 'n'.repeat(255)],
        ['primaryEmail', `${'e'.repeat(312)}@acme.io`],
        ['invoiceCurrency', 'EUR'],
        ['aliases', ['abc', 'a'.repeat(50)]],
      ])('creates an account whose %s is at its limit, and reads it back unchanged', async (field, value) => {
        const id = field === 'id' ? (value as string) : `LIMIT_${field}_${String(value).length}`;
        const body = { id, name: 'At the limit', customerId, [field]: value };
        const created = await mock.call('POST', '/accounts', { token: `${T}-limits`, body });
        expect(created.status).toBe(201);
        expect(validate('createAccount', 201, created.body)).toEqual([]);
        const read = await mock.call('GET', `/accounts/${encodeURIComponent(id)}`, { token: `${T}-limits` });
        expect(read.body).toEqual(created.body);
        const stored = (read.body as Record<string, unknown>)[field];
        expect(
          field === 'aliases' ? (stored as { alias: string }[]).map((a) => a.alias).sort() : stored,
        ).toEqual(field === 'aliases' ? [...(value as string[])].sort() : value);
      });
    });

    describe('prototype keys are data, never a way into Object.prototype', () => {
      it('stores __proto__, constructor and prototype inside metadata as plain keys, and a later object is unaffected', async () => {
        const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
        const token = `${T}-proto`;
        const created = await sendRaw(mock.url, 'POST', '/accounts', {
          headers: { ...json, authorization: `Bearer ${token}` },
          body: `{"id":"PROTO_META","name":"Proto","customerId":"${customerId}","metadata":{"__proto__":"p","constructor":"c","prototype":"t"}}`,
        });
        expect(created.status).toBe(201);
        const expected = JSON.parse('{"__proto__":"p","constructor":"c","prototype":"t"}');
        expect(JSON.parse(created.text).metadata).toEqual(expected);
        const patched = await sendRaw(mock.url, 'PATCH', '/accounts/PROTO_META', {
          headers: { ...json, authorization: `Bearer ${token}` },
          body: '{"metadata":{"__proto__":"again","toString":"x"}}',
        });
        expect(patched.status).toBe(200);
        expect(JSON.parse(patched.text).metadata).toEqual(JSON.parse('{"__proto__":"again","toString":"x"}'));

        const later = await mock.call('POST', '/accounts', {
          token,
          body: { id: 'PROTO_LATER', name: 'Later', customerId },
        });
        expect(later.status).toBe(201);
        const laterBody = JSON.parse(later.text) as Record<string, unknown>;
        expect(laterBody.metadata).toBeUndefined();
        expect(Object.getPrototypeOf(laterBody)).toBe(Object.prototype);
        const plain: Record<string, unknown> = {};
        expect(plain.polluted).toBeUndefined();
        expect(plain.p).toBeUndefined();
        expect(typeof plain.toString).toBe('function');
        expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
        const read = await mock.call('GET', '/accounts/PROTO_META', { token });
        expect(JSON.parse(read.text).metadata).toEqual(JSON.parse('{"__proto__":"again","toString":"x"}'));
      });
    });

    describe('control characters that are valid JSON', () => {
      it('round-trips an escaped \\u0000 and other control characters in strings and ids', async () => {
        const token = `${T}-control`;
        const name = 'nul\u0000 bell\u0007 esc\u001b tab\t end';
        const id = 'CTRL_\u0000_\u001f';
        const created = await mock.call('POST', '/accounts', {
          token,
          body: { id, name, customerId, metadata: { 'k\u0000': 'v\u0001' } },
        });
        expect(created.status).toBe(201);
        const read = await mock.call('GET', `/accounts/${encodeURIComponent(id)}`, { token });
        expect(read.status).toBe(200);
        expect(read.body).toMatchObject({ id, name, metadata: { 'k\u0000': 'v\u0001' } });
        expect(validate('getAccount', 200, read.body)).toEqual([]);
      });
    });

    describe('nextToken edge cases that must still work', () => {
      it('resumes strictly after a deleted item when the token points at it', async () => {
        const token = `${T}-deleted`;
        const all = (await walkList(mock, validate, { token })).map((a) => (a as { id: string }).id);
        const first = await mock.call('GET', '/accounts?pageSize=5', { token });
        const page = first.body as { data: { id: string }[]; nextToken: string };
        const pointedAt = page.data[4]?.id ?? '';
        expect((await mock.call('DELETE', `/accounts/${pointedAt}`, { token })).status).toBe(200);
        const ids = page.data.map((a) => a.id);
        let next: string | undefined = page.nextToken;
        while (next) {
          const res = await mock.call('GET', `/accounts?nextToken=${encodeURIComponent(next)}`, { token });
          expect(res.status).toBe(200);
          const body = res.body as { data: { id: string }[]; nextToken?: string };
          ids.push(...body.data.map((a) => a.id));
          next = body.nextToken;
        }
        expectOrderedUnique(ids);
        expect(ids).toEqual(all);
      });
    });

    describe('after every bad request', () => {
      it('is still up, and an untouched tenant walks exactly the data it walked at the start', async () => {
        await expectStillServing(mock);
        expect(await walkList(mock, validate, { token: UNTOUCHED, pageSize: 7 })).toEqual(walkAtStart);
      });
    });
  },
};
