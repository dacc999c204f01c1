import { describe, expect, it } from 'vitest';
import { buildAuthProbes, judgeAuthResponse } from '../../src/contract/checks/auth-enforced.ts';
import { examplesAccepted } from '../../src/contract/checks/examples-accepted.ts';
import { judgeRejected } from '../../src/contract/checks/invalid-input-rejected.ts';
import { judgePatch } from '../../src/contract/checks/judge-patch.ts';
import { maxResponseTime } from '../../src/contract/checks/max-response-time.ts';
import { judgeMethodNotAllowed } from '../../src/contract/checks/method-not-allowed.ts';
import { judgeMissingRequired } from '../../src/contract/checks/missing-required-rejected.ts';
import { choosePageSizes } from '../../src/contract/checks/pagination.ts';
import { CHECK_IDS, CHECKS } from '../../src/contract/checks/registry.ts';
import { judgeAvailable } from '../../src/contract/checks/resource-availability.ts';
import { judgeAfterDelete } from '../../src/contract/checks/use-after-free.ts';
import { judgeAccepted } from '../../src/contract/checks/valid-input-accepted.ts';
import { account, exchange, operation, validators } from './helpers.ts';

describe('the registry', () => {
  it('is the one list of check ids, each id once', () => {
    expect(CHECK_IDS).toEqual(CHECKS.map((c) => c.id));
    expect(new Set(CHECK_IDS).size).toBe(CHECK_IDS.length);
  });
});

describe('auth-enforced', () => {
  const label = 'no Authorization header';
  it('passes a 401', () => expect(judgeAuthResponse(exchange(401, { message: 'no' }), label)).toEqual([]));
  it('catches a 200 without a token, and a 400 for a body read before auth', () => {
    expect(judgeAuthResponse(exchange(200, account('A1')), label)[0]?.message).toBe(
      'auth not enforced: no Authorization header answered 200, expected 401',
    );
    expect(
      judgeAuthResponse(exchange(400, { message: 'body: not UTF-8' }), 'a body that is not UTF-8'),
    ).toHaveLength(1);
  });
  it('tries a well-formed wrong token only in strict mode', () => {
    expect(buildAuthProbes('per-token', 1).map((p) => p.label)).not.toContain('a well-formed wrong token');
    expect(buildAuthProbes('strict', 1).map((p) => p.label)).toContain('a well-formed wrong token');
  });
});

describe('invalid-input-rejected', () => {
  it('passes a 400', () =>
    expect(judgeRejected(exchange(400, { message: 'pageSize' }), 'pageSize=0')).toEqual([]));
  it('catches a 200 and a 500', () => {
    expect(judgeRejected(exchange(200, { data: [] }), 'pageSize=0')[0]?.message).toBe(
      'invalid input accepted: pageSize=0 answered 200, expected 4xx',
    );
    expect(judgeRejected(exchange(500, { message: 'x' }), 'pageSize=abc')[0]?.message).toMatch(
      /^server error on invalid input/,
    );
  });
});

describe('missing-required-rejected', () => {
  it('passes a 400', () =>
    expect(judgeMissingRequired(exchange(400, { message: 'mode' }), 'mode missing')).toEqual([]));
  it('catches a 200', () =>
    expect(
      judgeMissingRequired(exchange(200, { data: [] }), 'required query parameter mode missing')[0]?.message,
    ).toBe(
      'missing required input accepted: required query parameter mode missing answered 200, expected 4xx',
    ));
});

describe('method-not-allowed', () => {
  it('passes a 405 with Allow', () =>
    expect(judgeMethodNotAllowed(exchange(405, { message: 'no' }, { allow: 'POST' }), 'GET /x')).toEqual([]));
  it('catches a 404, a 200, and a 405 without Allow', () => {
    expect(judgeMethodNotAllowed(exchange(404, { message: 'no' }), 'GET /x')[0]?.message).toBe(
      'undocumented method accepted or misrouted: GET /x answered 404, expected 405',
    );
    expect(judgeMethodNotAllowed(exchange(200, {}), 'GET /x')).toHaveLength(1);
    expect(judgeMethodNotAllowed(exchange(405, { message: 'no' }), 'GET /x')[0]?.message).toBe(
      '405 without an Allow header: GET /x',
    );
    expect(
      judgeMethodNotAllowed(exchange(405, { message: 'no' }, { allow: 'GET' }), 'PUT /x', ['GET', 'POST'])[0]
        ?.message,
    ).toBe('405 Allow "GET" leaves out documented POST: PUT /x');
    expect(
      judgeMethodNotAllowed(exchange(405, { message: 'no' }, { allow: 'get, post, HEAD' }), 'PUT /x', [
        'GET',
        'POST',
      ]),
    ).toEqual([]);
  });
});

describe('use-after-free and resource-availability', () => {
  it('pass a 404 after delete and a 200 after create', () => {
    expect(judgeAfterDelete(exchange(404, { message: 'gone' }), 'read of deleted w-1')).toEqual([]);
    expect(judgeAfterDelete(exchange(410, { message: 'gone' }), 'read of deleted w-1')).toEqual([]);
    expect(judgeAvailable(exchange(200, {}), 'w-1')).toEqual([]);
  });
  it('catch a 200 after delete and a 404 after create', () => {
    expect(judgeAfterDelete(exchange(200, {}), 'read of deleted w-1')[0]?.message).toBe(
      'use after delete: read of deleted w-1 answered 200, expected 404',
    );
    expect(judgeAvailable(exchange(404, { message: 'no' }), 'w-1')[0]?.message).toBe(
      'created item w-1 is not available: reading it answered 404',
    );
  });
});

describe('max-response-time', () => {
  const judge = (elapsedMs: number, maxResponseTimeMs?: number) =>
    maxResponseTime.judge({
      operation: operation('getAccount'),
      exchange: { ...exchange(200, account('A1')), elapsedMs },
      validators,
      limits: maxResponseTimeMs === undefined ? {} : { maxResponseTimeMs },
    });
  it('passes a fast answer, and is skipped without a limit', () => {
    expect(judge(40, 100)).toEqual([]);
    expect(maxResponseTime.skipReason?.({})).toMatch(/--max-response-time/);
  });
  it('catches a slow answer', () =>
    expect(judge(250, 100)[0]?.message).toBe('slow response: 250 ms, over the limit of 100 ms'));
});

describe('valid-input-accepted and examples-accepted', () => {
  const getAccount = operation('getAccount');
  it('passes a 200, and a 404 for an id the server never listed', () => {
    expect(judgeAccepted(getAccount, exchange(200, account('A1')), 'x', { kind: 'accept' })).toEqual([]);
    expect(
      judgeAccepted(getAccount, exchange(404, { message: 'gone' }), 'x', {
        kind: 'accept',
        mayBeMissing: true,
      }),
    ).toEqual([]);
  });
  it('catches a 404 for an id the server listed itself, and a 400 for valid input', () => {
    expect(
      judgeAccepted(getAccount, exchange(404, { message: 'gone' }), 'x', { kind: 'accept' }),
    ).toHaveLength(1);
    expect(
      judgeAccepted(getAccount, exchange(400, { message: 'no' }), 'pageSize=100', { kind: 'accept' })[0]
        ?.message,
    ).toBe('valid input rejected: pageSize=100 answered 400');
  });
  it('excuses a 409 only where a conflict may happen', () => {
    const create = operation('createAccount');
    expect(
      judgeAccepted(create, exchange(409, { message: 'taken' }), 'x', { kind: 'accept', mayConflict: true }),
    ).toEqual([]);
    expect(
      judgeAccepted(getAccount, exchange(409, { message: 'taken' }), 'x', { kind: 'accept' }),
    ).toHaveLength(1);
  });
  it('names a refused spec example as such', () => {
    const [failure] = examplesAccepted.judge({
      operation: operation('listAccounts'),
      exchange: exchange(400, { message: 'nextToken: invalid' }),
      label: 'query parameter nextToken=eyJ… from the spec example',
      expect: { kind: 'accept' },
    });
    expect(failure?.message).toBe(
      'spec example refused: query parameter nextToken=eyJ… from the spec example answered 400',
    );
  });
});

describe('pagination page sizes', () => {
  it('walks with 1, 7 and the maximum from the spec', () =>
    expect(choosePageSizes(operation('listAccounts'))).toEqual([1, 7, 100]));
  it('walks with 1, 7 and 50 when the spec states no maximum', () =>
    expect(
      choosePageSizes({
        ...operation('listAccounts'),
        parameters: [{ name: 'pageSize', in: 'query', required: false, schema: { type: 'number' } }],
      }),
    ).toEqual([1, 7, 50]));
});

describe('stateful-lifecycle', () => {
  const before = { ...account('A1'), netTermDays: 30 };
  it('passes when only the sent field changed', () => {
    expect(judgePatch(before, { name: 'Renamed' }, exchange(200, { ...before, name: 'Renamed' }))).toEqual(
      [],
    );
  });
  it('catches a field that changed without being sent, and a sent field ignored', () => {
    const failures = judgePatch(before, { name: 'Renamed' }, exchange(200, { ...before, netTermDays: 0 }));
    expect(failures.map((f) => f.message)).toEqual([
      'PATCH sent name="Renamed" but the item has "Account A1"',
      'PATCH changed "netTermDays", which was not sent (30 → 0)',
    ]);
  });
});
