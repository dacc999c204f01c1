/** Ordinary client traffic: walks, reads and an account lifecycle, as an app using the API would send. */
export interface Client {
  call(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; headers: Headers; json: unknown; text: string }>;
}

export function createClient(baseUrl: string, token: string | null = 'proxy-client-token-1'): Client {
  return {
    async call(method, path, body, headers = {}) {
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          ...(token === null ? {} : { authorization: `Bearer ${token}` }),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      return { status: res.status, headers: res.headers, json, text };
    },
  };
}

type Page = { data?: { id: string }[]; nextToken?: string };

/** Follows `nextToken` to the end, as a client does (stopping on a repeated token, or after 40 pages). */
export async function walkList(client: Client, path: string): Promise<{ ids: string[]; pages: Page[] }> {
  const pages: Page[] = [];
  const seen = new Set<string>();
  let next: string | undefined = path;
  while (next !== undefined && pages.length < 40) {
    const { status, json } = await client.call('GET', next);
    if (status !== 200 || typeof json !== 'object' || json === null) break;
    const page = json as Page;
    pages.push(page);
    const token = page.nextToken;
    if (!token || seen.has(token)) break;
    seen.add(token);
    next = `${path.split('?')[0]}?nextToken=${encodeURIComponent(token)}`;
  }
  return { ids: pages.flatMap((p) => (p.data ?? []).map((item) => item.id)), pages };
}

/** A walk of each list, reads of what was listed, and one account's create, read, update and delete. */
export async function driveOrdinaryTraffic(client: Client, lifecycleId = 'proxy-life-1'): Promise<void> {
  const accounts = await walkList(client, '/accounts?pageSize=1');
  await walkList(client, '/accounts?pageSize=7&sortOrder=DESC');
  await walkList(client, '/accounts');
  await walkList(client, '/accounts?pageSize=5&sortOrder=ASC');
  const customers = await walkList(client, '/customers?pageSize=2');
  const accountId = accounts.ids[0] ?? 'none';
  const customerId = customers.ids[0] ?? 'none';
  await client.call('GET', `/accounts/${encodeURIComponent(accountId)}`);
  await client.call('GET', `/customers/${encodeURIComponent(customerId)}`);
  await walkList(client, `/accounts/${encodeURIComponent(accountId)}/account_aliases?pageSize=2`);
  await driveLifecycle(client, customerId, lifecycleId);
}

export async function driveLifecycle(client: Client, customerId: string, id: string): Promise<void> {
  await client.call('POST', '/accounts', {
    id,
    name: 'Proxy lifecycle account',
    customerId,
    netTermDays: 15,
    tags: ['proxy'],
  });
  await client.call('GET', `/accounts/${id}`);
  await client.call('PATCH', `/accounts/${id}`, { name: 'Renamed by the proxy test' });
  await client.call('GET', `/accounts/${id}`);
  await walkList(client, '/accounts?pageSize=50');
  await client.call('DELETE', `/accounts/${id}`);
  await client.call('GET', `/accounts/${id}`);
}
