import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { killAllChildren, spawnServer } from './child-server.ts';
import { AUTH } from './fixtures.ts';
import { runLoad } from './load.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PUBLISHED = resolve(ROOT, 'fixtures', 'published', 'openapi.yaml');
const SHARED = resolve(ROOT, '..', 'shared', 'togai-published', 'openapi.yaml');

interface Pair {
  label: string;
  accounts: string;
  items: string;
}

/**
 * A description's own collection (a usage meter of Togai's published description, held by the
 * generic store) against the accounts store, in one server serving that description, alternating
 * rounds: requests per second and server CPU per request of each, and their ratio (issue 19's
 * target: a generic list and get within 10% of the accounts store's).
 */
export async function measureGeneric(log: (line: string) => void, seconds = 8, rounds = 3): Promise<string> {
  const spec = existsSync(PUBLISHED) ? PUBLISHED : SHARED;
  if (!existsSync(spec))
    return `## A description's collections against the accounts store\n\nNot measured: no ${PUBLISHED}.`;
  const server = await spawnServer({
    name: 'ours (published)',
    args: ['bin/togai-mock.mjs', 'serve', '--port', '0', '--spec', spec],
    cwd: ROOT,
    url: { fromStdout: /listening on (http:\/\/\S+)/ },
    probePath: '/accounts?pageSize=1',
    headers: AUTH,
    timeoutMs: 60_000,
  });
  try {
    const first = async (path: string): Promise<string> => {
      const answer = (await (await fetch(`${server.url}${path}`, { headers: AUTH })).json()) as {
        data: { id: string }[];
      };
      return answer.data[0]?.id ?? '';
    };
    const account = await first('/accounts?pageSize=1');
    const meter = await first('/usage_meters?pageSize=1');
    const pairs: Pair[] = [
      { label: 'list, 10 a page', accounts: '/accounts?pageSize=10', items: '/usage_meters?pageSize=10' },
      { label: 'get by id', accounts: `/accounts/${account}`, items: `/usage_meters/${meter}` },
    ];
    const rows: string[] = [];
    for (const pair of pairs) {
      const totals = { accounts: { rps: 0, cpu: 0 }, items: { rps: 0, cpu: 0 } };
      for (let round = 0; round < rounds; round++)
        for (const side of ['accounts', 'items'] as const) {
          const before = await server.cpuSeconds();
          const load = await runLoad(server.url, { method: 'GET', path: pair[side], headers: AUTH }, seconds);
          const cpu = (await server.cpuSeconds()) - before;
          totals[side].rps += load.rps / rounds;
          totals[side].cpu += (cpu * 1e6) / Math.max(1, load.total) / rounds;
        }
      const ratio = totals.items.rps / totals.accounts.rps;
      const line = `${pair.label}: accounts ${totals.accounts.rps.toFixed(0)} req/s (${totals.accounts.cpu.toFixed(0)} µs CPU each), usage meters ${totals.items.rps.toFixed(0)} req/s (${totals.items.cpu.toFixed(0)} µs), ratio ${ratio.toFixed(2)} (target ≥ 0.90)`;
      log(`  ${line}`);
      rows.push(`- ${line}`);
    }
    return `## A description's collections against the accounts store\n\nOne server serving Togai's published description, alternating rounds of ${seconds} s.\n\n${rows.join('\n')}`;
  } finally {
    await server.stop();
    killAllChildren();
  }
}
