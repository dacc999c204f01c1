import { afterEach, describe, expect, it } from 'vitest';
import {
  type FixtureServer,
  REFERENCE_SPEC,
  startReferenceServer,
} from '../../fixtures/contract/reference-server.ts';
import { parseConfig } from '../../src/contract/config.ts';
import { readCases } from '../../src/contract/replay.ts';
import { formatAnnotations } from '../../src/contract/reports/format-annotations.ts';
import { formatHar } from '../../src/contract/reports/format-har.ts';
import { runContract } from '../../src/contract/run-contract.ts';

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function brokenRun() {
  server = await startReferenceServer('body-before-auth');
  return runContract({
    baseUrl: server.url,
    token: 'report-token-123',
    seed: 4,
    retries: 0,
    specPath: REFERENCE_SPEC,
    phases: ['coverage'],
    include: { operationIds: ['updateAccount'] },
  });
}

describe('reports of a failing run', () => {
  it('HAR 1.2 holds each failing request with its case id, the token only as $TOGAI_TOKEN', async () => {
    const result = await brokenRun();
    const text = formatHar(result);
    const har = JSON.parse(text);
    expect(har.log.version).toBe('1.2');
    expect(har.log.entries[0]).toMatchObject({
      _caseId: 'updateAccount.auth-enforced.1',
      _check: 'auth-enforced',
      request: { method: 'PATCH', httpVersion: 'HTTP/1.1' },
      response: { status: 400 },
    });
    expect(text).not.toContain('report-token-123');
    const cases = readCases(text);
    expect(cases.ok && cases.value[0]?.expect).toEqual({
      kind: 'status',
      statuses: [401],
      label: expect.any(String),
    });
  });

  it('GitHub annotations: one ::error per failing operation × check, escaped', async () => {
    const result = await brokenRun();
    const lines = formatAnnotations(result, 'spec/openapi.yaml').split('\n');
    expect(lines).toEqual([
      expect.stringMatching(
        /^::error file=spec\/openapi\.yaml,title=updateAccount › auth-enforced::auth not enforced: no Authorization header and a body that is not UTF-8 answered 400, expected 401%0Areplay: togai-mock contract replay updateAccount\.auth-enforced\.1 --from <report>$/,
      ),
    ]);
  });
});

describe('--max-time', () => {
  it('stops starting new work at the deadline, by the injected clock, and says so without failing', async () => {
    server = await startReferenceServer();
    let clock = 0;
    const result = await runContract({
      baseUrl: server.url,
      token: 'report-token-123',
      seed: 4,
      retries: 0,
      specPath: REFERENCE_SPEC,
      maxTimeMs: 2_000,
      // Every reading of the clock is 100 ms later: the budget runs out after a few requests.
      now: () => (clock += 100),
    });
    expect(result.timedOut).toBe(true);
    expect(result.ok).toBe(true);
    expect(result.coverage.some((c) => c.reason === '--max-time reached before it ran')).toBe(true);
  });
});

describe('togai-contract.json', () => {
  it('reads settings, with paths relative to the file', () => {
    const parsed = parseConfig(
      JSON.stringify({
        baseUrl: 'http://x',
        phases: ['coverage'],
        spec: 'openapi.yaml',
        reports: [{ format: 'har', file: 'r/a.har' }],
      }),
      '/repo/spec/togai-contract.json',
    );
    expect(parsed).toEqual({
      ok: true,
      value: {
        baseUrl: 'http://x',
        phases: ['coverage'],
        spec: '/repo/spec/openapi.yaml',
        reports: [{ format: 'har', file: '/repo/spec/r/a.har' }],
      },
    });
  });
  it('refuses unknown keys, wrong types and a token, naming them', () => {
    expect(parseConfig('{"bogus": 1}', 'c.json')).toEqual({
      ok: false,
      error: 'c.json: / must NOT have additional properties "bogus"',
    });
    expect(parseConfig('{"writes": "yes"}', 'c.json')).toEqual({
      ok: false,
      error: 'c.json: /writes must be boolean',
    });
    expect(parseConfig('{"token": "abcdefghij"}', 'c.json')).toEqual({
      ok: false,
      error: 'c.json: "token" does not belong in a committed file; use TOGAI_TOKEN',
    });
  });
});
