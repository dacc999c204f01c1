import { type ChildServer, findFreePort, spawnServer } from './child-server.ts';
import { AUTH, BENCH_TOKEN_SECRET, PAGE_SIZE } from './fixtures.ts';

export type ServerName = 'ours' | 'prism' | 'ceiling';

const ROOT = new URL('..', import.meta.url).pathname;
const PROBE = `/accounts?pageSize=${PAGE_SIZE}`;

export interface OursOptions {
  accounts?: number;
  /** Raises the per-tenant account limit (seeded + 100,000 by default) for the POST rounds. */
  maxAccounts?: number;
  /** Extra node flags, e.g. `--cpu-prof`. */
  nodeFlags?: readonly string[];
  /** Extra `serve` arguments, e.g. `--redis URL`. */
  extraArgs?: readonly string[];
}

/**
 * Our CLI, run by node itself with tsx as a loader rather than through the `tsx` binary: that binary
 * forks, and the pid measured for RSS and profiled must be the server's own.
 */
export function startOurs({
  accounts,
  maxAccounts,
  nodeFlags = [],
  extraArgs = [],
}: OursOptions = {}): Promise<ChildServer> {
  return spawnServer({
    name:
      accounts === undefined
        ? `ours${extraArgs.length ? ` ${extraArgs.join(' ')}` : ''}`
        : `ours (${accounts} accounts)`,
    args: [
      ...nodeFlags,
      '--import',
      'tsx',
      'src/cli/main.ts',
      'serve',
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      ...(accounts === undefined ? [] : ['--accounts', String(accounts)]),
      ...(maxAccounts === undefined ? [] : ['--max-accounts', String(maxAccounts)]),
      // A known key, so the bench can make a mid-list token (fixtures.ts) the mock accepts.
      '--token-secret',
      BENCH_TOKEN_SECRET,
      // The comparisons measure serving; the access log's own cost is measured apart (sandbox.ts).
      ...(extraArgs.includes('--log') ? [] : ['--log', 'off']),
      ...extraArgs,
    ],
    cwd: ROOT,
    url: { fromStdout: /listening on (http:\/\/\S+)/ },
    probePath: PROBE,
    headers: AUTH,
    timeoutMs: 60_000,
  });
}

export async function startPrism(): Promise<ChildServer> {
  const port = await findFreePort();
  return spawnServer({
    name: 'prism',
    args: [
      'node_modules/@stoplight/prism-cli/dist/index.js',
      'mock',
      '-p',
      String(port),
      '-h',
      '127.0.0.1',
      'spec/openapi.yaml',
    ],
    cwd: ROOT,
    url: { port },
    probePath: PROBE,
    headers: AUTH,
    timeoutMs: 60_000,
  });
}

export function startCeiling(bodiesFile: string, nodeFlags: readonly string[] = []): Promise<ChildServer> {
  return spawnServer({
    name: 'ceiling',
    args: [...nodeFlags, '--import', 'tsx', 'bench/ceiling-server.ts', bodiesFile],
    cwd: ROOT,
    url: { fromStdout: /listening on (http:\/\/\S+)/ },
    probePath: PROBE,
    headers: AUTH,
    timeoutMs: 30_000,
  });
}
