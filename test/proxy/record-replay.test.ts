import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../../src/adapters/node/create-mock-server.ts';
import { createHarRecorder } from '../../src/adapters/proxy/har-recorder.ts';
import { createRedactor } from '../../src/adapters/proxy/redact.ts';
import { runContract } from '../../src/contract/run-contract.ts';
import type { Har } from '../../src/core/har.ts';
import { type Client, createClient, driveLifecycle, walkList } from './client-traffic.ts';
import { startProxy } from './start-proxy.ts';

/**
 * Fields the store assigns itself and a fixture cannot carry (it holds create requests): a seeded record's
 * are derived from the seed, a fixture record's from its id. Everything else must come back as recorded.
 */
const ASSIGNED = new Set([
  'togaiAccountId',
  'togaiCustomerId',
  'invoiceGroupDetails',
  'createdAt',
  'updatedAt',
]);
const comparable = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value), (key, v) => (ASSIGNED.has(key) ? undefined : v));

const TOKEN = 'record-replay-token-1';
let dir: string;
let harFile: string;
/** What the client saw through the proxy, in front of the seeded mock. */
const recorded: Record<string, unknown> = {};

async function traffic(client: Client, into: Record<string, unknown>): Promise<void> {
  into.accounts = (await walkList(client, '/accounts?pageSize=7')).pages;
  into.accountsDesc = (await walkList(client, '/accounts?pageSize=50&sortOrder=DESC')).pages;
  into.customers = (await walkList(client, '/customers?pageSize=2')).pages;
  const first = ((into.accounts as { data: { id: string }[] }[])[0]?.data[0]?.id ?? '') as string;
  into.read = (await client.call('GET', `/accounts/${first}`)).json;
  into.aliases = (await walkList(client, `/accounts/${first}/account_aliases`)).pages;
  into.customer = (
    await client.call(
      'GET',
      `/customers/${(into.customers as { data: { id: string }[] }[])[0]?.data[0]?.id ?? ''}`,
    )
  ).json;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'record-replay-'));
  harFile = join(dir, 'traffic.har');
  const mock = await createMockServer({ seed: 3, accounts: 30, customers: 3 });
  const { url } = await mock.listen(0, '127.0.0.1');
  const recorder = createHarRecorder(harFile, createRedactor());
  const proxy = await startProxy(url, { recorder });
  const client = createClient(proxy.url, TOKEN);
  // A lifecycle that leaves one account behind (changed) and deletes another, then the reads.
  const customer =
    ((await client.call('GET', '/customers?pageSize=1')).json as { data: { id: string }[] }).data[0]?.id ??
    '';
  await client.call('POST', '/accounts', {
    id: 'kept-1',
    name: 'Kept account',
    customerId: customer,
    tags: ['kept'],
  });
  await client.call('PATCH', '/accounts/kept-1', { name: 'Kept and renamed' });
  await driveLifecycle(client, customer, 'gone-1');
  await traffic(client, recorded);
  expect(proxy.violations()).toEqual([]);
  await proxy.close();
  await recorder.flush();
  await mock.close();
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a recording replayed with --from-recording', () => {
  let replay: MockServer;
  let url: string;
  beforeAll(async () => {
    replay = await createMockServer({ recordingPath: harFile });
    url = (await replay.listen(0, '127.0.0.1')).url;
  });
  afterAll(() => replay.close());

  it('is HAR 1.2 with the token scrubbed', async () => {
    const text = await readFile(harFile, 'utf8');
    const har = JSON.parse(text) as Har;
    expect(har.log.version).toBe('1.2');
    expect(har.log.entries.length).toBeGreaterThan(10);
    expect(text).not.toContain(TOKEN);
    expect(har.log.entries[0]?.request.headers).toContainEqual({
      name: 'authorization',
      value: 'Bearer $TOGAI_TOKEN',
    });
  });

  it('serves the same pages and records, with a new token’s tenant', async () => {
    const replayed: Record<string, unknown> = {};
    await traffic(createClient(url, 'another-token-on-replay'), replayed);
    const withoutTokens = (pages: unknown) =>
      comparable(JSON.parse(JSON.stringify(pages), (k, v) => (k === 'nextToken' ? undefined : v)));
    for (const key of ['accounts', 'accountsDesc', 'customers', 'read', 'customer'])
      expect(withoutTokens(replayed[key]), key).toEqual(withoutTokens(recorded[key]));
    // Alias records get new ids and creation times: their values and effective dates are kept (the
    // list is ordered by id, so the new ids may order them differently).
    const values = (pages: unknown) =>
      (pages as { data: { value: string; effectiveFrom: string; effectiveUntil: string }[] }[])
        .flatMap((p) =>
          p.data.map(({ value, effectiveFrom, effectiveUntil }) => ({
            value,
            effectiveFrom,
            effectiveUntil,
          })),
        )
        .sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    expect(values(replayed.aliases)).toEqual(values(recorded.aliases));
    const ids = (recorded.accounts as { data: { id: string }[] }[]).flatMap((p) => p.data.map((a) => a.id));
    expect(ids).toContain('kept-1');
    expect(ids).not.toContain('gone-1');
    expect(ids).toHaveLength(31);
  });

  it('serves the same CRUD and errors over the recorded data', async () => {
    const client = createClient(url, 'crud-on-replay');
    expect((await client.call('GET', '/accounts/gone-1')).status).toBe(404);
    expect(((await client.call('GET', '/accounts/kept-1')).json as { name: string }).name).toBe(
      'Kept and renamed',
    );
    expect((await client.call('GET', '/accounts?sortOrder=SIDEWAYS')).status).toBe(400);
    expect((await client.call('DELETE', '/accounts/kept-1')).status).toBe(200);
    expect((await client.call('GET', '/accounts/kept-1')).status).toBe(404);
  });

  it('passes the contract runner', async () => {
    const result = await runContract({
      baseUrl: url,
      token: 'contract-on-replay',
      seed: 5,
      retries: 0,
      writes: true,
    });
    expect(
      result.outcomes
        .filter((o) => o.status === 'failed')
        .map((o) => `${o.operationId} ${o.check}: ${o.failures[0]?.message}`),
    ).toEqual([]);
    expect(result.leftovers).toEqual([]);
    expect(result.totals.failed).toBe(0);
  }, 60_000);
});
