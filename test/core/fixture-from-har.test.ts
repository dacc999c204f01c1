import { describe, expect, it } from 'vitest';
import { fixtureFromHar } from '../../src/core/fixture-from-har.ts';
import type { HarEntry } from '../../src/core/har.ts';
import { createMock, fixtureValidatorFor } from '../../src/core/index.ts';
import { bundledSpec, call } from '../helpers/core-request.ts';
import { entry, harOf } from '../helpers/har-entries.ts';

const customer = (id: string) => ({
  id,
  togaiCustomerId: `customer.${id}.x`,
  name: `Customer ${id}`,
  primaryEmail: `${id.toLowerCase()}@example.com`,
  billingAddress: '1 Main St',
  address: { line1: '1 Main St' },
  status: 'ACTIVE',
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
});
const account = (id: string, customerId: string, extra: Record<string, unknown> = {}) => ({
  id,
  togaiAccountId: `account.${id}.x`,
  customerId,
  togaiCustomerId: `customer.${customerId}.x`,
  name: `Account ${id}`,
  status: 'ACTIVE',
  aliases: [{ alias: `alias-${id}` }],
  ...extra,
});

function build(...entries: HarEntry[]) {
  const result = fixtureFromHar(harOf(...entries));
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('fixtureFromHar', () => {
  it('takes the accounts and customers of list pages and reads, the latest version winning', () => {
    const fixture = build(
      entry('GET', '/v1/customers?pageSize=2', 200, { data: [customer('C1')] }),
      entry('GET', '/v1/accounts?pageSize=2', 200, {
        data: [account('A1', 'C1'), account('A2', 'C1')],
        nextToken: 't',
      }),
      entry('PATCH', '/v1/accounts/A1', 200, account('A1', 'C1', { name: 'Renamed' }), { name: 'Renamed' }),
      entry('GET', '/v1/accounts/A2', 200, account('A2', 'C1', { status: 'ARCHIVED' })),
    );
    expect(fixture).toEqual({
      replace: true,
      customers: [
        { id: 'C1', name: 'Customer C1', primaryEmail: 'c1@example.com', address: { line1: '1 Main St' } },
      ],
      accounts: [
        { id: 'A1', customerId: 'C1', name: 'Renamed', status: 'ACTIVE', aliases: ['alias-A1'] },
        { id: 'A2', customerId: 'C1', name: 'Account A2', status: 'ARCHIVED', aliases: ['alias-A2'] },
      ],
    });
  });

  it('honours deletes, and a later create of the same id', () => {
    const fixture = build(
      entry('GET', '/accounts', 200, { data: [account('A1', 'C1'), account('A2', 'C1')] }),
      entry('DELETE', '/accounts/A1', 200, { success: true }),
      entry('DELETE', '/accounts/A2', 200, { success: true }),
      entry('POST', '/accounts', 201, account('A2', 'C1', { name: 'Again' })),
      // A failed read says nothing about the data.
      entry('GET', '/accounts/A2', 404, { message: 'gone?' }),
    );
    expect(fixture.accounts?.map((a) => [a.id, a.name])).toEqual([['A2', 'Again']]);
  });

  it('drops the accounts of a deleted customer, and stands in for a customer never seen', () => {
    const fixture = build(
      entry('GET', '/customers', 200, { data: [customer('C1'), customer('C2')] }),
      entry('GET', '/accounts', 200, {
        data: [account('A1', 'C1'), account('A2', 'C2'), account('A3', 'C9')],
      }),
      entry('DELETE', '/customers/C1', 200, { success: true }),
    );
    expect(fixture.customers?.map((c) => c.id)).toEqual(['C2', 'C9']);
    expect(fixture.customers?.[1]).toEqual({
      id: 'C9',
      name: 'C9_',
      primaryEmail: 'recorded-customer@example.com',
      address: {},
    });
    expect(fixture.accounts?.map((a) => a.id)).toEqual(['A2', 'A3']);
  });

  it('keeps the account created inside a customer, and alias records with their dates', () => {
    const fixture = build(
      entry('POST', '/customers', 201, customer('C1'), {
        id: 'C1',
        name: 'Customer C1',
        primaryEmail: 'c1@example.com',
        address: {},
        account: { id: 'A1', name: 'Nested account' },
      }),
      entry('GET', '/accounts/A1/account_aliases', 200, {
        data: [
          {
            id: 'r1',
            value: 'one@example.com',
            effectiveFrom: '2025-01-01T00:00:00.000Z',
            effectiveUntil: '2030-01-01T00:00:00.000Z',
            createdAt: '2025-01-01T00:00:00.000Z',
          },
        ],
      }),
    );
    expect(fixture.accounts).toEqual([
      {
        id: 'A1',
        name: 'Nested account',
        customerId: 'C1',
        status: 'ACTIVE',
        accountAliases: [
          {
            value: 'one@example.com',
            effectiveFrom: '2025-01-01T00:00:00.000Z',
            effectiveUntil: '2030-01-01T00:00:00.000Z',
          },
        ],
      },
    ]);
  });

  it('refuses what is not a HAR, naming the entry', () => {
    expect(fixtureFromHar({ entries: [] })).toEqual({
      ok: false,
      error: { code: 'INVALID_REQUEST', message: 'recording: not a HAR file (no log.entries array)' },
    });
    const broken = fixtureFromHar({
      log: { entries: [entry('GET', '/accounts', 200, { data: [] }), { request: {} }] },
    });
    expect(broken.ok || broken.error.message).toBe(
      'recording: log.entries[1] has no request method and url, or no response status and content',
    );
  });

  it('gives a fixture the core validates and serves with its own pagination', async () => {
    const spec = await bundledSpec();
    const fixture = build(
      entry('GET', '/customers', 200, { data: [customer('C1')] }),
      entry('GET', '/accounts', 200, { data: ['A3', 'A1', 'A2'].map((id) => account(id, 'C1')) }),
    );
    expect((await fixtureValidatorFor(spec))(fixture).ok).toBe(true);
    const mock = createMock({ spec, seed: 1, accounts: 50, customers: 3, fixture });
    type Page = { data: { id: string }[]; nextToken?: string };
    const page = (await call(mock, 'GET', '/accounts?pageSize=2')).body as Page;
    expect(page.data.map((a) => a.id)).toEqual(['A1', 'A2']);
    const next = (await call(mock, 'GET', `/accounts?nextToken=${encodeURIComponent(page.nextToken ?? '')}`))
      .body as Page;
    expect(next.data.map((a) => a.id)).toEqual(['A3']);
    expect(next.nextToken).toBeUndefined();
    expect((await call(mock, 'GET', '/accounts/A9')).status).toBe(404);
  });
});
