import { describe, expect, it } from 'vitest';
import { contentTypeConformance } from '../../src/contract/checks/content-type-conformance.ts';
import { notAServerError } from '../../src/contract/checks/not-a-server-error.ts';
import { responseHeadersConformance } from '../../src/contract/checks/response-headers-conformance.ts';
import { responseSchemaConformance } from '../../src/contract/checks/response-schema-conformance.ts';
import { statusCodeConformance } from '../../src/contract/checks/status-code-conformance.ts';
import { account, exchange, operation, validators } from './helpers.ts';

const getAccount = operation('getAccount');
const judge = (
  check: { judge: typeof notAServerError.judge },
  ex = exchange(200, account('A1')),
  op = getAccount,
) => check.judge({ operation: op, exchange: ex, validators, limits: {} });

describe('not-a-server-error', () => {
  it('passes a 200', () => expect(judge(notAServerError)).toEqual([]));
  it('catches a 500 and says so', () => {
    const [failure] = judge(notAServerError, exchange(500, { message: 'boom' }));
    expect(failure?.message).toBe('server error: status 500');
    expect(failure?.curl).toContain('"authorization: Bearer $TOGAI_TOKEN"');
  });
});

describe('status-code-conformance', () => {
  it('passes documented statuses and errors covered by default', () => {
    expect(judge(statusCodeConformance)).toEqual([]);
    expect(judge(statusCodeConformance, exchange(418, { message: 'teapot' }))).toEqual([]);
  });
  it('catches an undocumented success status (default covers errors only)', () => {
    const [failure] = judge(statusCodeConformance, exchange(203, account('A1')));
    expect(failure?.message).toMatch(/^undocumented status 203 for getAccount/);
  });
});

describe('content-type-conformance', () => {
  it('passes application/json with a charset', () =>
    expect(
      judge(
        contentTypeConformance,
        exchange(200, account('A1'), { 'content-type': 'application/json; charset=utf-8' }),
      ),
    ).toEqual([]));
  it('catches text/plain', () => {
    const [failure] = judge(
      contentTypeConformance,
      exchange(200, account('A1'), { 'content-type': 'text/plain' }),
    );
    expect(failure?.message).toBe(
      'undocumented content type "text/plain" for status 200 (expected application/json)',
    );
  });
  it('catches a missing content type', () => {
    const ex = exchange(200, account('A1'));
    delete ex.response.headers['content-type'];
    expect(judge(contentTypeConformance, ex)[0]?.message).toMatch(/^content type missing/);
  });
});

describe('response-headers-conformance', () => {
  it('passes a 429 with a Retry-After in seconds', () =>
    expect(
      judge(responseHeadersConformance, exchange(429, { message: 'slow down' }, { 'retry-after': '2' })),
    ).toEqual([]));
  it('catches a 429 without its required Retry-After', () => {
    const [failure] = judge(responseHeadersConformance, exchange(429, { message: 'slow down' }));
    expect(failure?.message).toBe('required header "retry-after" missing (status 429)');
  });
  it('catches an X-Error-Code that breaks its pattern', () => {
    const [failure] = judge(
      responseHeadersConformance,
      exchange(404, { message: 'x' }, { 'x-error-code': 'not found' }),
    );
    expect(failure?.keyword).toBe('pattern');
  });
});

describe('response-schema-conformance', () => {
  it('passes a valid account', () => expect(judge(responseSchemaConformance)).toEqual([]));
  it('names the JSON pointer and keyword of a missing required field', () => {
    const { name: _name, ...broken } = account('A1');
    const [failure] = judge(responseSchemaConformance, exchange(200, broken));
    expect(failure).toMatchObject({ instancePath: '/', keyword: 'required' });
    expect(failure?.message).toContain("must have required property 'name'");
    expect(failure?.schemaPath).toBe('responses/200/content/application~1json/schema/required');
  });
  it('names the property of a wrong type and an unknown property', () => {
    const failures = judge(
      responseSchemaConformance,
      exchange(200, { ...account('A1'), netTermDays: '30', extra: 1 }),
    );
    expect(failures.map((f) => [f.instancePath, f.keyword])).toEqual([
      ['/', 'additionalProperties'],
      ['/netTermDays', 'type'],
    ]);
    expect(failures[0]?.message).toContain('"extra"');
  });
  it('catches a body that is not JSON', () => {
    expect(judge(responseSchemaConformance, exchange(200, 'oops'))[0]?.message).toMatch(/not valid JSON/);
  });
});
