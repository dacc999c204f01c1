import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockServer } from '../../src/adapters/node/create-mock-server.ts';
import { runContract } from '../../src/contract/run-contract.ts';

const PUBLISHED = fileURLToPath(new URL('../../../shared/togai-published/openapi.yaml', import.meta.url));
const present = existsSync(PUBLISHED);

// A server that knows none of the paths: enough to show the runner plans and finishes every operation of
// Togai's whole description (recursive schemas, allOf, required `mode`, keys other than id) without a crash.
let server: Server;
let baseUrl = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    const auth = /^Bearer \S+$/.test(req.headers.authorization ?? '');
    res.writeHead(auth ? 404 : 401, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ message: auth ? 'path: not found' : 'Authorization: required' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("the runner on Togai's published description", () => {
  it.skipIf(!present)(
    'finishes a read-only run of all 151 operations with a verdict, sending the required mode parameter',
    async () => {
      const started = performance.now();
      const result = await runContract({
        baseUrl,
        token: 'published-token',
        seed: 3,
        retries: 0,
        specPath: PUBLISHED,
      });
      expect(performance.now() - started).toBeLessThan(60_000);
      expect(result.coverage).toHaveLength(151);
      expect(result.coverage.filter((c) => c.status === 'exercised').length).toBeGreaterThan(130);
      // 404 for every list is a real failure of this server; nothing here may be a crash of the runner.
      expect(result.ok).toBe(false);
      const urls = result.outcomes.flatMap((o) => o.failures.map((f) => f.request?.url ?? ''));
      expect(urls.some((url) => /\/v2\/schedules\/[^/]+\/rate_cards\?.*mode=/.test(url))).toBe(true);
    },
    60_000,
  );
  it.skipIf(!present)(
    'finishes a read-only run against our mock serving it, in under 60 s, with no refusal of valid input',
    async () => {
      const mock = await createMockServer({ seed: 1, specPath: PUBLISHED });
      const { url } = await mock.listen(0, '127.0.0.1');
      try {
        const started = performance.now();
        const result = await runContract({
          baseUrl: url,
          token: 'published-mock-token',
          seed: 11,
          retries: 0,
          specPath: PUBLISHED,
        });
        expect(performance.now() - started).toBeLessThan(60_000);
        expect(result.coverage.filter((c) => c.status === 'exercised').length).toBeGreaterThan(130);
        // What it reports are defects of the description's examples (served by the Prism fallback) and of
        // that fallback's lists: never valid input refused or a spec example refused by the store.
        const refusals = result.outcomes.filter(
          (o) =>
            o.status === 'failed' && ['valid-input-accepted', 'examples-accepted', 'setup'].includes(o.check),
        );
        expect(refusals.map((o) => `${o.operationId} ${o.check}: ${o.failures[0]?.message}`)).toEqual([]);
      } finally {
        await mock.close();
      }
    },
    120_000,
  );
  if (!present) it('is missing: ../shared/togai-published/openapi.yaml not found, tests skipped', () => {});
});
