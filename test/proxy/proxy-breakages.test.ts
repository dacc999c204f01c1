import { afterEach, describe, expect, it } from 'vitest';
import {
  type Breakage,
  type FixtureServer,
  startReferenceServer,
} from '../../fixtures/contract/reference-server.ts';
import { referenceSpec } from '../../fixtures/contract/reference-spec.ts';
import type { ProxyOptions } from '../../src/adapters/proxy/create-proxy.ts';
import { startMock, type TestMock } from '../helpers/start-mock.ts';
import { createClient, driveOrdinaryTraffic } from './client-traffic.ts';
import { startProxy, type TestProxy } from './start-proxy.ts';

let upstream: FixtureServer | TestMock | undefined;
let proxy: TestProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  await upstream?.close();
  proxy = undefined;
  upstream = undefined;
});

async function proxyReference(breakage?: Breakage, options: Partial<ProxyOptions> = {}): Promise<TestProxy> {
  upstream = await startReferenceServer(breakage);
  // The reference server honours its own frozen copy of the spec: judged against that.
  proxy = await startProxy(upstream.url, { spec: referenceSpec, ...options });
  return proxy;
}

const summary = (p: TestProxy) =>
  p.violations().map((v) => `${v.check} ${v.operationId ?? '-'}: ${v.message}`);

describe('the proxy judges ordinary traffic with the runner’s judges', () => {
  it('reports nothing in front of the reference server', async () => {
    const p = await proxyReference();
    await driveOrdinaryTraffic(createClient(p.url));
    expect(summary(p)).toEqual([]);
  });

  it('reports nothing in front of our mock', async () => {
    upstream = await startMock();
    proxy = await startProxy(upstream.url);
    await driveOrdinaryTraffic(createClient(proxy.url));
    expect(summary(proxy)).toEqual([]);
  });

  // Each breakage the runner catches that ordinary traffic shows, with the check and message the proxy
  // reports it under (the runner's own wording, from the same judges).
  const visible: [Breakage, string, RegExp][] = [
    ['missing-required-field', 'response-schema-conformance', /must have required property 'name'/],
    ['wrong-type', 'response-schema-conformance', /^body \/netTermDays must be integer/],
    ['undocumented-status', 'status-code-conformance', /^undocumented status 203 for getAccount/],
    ['server-error', 'not-a-server-error', /^server error: status 500$/],
    ['wrong-content-type', 'content-type-conformance', /^undocumented content type "text\/plain"/],
    ['duplicates-across-pages', 'pagination', /duplicate item: id "ACC_01" was already returned on page 1/],
    ['token-never-advances', 'pagination', /nextToken never advances: the same token was returned again/],
    ['last-page-has-token', 'pagination', /last page still had a nextToken/],
    ['page-too-big', 'pagination', /page bigger than asked: 2 items for pageSize=1/],
    ['sort-order-mismatch', 'pagination', /context.sortOrder is ASC, but sortOrder=DESC was asked/],
    ['list-404', 'valid-input-accepted', /^valid input rejected: a schema-valid request answered 404$/],
    [
      'rejects-valid-write',
      'valid-input-accepted',
      /^valid input rejected: a schema-valid request answered 400$/,
    ],
    [
      'read-back-differs',
      'stateful-lifecycle',
      /^read back of proxy-life-1 differs from what create returned$/,
    ],
    [
      'delete-keeps-item',
      'use-after-free',
      /^use after delete: read of deleted proxy-life-1 answered 200, expected 404$/,
    ],
    ['created-not-listed', 'stateful-lifecycle', /^created item proxy-life-1 is missing from the list walk$/],
    [
      'patch-changes-unsent',
      'stateful-lifecycle',
      /^PATCH changed "netTermDays", which was not sent \(15 → 7\)$/,
    ],
  ];
  it.each(visible)('reports %s under %s', async (breakage, check, message) => {
    const p = await proxyReference(breakage);
    await driveOrdinaryTraffic(createClient(p.url));
    const found = p.violations().filter((v) => v.check === check);
    expect(found.map((v) => v.message)).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
    // One line each, as printed.
    expect(
      p.lines.some(
        (line) => line.startsWith(`✗ ${check} `) && message.test(line.split(': ').slice(1).join(': ')),
      ),
    ).toBe(true);
  });
});

describe('max-response-time', () => {
  it('reports an upstream answer slower than --max-response-time, and none without a limit', async () => {
    const p = await proxyReference('slow-item', { maxResponseTimeMs: 30 });
    await createClient(p.url).call('GET', '/accounts/ACC_01');
    expect(summary(p)).toEqual([
      expect.stringMatching(/^max-response-time getAccount: slow response: \d+ ms, over the limit of 30 ms$/),
    ]);
    await p.close();
    await upstream?.close();
    const unlimited = await proxyReference('slow-item');
    await createClient(unlimited.url).call('GET', '/accounts/ACC_01');
    expect(summary(unlimited)).toEqual([]);
  });
});

describe('a client that breaks the contract is told, and its request still forwarded', () => {
  it('flags a body the contract forbids with X-Contract-Violation, and reports the server accepting it', async () => {
    const p = await proxyReference('extra-property-accepted');
    const res = await createClient(p.url).call('POST', '/accounts', {
      id: 'proxy-extra-1',
      name: 'Extra property',
      customerId: 'CUST_1',
      colour: 'blue',
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-contract-violation')).toMatch(/colour/);
    expect(summary(p)).toEqual([
      expect.stringMatching(/^request-conformance createAccount: request: .*colour/),
      expect.stringMatching(/^invalid-input-rejected createAccount: invalid input accepted: .* answered 201/),
    ]);
  });

  it('reports a server that answers a request without a token (auth-ignored)', async () => {
    const p = await proxyReference('auth-ignored');
    const res = await createClient(p.url, null).call('GET', '/accounts?pageSize=2');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-contract-violation')).toMatch(/^Authorization: a Bearer token is required/);
    expect(summary(p)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^auth-enforced listAccounts: auth not enforced: .* answered 200, expected 401$/,
        ),
      ]),
    );
  });

  it('reports a missing required field the server accepts (missing-required-accepted)', async () => {
    const p = await proxyReference('missing-required-accepted');
    await createClient(p.url).call('POST', '/accounts', { id: 'proxy-missing-1', customerId: 'CUST_1' });
    expect(summary(p)).toEqual([
      expect.stringMatching(/^request-conformance createAccount: request: name: must have required property/),
      // The account it created has no name either: the response breaks the schema too.
      expect.stringMatching(
        /^response-schema-conformance createAccount: body \/ must have required property 'name'/,
      ),
      expect.stringMatching(/^invalid-input-rejected createAccount: invalid input accepted/),
    ]);
  });

  it('tells the client without reporting the server when the server refuses the bad request', async () => {
    const p = await proxyReference();
    const res = await createClient(p.url).call('GET', '/accounts?sortOrder=SIDEWAYS');
    expect(res.status).toBe(400);
    expect(res.headers.get('x-contract-violation')).toBe('sortOrder: must be one of ASC, DESC');
    expect(p.violations().map((v) => v.check)).toEqual(['request-conformance']);
  });
});
