import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type TestMock } from '../helpers/start-mock.ts';
import { checkPublished, facts, findPublished } from './published-contract.ts';

// Every operation we implement, success and each error we produce, each answer validated against
// Togai's published schema for its method, path and status (fixtures/published, made by
// scripts/extract-published.ts). Rows run in order against one tenant: later rows use what earlier
// ones created.

interface Row {
  name: string;
  method: string;
  /** A function when the path needs what an earlier row answered. */
  path: string | (() => string);
  status: number;
  body?: unknown;
  token?: string | null;
  headers?: Record<string, string>;
}

let mock: TestMock;
let customer: string;
let account: string;
let accountToken: string;
let aliasToken: string;
let customerToken: string;

beforeAll(async () => {
  mock = await startMock({ seed: 9, accounts: 30, customers: 3 });
  const customers = (await mock.call('GET', '/customers?pageSize=1')).body as {
    data: { id: string }[];
    nextToken: string;
  };
  customer = customers.data[0]?.id as string;
  customerToken = customers.nextToken;
  const accounts = (await mock.call('GET', '/accounts?pageSize=2')).body as {
    data: { id: string }[];
    nextToken: string;
  };
  account = accounts.data[0]?.id as string;
  accountToken = accounts.nextToken;
});
afterAll(() => mock.close());

const HUGE = JSON.stringify({ name: 'x'.repeat(200_000) });
const LONG_ID = 'x'.repeat(51);
const text = { 'content-type': 'text/plain' };

/** The rows; built lazily because they need ids read from the seeded data. */
function rows(): Row[] {
  const newAccount = {
    id: 'CONF_ACCOUNT',
    name: 'Conformance',
    customerId: customer,
    aliases: ['conf-alias'],
  };
  return [
    { name: 'list accounts', method: 'GET', path: '/accounts?pageSize=5', status: 200 },
    {
      name: 'list accounts, next page',
      method: 'GET',
      path: `/accounts?nextToken=${encodeURIComponent(accountToken)}`,
      status: 200,
    },
    { name: 'list accounts, bad token', method: 'GET', path: '/accounts?nextToken=bm9wZQ==', status: 400 },
    { name: 'list accounts, no token', method: 'GET', path: '/accounts', status: 401, token: null },
    { name: 'create account', method: 'POST', path: '/accounts', status: 201, body: newAccount },
    { name: 'create account, duplicate', method: 'POST', path: '/accounts', status: 409, body: newAccount },
    {
      name: 'create account, invalid',
      method: 'POST',
      path: '/accounts',
      status: 400,
      body: { id: 'A', name: 'ab', customerId: customer },
    },
    {
      name: 'create account, unknown customer',
      method: 'POST',
      path: '/accounts',
      status: 404,
      body: { ...newAccount, id: 'CONF_2', customerId: 'NOPE' },
    },
    {
      name: 'create account, no token',
      method: 'POST',
      path: '/accounts',
      status: 401,
      body: newAccount,
      token: null,
    },
    { name: 'create account, huge body', method: 'POST', path: '/accounts', status: 413, body: HUGE },
    {
      name: 'create account, not JSON',
      method: 'POST',
      path: '/accounts',
      status: 415,
      body: 'id=1',
      headers: text,
    },
    { name: 'get account', method: 'GET', path: '/accounts/CONF_ACCOUNT', status: 200 },
    {
      name: 'get account with published query',
      method: 'GET',
      path: `/accounts/${account}?includeGroupDetails=true&effectiveOn=2025-01-01T00:00:00Z`,
      status: 200,
    },
    {
      name: 'get account, bad includeGroupDetails',
      method: 'GET',
      path: `/accounts/${account}?includeGroupDetails=maybe`,
      status: 400,
    },
    { name: 'get account, id too long', method: 'GET', path: `/accounts/${LONG_ID}`, status: 400 },
    { name: 'get account, unknown', method: 'GET', path: '/accounts/NOPE', status: 404 },
    { name: 'get account, no token', method: 'GET', path: `/accounts/${account}`, status: 401, token: null },
    {
      name: 'update account',
      method: 'PATCH',
      path: '/accounts/CONF_ACCOUNT',
      status: 200,
      body: { name: 'Renamed', metadata: { a: 'b' } },
    },
    {
      name: 'update account, invalid',
      method: 'PATCH',
      path: '/accounts/CONF_ACCOUNT',
      status: 400,
      body: { status: 'ARCHIVED' },
    },
    {
      name: 'update account, unknown',
      method: 'PATCH',
      path: '/accounts/NOPE',
      status: 404,
      body: { name: 'Renamed' },
    },
    {
      name: 'update account, no token',
      method: 'PATCH',
      path: '/accounts/CONF_ACCOUNT',
      status: 401,
      body: {},
      token: null,
    },
    {
      name: 'update account, huge body',
      method: 'PATCH',
      path: '/accounts/CONF_ACCOUNT',
      status: 413,
      body: HUGE,
    },
    {
      name: 'update account, not JSON',
      method: 'PATCH',
      path: '/accounts/CONF_ACCOUNT',
      status: 415,
      body: 'x',
      headers: text,
    },
    {
      name: 'add aliases',
      method: 'POST',
      path: '/accounts/CONF_ACCOUNT/add_aliases',
      status: 200,
      body: { aliases: ['second-alias'], accountAliases: [{ value: 'z' }] },
    },
    {
      name: 'add aliases, empty',
      method: 'POST',
      path: '/accounts/CONF_ACCOUNT/add_aliases',
      status: 200,
      body: {},
    },
    {
      name: 'add aliases, too many',
      method: 'POST',
      path: '/accounts/CONF_ACCOUNT/add_aliases',
      status: 400,
      body: { aliases: Array.from({ length: 10 }, (_, i) => `many-${i}`) },
    },
    {
      name: 'add aliases, unknown',
      method: 'POST',
      path: '/accounts/NOPE/add_aliases',
      status: 404,
      body: {},
    },
    {
      name: 'add aliases, no token',
      method: 'POST',
      path: '/accounts/CONF_ACCOUNT/add_aliases',
      status: 401,
      body: {},
      token: null,
    },
    {
      name: 'add aliases, huge body',
      method: 'POST',
      path: '/accounts/CONF_ACCOUNT/add_aliases',
      status: 413,
      body: HUGE,
    },
    {
      name: 'add aliases, not JSON',
      method: 'POST',
      path: '/accounts/CONF_ACCOUNT/add_aliases',
      status: 415,
      body: 'x',
      headers: text,
    },
    { name: 'list aliases', method: 'GET', path: '/accounts/CONF_ACCOUNT/account_aliases', status: 200 },
    {
      name: 'list aliases, one a page',
      method: 'GET',
      path: '/accounts/CONF_ACCOUNT/account_aliases?pageSize=1',
      status: 200,
    },
    {
      name: 'list aliases, next page',
      method: 'GET',
      path: () => `/accounts/CONF_ACCOUNT/account_aliases?nextToken=${encodeURIComponent(aliasToken)}`,
      status: 200,
    },
    {
      name: 'list aliases, bad token',
      method: 'GET',
      path: '/accounts/CONF_ACCOUNT/account_aliases?nextToken=bm9wZQ==',
      status: 400,
    },
    { name: 'list aliases, unknown', method: 'GET', path: '/accounts/NOPE/account_aliases', status: 404 },
    {
      name: 'list aliases, no token',
      method: 'GET',
      path: '/accounts/CONF_ACCOUNT/account_aliases',
      status: 401,
      token: null,
    },
    {
      name: 'remove aliases',
      method: 'POST',
      path: '/accounts/CONF_ACCOUNT/remove_aliases',
      status: 200,
      body: { aliases: ['second-alias'] },
    },
    {
      name: 'remove aliases, empty',
      method: 'POST',
      path: '/accounts/CONF_ACCOUNT/remove_aliases',
      status: 200,
      body: {},
    },
    {
      name: 'remove aliases, invalid',
      method: 'POST',
      path: '/accounts/CONF_ACCOUNT/remove_aliases',
      status: 400,
      body: { aliases: 'one' },
    },
    {
      name: 'remove aliases, unknown',
      method: 'POST',
      path: '/accounts/NOPE/remove_aliases',
      status: 404,
      body: {},
    },
    {
      name: 'remove aliases, no token',
      method: 'POST',
      path: '/accounts/CONF_ACCOUNT/remove_aliases',
      status: 401,
      body: {},
      token: null,
    },
    {
      name: 'remove aliases, huge body',
      method: 'POST',
      path: '/accounts/CONF_ACCOUNT/remove_aliases',
      status: 413,
      body: HUGE,
    },
    {
      name: 'remove aliases, not JSON',
      method: 'POST',
      path: '/accounts/CONF_ACCOUNT/remove_aliases',
      status: 415,
      body: 'x',
      headers: text,
    },
    { name: 'delete account', method: 'DELETE', path: '/accounts/CONF_ACCOUNT', status: 200 },
    { name: 'delete account, again', method: 'DELETE', path: '/accounts/CONF_ACCOUNT', status: 404 },
    { name: 'delete account, id too long', method: 'DELETE', path: `/accounts/${LONG_ID}`, status: 400 },
    {
      name: 'delete account, no token',
      method: 'DELETE',
      path: `/accounts/${account}`,
      status: 401,
      token: null,
    },
    { name: 'list customers', method: 'GET', path: '/customers?pageSize=2', status: 200 },
    {
      name: 'list customers, next page',
      method: 'GET',
      path: `/customers?nextToken=${encodeURIComponent(customerToken)}`,
      status: 200,
    },
    { name: 'list customers, not a number', method: 'GET', path: '/customers?pageSize=ten', status: 400 },
    { name: 'list customers, no token', method: 'GET', path: '/customers', status: 401, token: null },
    ...customerRows(),
  ];
}

function customerRows(): Row[] {
  const created = {
    id: 'CONF_CUSTOMER',
    name: 'Conformance Customer',
    primaryEmail: 'conf@example.com',
    address: { line1: '1 Main St', country: 'US' },
    settings: [{ id: 's', value: 'v', namespace: 'USER', name: 'n', dataType: 'STRING' }],
    account: { id: 'CONF_NESTED', name: 'Nested', tags: ['A'], status: 'DRAFT', netTermDays: 15 },
  };
  return [
    { name: 'create customer', method: 'POST', path: '/customers', status: 201, body: created },
    { name: 'create customer, duplicate', method: 'POST', path: '/customers', status: 409, body: created },
    { name: 'create customer, invalid', method: 'POST', path: '/customers', status: 400, body: { id: 'C' } },
    {
      name: 'create customer, no token',
      method: 'POST',
      path: '/customers',
      status: 401,
      body: created,
      token: null,
    },
    { name: 'create customer, huge body', method: 'POST', path: '/customers', status: 413, body: HUGE },
    {
      name: 'create customer, not JSON',
      method: 'POST',
      path: '/customers',
      status: 415,
      body: 'x',
      headers: text,
    },
    { name: 'get customer', method: 'GET', path: '/customers/CONF_CUSTOMER', status: 200 },
    { name: 'get customer, id too long', method: 'GET', path: `/customers/${LONG_ID}`, status: 400 },
    { name: 'get customer, unknown', method: 'GET', path: '/customers/NOPE', status: 404 },
    {
      name: 'get customer, no token',
      method: 'GET',
      path: '/customers/CONF_CUSTOMER',
      status: 401,
      token: null,
    },
    {
      name: 'update customer',
      method: 'PATCH',
      path: '/customers/CONF_CUSTOMER',
      status: 200,
      body: { name: 'Renamed Customer' },
    },
    {
      name: 'update customer, invalid',
      method: 'PATCH',
      path: '/customers/CONF_CUSTOMER',
      status: 400,
      body: { name: 7 },
    },
    { name: 'update customer, unknown', method: 'PATCH', path: '/customers/NOPE', status: 404, body: {} },
    {
      name: 'update customer, no token',
      method: 'PATCH',
      path: '/customers/CONF_CUSTOMER',
      status: 401,
      body: {},
      token: null,
    },
    {
      name: 'update customer, huge body',
      method: 'PATCH',
      path: '/customers/CONF_CUSTOMER',
      status: 413,
      body: HUGE,
    },
    {
      name: 'update customer, not JSON',
      method: 'PATCH',
      path: '/customers/CONF_CUSTOMER',
      status: 415,
      body: 'x',
      headers: text,
    },
    { name: 'delete customer', method: 'DELETE', path: '/customers/CONF_CUSTOMER', status: 200 },
    { name: 'delete customer, again', method: 'DELETE', path: '/customers/CONF_CUSTOMER', status: 404 },
    { name: 'delete customer, id too long', method: 'DELETE', path: `/customers/${LONG_ID}`, status: 400 },
    {
      name: 'delete customer, no token',
      method: 'DELETE',
      path: `/customers/${customer}`,
      status: 401,
      token: null,
    },
  ];
}

async function send(row: Row) {
  const path = typeof row.path === 'function' ? row.path() : row.path;
  const res = await mock.call(row.method, path, {
    ...(row.token !== undefined ? { token: row.token } : {}),
    ...(row.body !== undefined ? { body: row.body } : {}),
    ...(row.headers ? { headers: row.headers } : {}),
  });
  return { path, res };
}

describe('every answer of every operation we implement validates against Togai’s published schema', () => {
  const exercised = new Map<string, Set<number>>();

  it('answers each row with the expected status and a body the published schema accepts', async () => {
    for (const row of rows()) {
      const { path, res } = await send(row);
      expect(res.status, row.name).toBe(row.status);
      expect(checkPublished(row.method, path, res.status, res.body), row.name).toEqual([]);
      if (path.endsWith('account_aliases?pageSize=1'))
        aliasToken = (res.body as { nextToken: string }).nextToken;
      const op = findPublished(row.method, path)?.operationId ?? '?';
      exercised.set(op, (exercised.get(op) ?? new Set()).add(res.status));
    }
  });

  it('exercised every published operation with a success, a 401 and a 404 or 400', () => {
    expect([...exercised.keys()].sort()).toEqual(facts.operations.map((op) => op.operationId).sort());
    for (const [op, statuses] of exercised) {
      expect(
        [...statuses].some((s) => s >= 200 && s < 300),
        op,
      ).toBe(true);
      expect(statuses.has(401), op).toBe(true);
      expect(statuses.has(404) || statuses.has(400), op).toBe(true);
    }
  });
});

describe('the published schemas catch the shapes our mock used to answer', () => {
  it('refuses a created customer with status and timestamps, and an alias page with context', () => {
    const customer = {
      id: 'C1',
      togaiCustomerId: 'customer.a.b',
      name: 'Customer',
      primaryEmail: 'c@example.com',
      billingAddress: '',
      address: {},
      status: 'ACTIVE',
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
    };
    expect(checkPublished('POST', '/customers', 201, customer)).toEqual([
      '/ must NOT have additional properties',
      '/ must NOT have additional properties',
      '/ must NOT have additional properties',
    ]);
    expect(
      checkPublished('GET', '/accounts/A/account_aliases', 200, { data: [], context: { pageSize: 1 } }),
    ).toEqual(['/ must NOT have additional properties']);
    expect(checkPublished('GET', '/accounts/A/account_aliases', 404, { message: 'x', code: 'E' })).toEqual([
      '/ must NOT have additional properties',
    ]);
  });
});

describe('the published named request examples', () => {
  it('are accepted (2xx), each answer valid against the published schema', async () => {
    const examples = facts.requestExamples;
    const token = 'published-examples';
    const call = async (method: string, path: string, body: unknown) => {
      const res = await mock.call(method, path, { token, body });
      expect(checkPublished(method, path, res.status, res.body), `${method} ${path}`).toEqual([]);
      return res;
    };
    const byOperation = (id: string) => Object.values(examples[id] ?? {});
    const customerExample = byOperation('createCustomer')[0] as { id: string; account: { id: string } };
    const accountExample = byOperation('createAccount')[0] as { id: string; customerId: string };
    expect(customerExample && accountExample).toBeTruthy();
    // The account example names customer C1234qwd and reuses the customer example's account id.
    for (const body of byOperation('createCustomer'))
      expect((await call('POST', '/customers', body)).status).toBe(201);
    const owner = {
      id: accountExample.customerId,
      name: 'Example owner',
      primaryEmail: 'o@example.com',
      address: {},
    };
    expect((await call('POST', '/customers', owner)).status).toBe(201);
    expect((await call('DELETE', `/accounts/${customerExample.account.id}`, undefined)).status).toBe(200);
    for (const body of byOperation('createAccount'))
      expect((await call('POST', '/accounts', body)).status).toBe(201);
    const writes: [string, string, string][] = [
      ['updateAccount', 'PATCH', `/accounts/${accountExample.id}`],
      ['addAliases', 'POST', `/accounts/${accountExample.id}/add_aliases`],
      ['removeAliases', 'POST', `/accounts/${accountExample.id}/remove_aliases`],
      ['updateCustomer', 'PATCH', `/customers/${customerExample.id}`],
    ];
    for (const [id, method, path] of writes) {
      expect(byOperation(id).length, id).toBeGreaterThan(0);
      for (const body of byOperation(id)) expect((await call(method, path, body)).status, id).toBe(200);
    }
    expect(Object.keys(examples).sort()).toEqual([
      'addAliases',
      'createAccount',
      'createCustomer',
      'removeAliases',
      'updateAccount',
      'updateCustomer',
    ]);
  });
});
