import { fileURLToPath } from 'node:url';
import { getResponse, HttpResponse, http, type RequestHandler } from 'msw';
import { setupServer } from 'msw/node';
import { bundleForBrowser } from '../scripts/bundle-msw.ts';
import { createHandlers } from '../src/adapters/msw/index.ts';

const PATH = '/accounts?pageSize=10';
const CONCURRENCY = 20;
const ORIGIN = 'https://api.togai.com';

export interface MswSpeedRow {
  /** How requests reach the handlers: msw/node under `fetch`, or msw's `getResponse` alone. */
  path: 'msw/node + fetch' | 'getResponse';
  oursPerSec: number;
  trivialPerSec: number;
}

export interface MswSpeed {
  rows: MswSpeedRow[];
  bundle: {
    entryBytes: number;
    entryGzipBytes: number;
    lazyBytes: number;
    lazyGzipBytes: number;
    pageBytes: number;
    pageGzipBytes: number;
  };
}

/**
 * Our MSW handlers in process against a trivial MSW handler that answers the same page's bytes,
 * precomputed: the difference is what the mock costs per request beyond MSW itself. Both run in
 * this process, alternately (ours, trivial, ours, trivial…) so that drift in the machine's load
 * hits both alike; 20 requests in flight at a time.
 */
export async function measureMswSpeed(
  seconds: number,
  rounds: number,
  log: (line: string) => void,
): Promise<MswSpeed> {
  const ours = createHandlers({ seed: 1, accounts: 300, customers: 8, baseUrl: ORIGIN });
  const first = await getResponse([...ours], request());
  if (!first) throw new Error('msw bench: our handlers did not answer');
  const page = await first.text();
  if (first.status !== 200)
    throw new Error(`msw bench: ours answered ${first.status}: ${page.slice(0, 200)}`);
  const headers = Object.fromEntries(first.headers);
  const trivial = [http.get(`${ORIGIN}/accounts`, () => new HttpResponse(page, { status: 200, headers }))];

  const rows: MswSpeedRow[] = [];
  for (const path of ['msw/node + fetch', 'getResponse'] as const) {
    const totals = { ours: 0, trivial: 0 };
    for (let round = 0; round < rounds; round++) {
      for (const [name, handlers] of [
        ['ours', ours],
        ['trivial', trivial],
      ] as const) {
        totals[name] +=
          path === 'getResponse'
            ? await loop(seconds, () => send(handlers))
            : await fetchVia(handlers, () => loop(seconds, () => fetchPage()));
      }
    }
    const row = {
      path,
      oursPerSec: totals.ours / (seconds * rounds),
      trivialPerSec: totals.trivial / (seconds * rounds),
    };
    log(
      `  ${path}: ours ${Math.round(row.oursPerSec)} req/s, trivial ${Math.round(row.trivialPerSec)} req/s (${(
        (100 * row.oursPerSec) / row.trivialPerSec
      ).toFixed(0)}%)`,
    );
    rows.push(row);
  }
  return { rows, bundle: await measureBundle() };
}

const request = () => new Request(`${ORIGIN}${PATH}`, { headers: { authorization: 'Bearer bench' } });

/** One request through the handlers, no interception: what MSW itself does per request, and ours. */
async function send(handlers: readonly RequestHandler[]): Promise<Response> {
  const res = await getResponse([...handlers], request());
  if (!res) throw new Error('msw bench: no handler answered');
  await res.text();
  return res;
}

async function fetchPage(): Promise<void> {
  const res = await fetch(`${ORIGIN}${PATH}`, { headers: { authorization: 'Bearer bench' } });
  await res.text();
  if (res.status !== 200) throw new Error(`msw bench: answered ${res.status}`);
}

/** Runs `work` with msw/node intercepting `fetch` for just these handlers. */
async function fetchVia<T>(handlers: readonly RequestHandler[], work: () => Promise<T>): Promise<T> {
  const server = setupServer(...handlers);
  server.listen({ onUnhandledRequest: 'error' });
  try {
    return await work();
  } finally {
    server.close();
  }
}

/** Completed requests in `seconds`, CONCURRENCY at a time. */
async function loop(seconds: number, one: () => Promise<unknown>): Promise<number> {
  const until = performance.now() + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        await one();
        done += 1;
      }
    }),
  );
  return done;
}

/** The minified browser bundle of `togai-accounts-mock/msw` alone (MSW external) and of a page with MSW. */
async function measureBundle(): Promise<MswSpeed['bundle']> {
  const entry = fileURLToPath(new URL('../src/adapters/msw/index.ts', import.meta.url));
  const page = fileURLToPath(new URL('../test/browser/msw-page/main.ts', import.meta.url));
  const alone = await bundleForBrowser({ entry, external: ['msw', 'msw/*'], splitting: true });
  const whole = await bundleForBrowser({ entry: page });
  return {
    entryBytes: alone.bytes,
    entryGzipBytes: alone.gzipBytes,
    lazyBytes: alone.lazyBytes,
    lazyGzipBytes: alone.lazyGzipBytes,
    pageBytes: whole.bytes,
    pageGzipBytes: whole.gzipBytes,
  };
}
