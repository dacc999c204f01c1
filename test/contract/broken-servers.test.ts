import { afterEach, describe, expect, it } from 'vitest';
import {
  type Breakage,
  type FixtureServer,
  REFERENCE_SPEC,
  startReferenceServer,
  type Variant,
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
  variant: Variant = {},
): Promise<ContractResult> {
  server = await startReferenceServer(breakage, variant);
  return runContract({
    baseUrl: server.url,
    token: 'fixture-token',
    seed: 7,
    retries: 0,
    specPath: REFERENCE_SPEC,
    ...options,
  });
}

// The writes the reference server supports, with the lists the lifecycles look in.
const ACCOUNT_WRITES = {
  writes: true,
  include: { paths: ['/accounts', '/accounts/{account_id}', '/widgets*'] },
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
    [
      'any-token-accepted',
      'pagination',
      /^tampered nextToken \(one character changed\) answered 200, expected 400$/,
      'listAccounts pagination',
    ],
    [
      'walks-disagree',
      'pagination',
      /^(walks disagree|same walk twice, different items): .*only in walk with pageSize=\w+: ACC_12/,
      'listAccounts pagination',
    ],
    [
      'sort-order-mismatch',
      'pagination',
      /sortOrder=DESC, page 1: context.sortOrder is ASC, but sortOrder=DESC was asked/,
      'listAccounts pagination',
    ],
    [
      'list-404',
      'valid-input-accepted',
      /^valid input rejected: query parameter sortOrder=ASC \(enum value "ASC"\) answered 404$/,
      'listAccounts valid-input-accepted',
    ],
    // examples phase
    [
      'example-refused',
      'examples-accepted',
      /^spec example refused: query parameter nextToken=eyJ.* from the spec example answered 400$/,
      'listAccounts examples-accepted',
    ],
    // coverage phase
    [
      'utf16-lengths',
      'valid-input-accepted',
      /^valid input rejected: path parameter account_id=(?:𝕿){8}… \(50 code points\) \(50 × "𝕿" \(at maxLength 50; 100 UTF-16 units\)\) answered 400$/,
      'getAccount valid-input-accepted',
    ],
    [
      'body-before-auth',
      'auth-enforced',
      /^auth not enforced: no Authorization header and a body that is not UTF-8 answered 400, expected 401$/,
      'updateAccount auth-enforced',
    ],
    [
      'undocumented-method-404',
      'method-not-allowed',
      /^undocumented method accepted or misrouted: GET \/accounts\/\{account_id\}\/add_aliases \(not in the spec\) answered 404, expected 405$/,
      'addAliases method-not-allowed',
    ],
    [
      'allow-missing',
      'method-not-allowed',
      /^405 without an Allow header: GET \/accounts\/\{account_id\}\/remove_aliases \(not in the spec\)$/,
      'removeAliases method-not-allowed',
    ],
    [
      'allow-wrong',
      'method-not-allowed',
      /^405 Allow "GET" leaves out documented POST: GET \/accounts\/\{account_id\}\/add_aliases \(not in the spec\)$/,
      'addAliases method-not-allowed',
    ],
    [
      'enum-case-insensitive',
      'invalid-input-rejected',
      /^invalid input accepted: query parameter sortOrder=asc \(enum value "ASC" in another case: must be equal to one of the allowed values: \["ASC","DESC"\]\) answered 200, expected 4xx$/,
      'listAccounts invalid-input-rejected',
    ],
    [
      'required-param-ignored',
      'missing-required-rejected',
      /^missing required input accepted: required query parameter mode missing answered 200, expected 4xx$/,
      'listWidgets missing-required-rejected',
    ],
    // fuzzing phase: only a page size between 20 and 99 crashes it, and the case is shrunk to the smallest
    [
      'fuzz-crash',
      'not-a-server-error',
      /^server error: status 500 \[fuzzing: minimal case after \d+ shrinks; fast-check seed -?\d+, path "[\d:]*"; rerun with --seed 7\]$/,
      'listCustomers not-a-server-error',
    ],
  ];
  it.each(cases)('fails on %s, naming it under %s', async (breakage, check, message, where) => {
    const result = await runAgainst(breakage, { fuzzRuns: 30 });
    expect(result.ok).toBe(false);
    expect(failed(result)).toContain(where);
    expect(messages(result, check)).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
  });

  it('shrinks a fuzzing failure to the smallest page size that crashes the server', async () => {
    const result = await runAgainst('fuzz-crash', { fuzzRuns: 30, phases: ['fuzzing'] });
    const failure = result.outcomes.find(
      (o) => o.operationId === 'listCustomers' && o.check === 'not-a-server-error',
    )?.failures[0];
    expect(failure?.request?.url).toMatch(/[?&]pageSize=20(&|$)/);
  });

  it('fails a response slower than --max-response-time, and skips the check without it', async () => {
    const slow = await runAgainst('slow-item', { maxResponseTimeMs: 30, phases: ['coverage'] });
    expect(messages(slow, 'max-response-time')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^slow response: \d+ ms, over the limit of 30 ms$/)]),
    );
    expect(failed(slow)).toContain('getAccount max-response-time');
    await server?.close();
    const unlimited = await runAgainst('slow-item', { phases: ['examples'] });
    expect(unlimited.outcomes.find((o) => o.check === 'max-response-time')?.reason).toMatch(
      /--max-response-time/,
    );
  });

  it('passes every check with writes against the reference server, leaving nothing behind', async () => {
    const result = await runAgainst(undefined, ACCOUNT_WRITES);
    expect(failed(result)).toEqual([]);
    expect(result.leftovers).toEqual([]);
    expect(
      result.outcomes.find((o) => o.operationId === 'createWidget' && o.check === 'stateful-lifecycle')
        ?.status,
    ).toBe('passed');
    const left = server?.ids();
    expect(left?.accounts.filter((id) => id.startsWith('contract-'))).toEqual([]);
    expect(left?.widgets).toEqual([]);
  });

  it('does not report a cascade delete, and deletes only what it created', async () => {
    const result = await runAgainst(
      undefined,
      {
        writes: true,
        include: { paths: ['/customers', '/customers/{customer_id}'], methods: ['get'] },
        exclude: { operationIds: ['updateCustomer'] },
      },
      { cascadeDelete: true },
    );
    expect(failed(result)).toEqual([]);
    expect(result.leftovers).toEqual([]);
    const left = server?.ids();
    expect(left?.customers).toEqual(['CUST_1', 'CUST_2', 'CUST_3']);
    expect(left?.accounts.filter((id) => !id.startsWith('ACC_'))).toEqual([]);
    expect(left?.accounts).toHaveLength(12);
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
      'use-after-free',
      /^use after delete: read of deleted contract-7-\d+ answered 200, expected 404$/,
      'getAccount use-after-free',
    ],
    [
      'created-not-listed',
      'stateful-lifecycle',
      /^created item contract-7-\d+ is missing from the list walk$/,
      'listAccounts stateful-lifecycle',
    ],
    [
      'patch-changes-unsent',
      'stateful-lifecycle',
      /^PATCH changed "netTermDays", which was not sent \(\d+ → 7\)$/,
      'updateAccount stateful-lifecycle',
    ],
    [
      'extra-property-accepted',
      'invalid-input-rejected',
      /^invalid input accepted: body \/ with an undocumented property: \/ must NOT have additional properties: "contractUnexpectedField" answered 201/,
      'createAccount invalid-input-rejected',
    ],
    [
      'missing-required-accepted',
      'invalid-input-rejected',
      /^invalid input accepted: body \/ required "name" missing: \/ must have required property 'name' answered 201/,
      'createAccount invalid-input-rejected',
    ],
    [
      'rejects-valid-write',
      'valid-input-accepted',
      /^valid input rejected: body .* answered 400$/,
      'createAccount valid-input-accepted',
    ],
    [
      'duplicate-create-overwrites',
      'stateful-lifecycle',
      /^create of the existing key contract-7-\d+ answered 201, expected 409$/,
      'createAccount stateful-lifecycle',
    ],
    [
      'min-length-contradiction',
      'valid-input-accepted',
      /^valid input rejected: body \/name 3 × "𝕿" \(at minLength 3; 6 UTF-16 units\) answered 400$/,
      'createAccount valid-input-accepted',
    ],
    // stateful phase, on a resource keyed by `widgetKey`, which the server chooses
    [
      'created-not-readable',
      'resource-availability',
      /^created item w-\d+ is not available: reading it answered 404$/,
      'getWidget resource-availability',
    ],
    [
      'widget-delete-keeps',
      'use-after-free',
      /^use after delete: read of deleted w-\d+ answered 200, expected 404$/,
      'getWidget use-after-free',
    ],
    [
      'widget-patch-ignored',
      'stateful-lifecycle',
      /^PATCH sent label=".*" but the item has ".*"$/,
      'updateWidget stateful-lifecycle',
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
      checks: ['valid-input-accepted', 'examples-accepted'],
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
