import { type ChildServer, readRssMiB } from './child-server.ts';
import { startOurs } from './servers.ts';
import type { WorstMemory } from './worst-memory-report.ts';

/** A PATCH body just under the 100 kB request limit: one large `metadata` value. */
const METADATA = 'm'.repeat(97_000);
const FILLERS = 4;
const EXPORTERS = 4;
const IMPORTERS = 2;
const MAX_TENANTS_TO_FILL = 24;

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

/**
 * The worst client of issue 13, against a real server in its own process with the default limits:
 * tenants fill their byte budgets with PATCHes of the largest `metadata` a request may carry (until
 * the server's shared budget refuses them), while other clients export full tenants over and over
 * (4 at once, each read to the end) and import those exports into fresh tenants (2 at once). RSS is
 * sampled from /proc every 50 ms; the figure that matters is the peak.
 */
export async function measureWorstMemory(
  holdSeconds: number,
  log: (line: string) => void,
): Promise<WorstMemory> {
  const server = await startOurs();
  const started = performance.now();
  try {
    const rssAtStartMiB = await server.rssMiB();
    let rssPeakMiB = rssAtStartMiB;
    const sampler = setInterval(() => {
      readRssMiB(server.pid).then(
        (rss) => {
          rssPeakMiB = Math.max(rssPeakMiB, rss);
        },
        () => undefined,
      );
    }, 50);
    const ids = await seededAccountIds(server);
    const result = {
      patches: {} as Record<number, number>,
      exports: {} as Record<number, number>,
      imports: {} as Record<number, number>,
      stored: 0,
      exported: 0,
      filled: [] as string[],
    };
    const count = (tally: Record<number, number>, status: number) => {
      tally[status] = (tally[status] ?? 0) + 1;
    };

    let nextTenant = 0;
    let fillDone = false;
    const fill = async () => {
      while (nextTenant < MAX_TENANTS_TO_FILL) {
        const token = `worst-fill-${nextTenant++}`;
        let stored = 0;
        for (const id of ids) {
          const res = await fetch(`${server.url}/accounts/${encodeURIComponent(id)}`, {
            method: 'PATCH',
            headers: { ...auth(token), 'content-type': 'application/json' },
            body: JSON.stringify({ metadata: { big: METADATA } }),
          });
          await res.arrayBuffer();
          count(result.patches, res.status);
          if (res.status !== 200) break;
          stored += METADATA.length;
        }
        result.stored += stored;
        if (stored > 0) result.filled.push(token);
        // A tenant that got nothing stored means the server's shared half is full: stop filling.
        if (stored === 0) break;
      }
    };
    const exportLoop = async (slot: number) => {
      while (!fillDone || performance.now() - started < holdSeconds * 1000) {
        const token = result.filled[slot % Math.max(1, result.filled.length)] ?? 'worst-empty';
        const res = await fetch(`${server.url}/__admin/export`, { headers: auth(token) });
        const body = await res.arrayBuffer();
        count(result.exports, res.status);
        if (res.status === 200) result.exported += body.byteLength;
        if (fillDone && performance.now() - started >= holdSeconds * 1000) return;
      }
    };
    let imported = 0;
    const importLoop = async (slot: number) => {
      while (!fillDone || performance.now() - started < holdSeconds * 1000) {
        // Sources the exporters do not use while there are enough full tenants.
        const source = result.filled[(EXPORTERS + slot) % Math.max(1, result.filled.length)];
        if (source === undefined) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          continue;
        }
        const got = await fetch(`${server.url}/__admin/export`, { headers: auth(source) });
        const exported = await got.text();
        // Another client is exporting that tenant (429): take the next turn.
        if (got.status !== 200) continue;
        const res = await fetch(`${server.url}/__admin/import`, {
          method: 'POST',
          headers: { ...auth(`worst-import-${imported++}`), 'content-type': 'application/json' },
          body: exported,
        });
        await res.arrayBuffer();
        count(result.imports, res.status);
      }
    };
    const fillers = Array.from({ length: FILLERS }, fill);
    const others = [
      ...Array.from({ length: EXPORTERS }, (_, i) => exportLoop(i)),
      ...Array.from({ length: IMPORTERS }, (_, i) => importLoop(i)),
    ];
    await Promise.all(fillers);
    fillDone = true;
    log(
      `  filled ${result.filled.length} tenants with ${(result.stored / 2 ** 20).toFixed(0)} MiB of metadata`,
    );
    await Promise.all(others);
    clearInterval(sampler);
    rssPeakMiB = Math.max(rssPeakMiB, await server.rssMiB());
    return {
      rssAtStartMiB,
      rssPeakMiB,
      rssAtEndMiB: await server.rssMiB(),
      storedMiB: result.stored / 2 ** 20,
      tenantsFilled: result.filled.length,
      patches: result.patches,
      exports: result.exports,
      imports: result.imports,
      exportedMiB: result.exported / 2 ** 20,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await server.stop();
  }
}

/** The ids of every seeded account (300 by default), the records the fillers PATCH. */
async function seededAccountIds(server: ChildServer): Promise<string[]> {
  const ids: string[] = [];
  let next: string | undefined;
  do {
    const query = next === undefined ? 'pageSize=100' : `nextToken=${encodeURIComponent(next)}`;
    const page = (await (
      await fetch(`${server.url}/accounts?${query}`, { headers: auth('worst-reader') })
    ).json()) as {
      data: { id: string }[];
      nextToken?: string;
    };
    ids.push(...page.data.map((a) => a.id));
    next = page.nextToken;
  } while (next !== undefined);
  return ids;
}
