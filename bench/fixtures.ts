import { MOCK_DEFAULTS } from '../src/core/index.ts';
import { cursorSecretFor } from '../src/core/secret.ts';
import { encodeCursor } from '../src/store/index.ts';

/** What the scenarios need from our seeded data, read from a running mock over HTTP. */
export interface Fixtures {
  firstPagePath: string;
  deepPagePath: string;
  oneAccountPath: string;
  customerId: string;
  /** Exact bytes the mock answered, for the ceiling to replay. */
  bodies: CeilingBodies;
}

export interface CeilingBodies {
  firstPage: string;
  deepPage: string;
  oneAccount: string;
}

/** Signs the bench server's tokens, so tokens made here (mid-list) are valid there. Here, not in
 * servers.ts, which imports this module: the other way round was an import cycle. */
export const BENCH_TOKEN_SECRET = 'togai-mock bench: not a secret';
export const PAGE_SIZE = 10;
export const BENCH_TOKEN = 'bench-token';
export const AUTH = { authorization: `Bearer ${BENCH_TOKEN}` };

interface ListBody {
  data: { id: string }[];
  nextToken?: string;
}

async function getJson(url: string): Promise<{ text: string; body: unknown }> {
  const res = await fetch(url, { headers: AUTH, signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${text.slice(0, 300)}`);
  return { text, body: JSON.parse(text) as unknown };
}

/**
 * Walks `nextToken` from the first page to the middle of the list, so the deep page is reached the
 * way a client reaches it. Only for small data sets: the walk costs one request per page.
 */
export async function readFixtures(url: string, accounts: number): Promise<Fixtures> {
  const firstPagePath = `/accounts?pageSize=${PAGE_SIZE}`;
  const first = await getJson(url + firstPagePath);
  let page = first.body as ListBody;
  for (let i = 1; i < Math.floor(accounts / PAGE_SIZE / 2) && page.nextToken; i++) {
    page = (await getJson(`${url}/accounts?nextToken=${encodeURIComponent(page.nextToken)}`))
      .body as ListBody;
  }
  if (!page.nextToken) throw new Error('the walk reached the end of the list before its middle');
  const deepPagePath = `/accounts?nextToken=${encodeURIComponent(page.nextToken)}`;
  const deep = await getJson(url + deepPagePath);
  const id = (deep.body as ListBody).data[0]?.id;
  if (!id) throw new Error('the deep page is empty');
  const oneAccountPath = `/accounts/${encodeURIComponent(id)}`;
  const one = await getJson(url + oneAccountPath);
  const customers = (await getJson(`${url}/customers?pageSize=1`)).body as ListBody;
  const customerId = customers.data[0]?.id;
  if (!customerId) throw new Error('no seeded customer to create accounts for');
  return {
    firstPagePath,
    deepPagePath,
    oneAccountPath,
    customerId,
    bodies: { firstPage: first.text, deepPage: deep.text, oneAccount: one.text },
  };
}

/**
 * A token that resumes after the middle of the list without walking half a million pages. Seeded
 * ids are 25 base32 characters whose first one carries the top bits of their sort key, and `K` is
 * the middle of that alphabet. The bench starts the mock with a known `--token-secret` and derives
 * the signing key from it the same way (src/core/secret.ts), and checks the mock accepts the token.
 */
export function midListToken(seed: number, accounts: number): string {
  const secret = cursorSecretFor({
    tokenSecret: BENCH_TOKEN_SECRET,
    seed,
    accounts,
    customers: MOCK_DEFAULTS.customers,
  });
  const lastItemId = `K${'2'.repeat(24)}`;
  return encodeCursor({ list: 'accounts', lastItemId, pageSize: PAGE_SIZE, sortOrder: 'ASC' }, secret);
}
