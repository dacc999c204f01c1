import { afterEach, describe, expect, it } from 'vitest';
import {
  type Breakage,
  type FixtureServer,
  startReferenceServer,
} from '../../fixtures/contract/reference-server.ts';
import { runContract } from '../../src/contract/run-contract.ts';
import type { CheckId, ContractOptions, ContractResult } from '../../src/contract/types.ts';

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function runAgainst(
  breakage?: Breakage,
  options: Partial<ContractOptions> = {},
): Promise<ContractResult> {
  server = await startReferenceServer(breakage);
  return runContract({ baseUrl: server.url, token: 'fixture-token', seed: 7, retries: 0, ...options });
}

// The writes the reference server supports, with the list the lifecycle looks in.
const ACCOUNT_WRITES = {
  writes: true,
  operations: ['getAccounts', 'createAccount', 'getAccount', 'updateAccount', 'deleteAccount'],
};

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
      'getAccounts response-schema-conformance',
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
      'getAccounts auth-enforced',
    ],
    [
      'duplicates-across-pages',
      'pagination',
      /duplicate item: id "ACC_07" was already returned on page 1/,
      'getAccounts pagination',
    ],
    [
      'token-never-advances',
      'pagination',
      /nextToken never advances: the same token was returned again/,
      'getCustomers pagination',
    ],
    ['last-page-has-token', 'pagination', /last page still had a nextToken/, 'getAccounts pagination'],
    [
      'page-too-big',
      'pagination',
      /page bigger than asked: 2 items for pageSize=1/,
      'getAccounts pagination',
    ],
    [
      'wrong-content-type',
      'content-type-conformance',
      /^undocumented content type "text\/plain" for status 200/,
      'getAccounts content-type-conformance',
    ],
    [
      'any-token-accepted',
      'pagination',
      /^tampered nextToken \(one character changed\) answered 200, expected 400$/,
      'getAccounts pagination',
    ],
    [
      'walks-disagree',
      'pagination',
      /^(walks disagree|same walk twice, different items): .*only in walk with pageSize=\w+: ACC_12/,
      'getAccounts pagination',
    ],
    [
      'sort-order-mismatch',
      'pagination',
      /sortOrder=DESC, page 1: context.sortOrder is ASC, but sortOrder=DESC was asked/,
      'getAccounts pagination',
    ],
    [
      'list-404',
      'valid-input-accepted',
      /^valid input rejected: sortOrder=ASC answered 404$/,
      'getAccounts valid-input-accepted',
    ],
  ];
  it.each(cases)('fails on %s, naming it under %s', async (breakage, check, message, where) => {
    const result = await runAgainst(breakage);
    expect(result.ok).toBe(false);
    expect(failed(result)).toContain(where);
    expect(messages(result, check)).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
  });

  it('passes every check with writes against the reference server, leaving nothing behind', async () => {
    const result = await runAgainst(undefined, ACCOUNT_WRITES);
    expect(failed(result)).toEqual([]);
    expect(result.leftovers).toEqual([]);
    expect(server?.ids().accounts.filter((id) => id.startsWith('contract-'))).toEqual([]);
  });

  const writeCases: [Breakage, CheckId, RegExp, string][] = [
    [
      'read-back-differs',
      'stateful-lifecycle',
      /^read back of contract-7-\d+ differs from what create returned$/,
      'getAccount stateful-lifecycle',
    ],
    [
      'delete-keeps-item',
      'stateful-lifecycle',
      /^read of deleted contract-7-\d+ \(expected 404\) answered 200$/,
      'getAccount stateful-lifecycle',
    ],
    [
      'created-not-listed',
      'stateful-lifecycle',
      /^created item contract-7-\d+ is missing from the list walk$/,
      'getAccounts stateful-lifecycle',
    ],
    [
      'patch-changes-unsent',
      'stateful-lifecycle',
      /^PATCH changed "netTermDays", which was not sent \(undefined → 7\)$/,
      'updateAccount stateful-lifecycle',
    ],
    [
      'extra-property-accepted',
      'invalid-input-rejected',
      /^invalid input accepted: body: unknown property where additionalProperties is false answered 201/,
      'createAccount invalid-input-rejected',
    ],
    [
      'missing-required-accepted',
      'invalid-input-rejected',
      /^invalid input accepted: body: required field "name" missing answered 201/,
      'createAccount invalid-input-rejected',
    ],
    [
      'rejects-valid-write',
      'valid-input-accepted',
      /^valid input rejected: a generated body with every field answered 400$/,
      'createAccount valid-input-accepted',
    ],
  ];
  it.each(writeCases)(
    'with writes, fails on %s, naming it under %s',
    async (breakage, check, message, where) => {
      const result = await runAgainst(breakage, ACCOUNT_WRITES);
      expect(result.ok).toBe(false);
      expect(failed(result)).toContain(where);
      expect(messages(result, check)).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
    },
  );

  it('deletes an account created inside a customer, even when the server does not cascade', async () => {
    const result = await runAgainst(undefined, {
      writes: true,
      operations: ['createCustomer'],
      checks: ['valid-input-accepted'],
    });
    expect(failed(result)).toEqual([]);
    const left = server?.ids();
    expect(
      [...(left?.accounts ?? []), ...(left?.customers ?? [])].filter((id) => id.startsWith('contract-')),
    ).toEqual([]);
  });

  it('keeps the token out of every result', async () => {
    const result = await runAgainst('auth-ignored');
    expect(JSON.stringify(result)).not.toContain('fixture-token');
  });
});
