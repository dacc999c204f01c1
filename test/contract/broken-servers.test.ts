import { afterEach, describe, expect, it } from 'vitest';
import {
  type Breakage,
  type FixtureServer,
  startReferenceServer,
} from '../../fixtures/contract/reference-server.ts';
import { runContract } from '../../src/contract/run-contract.ts';
import type { CheckId, ContractResult } from '../../src/contract/types.ts';

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function runAgainst(breakage?: Breakage): Promise<ContractResult> {
  server = await startReferenceServer(breakage);
  return runContract({ baseUrl: server.url, token: 'fixture-token', seed: 7, retries: 0 });
}

const failed = (result: ContractResult) =>
  result.outcomes.filter((o) => o.status === 'failed').map((o) => `${o.operationId} ${o.check}`);
const messages = (result: ContractResult, check: CheckId) =>
  result.outcomes.filter((o) => o.check === check).flatMap((o) => o.failures.map((f) => f.message));

describe('runContract against fixture servers', () => {
  it('passes every check against the reference server', async () => {
    const result = await runAgainst();
    expect(failed(result)).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.totals.passed).toBeGreaterThan(40);
  });

  const cases: [Breakage, CheckId, RegExp, string][] = [
    [
      'missing-required-field',
      'response-schema-conformance',
      /must have required property 'name'/,
      'listAccounts response-schema-conformance',
    ],
    [
      'wrong-type',
      'response-schema-conformance',
      /^body \/netTermDays must be integer \(keyword "type"\)/,
      'getAccount response-schema-conformance',
    ],
    [
      'undocumented-status',
      'status-code-conformance',
      /^undocumented status 203 for getAccount/,
      'getAccount status-code-conformance',
    ],
    ['server-error', 'not-a-server-error', /^server error: status 500$/, 'getAccount not-a-server-error'],
    [
      'auth-ignored',
      'auth-enforced',
      /^auth not enforced: no Authorization header answered 200/,
      'listAccounts auth-enforced',
    ],
    [
      'duplicates-across-pages',
      'pagination',
      /duplicate item: id "ACC_07" was already returned on page 1/,
      'listAccounts pagination',
    ],
    [
      'token-never-advances',
      'pagination',
      /nextToken never advances: the same token was returned again/,
      'listCustomers pagination',
    ],
    ['last-page-has-token', 'pagination', /last page still had a nextToken/, 'listAccounts pagination'],
    [
      'page-too-big',
      'pagination',
      /page bigger than asked: 2 items for pageSize=1/,
      'listAccounts pagination',
    ],
    [
      'wrong-content-type',
      'content-type-conformance',
      /^undocumented content type "text\/plain" for status 200/,
      'listAccounts content-type-conformance',
    ],
  ];
  it.each(cases)('fails on %s, naming it under %s', async (breakage, check, message, where) => {
    const result = await runAgainst(breakage);
    expect(result.ok).toBe(false);
    expect(failed(result)).toContain(where);
    expect(messages(result, check)).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
  });

  it('keeps the token out of every result', async () => {
    const result = await runAgainst('auth-ignored');
    expect(JSON.stringify(result)).not.toContain('fixture-token');
  });
});
