import { describe, expect, it } from 'vitest';
import { buildAuthProbes, judgeAuthResponse } from '../../src/contract/checks/auth-enforced.ts';
import { judgeRejected } from '../../src/contract/checks/invalid-input-rejected.ts';
import { choosePageSizes } from '../../src/contract/checks/pagination.ts';
import { judgePatch } from '../../src/contract/checks/stateful-lifecycle.ts';
import { judgeAccepted } from '../../src/contract/checks/valid-input-accepted.ts';
import { buildInvalidBodies, buildInvalidParamValues } from '../../src/contract/invalid-values.ts';
import { account, exchange, operation } from './helpers.ts';

describe('auth-enforced', () => {
  const noHeader = { label: 'no Authorization header', auth: 'none' as const };
  it('passes a 401', () => expect(judgeAuthResponse(exchange(401, { message: 'no' }), noHeader)).toEqual([]));
  it('catches a 200 without a token', () => {
    expect(judgeAuthResponse(exchange(200, account('A1')), noHeader)[0]?.message).toBe(
      'auth not enforced: no Authorization header answered 200, expected 401',
    );
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
  it('builds page size violations from the schema', () => {
    const bounded = { type: 'integer', minimum: 1, maximum: 100 };
    expect(buildInvalidParamValues(bounded).map((v) => v.value)).toEqual(['abc', '1.5', '0', '-1', '101']);
    // Togai's pageSize is an unbounded number: only a non-number violates it.
    const pageSize = operation('getAccounts').parameters.find((p) => p.name === 'pageSize');
    expect(buildInvalidParamValues(pageSize?.schema ?? {}).map((v) => v.value)).toEqual(['abc']);
  });
  it('builds body violations from the schema, one per body', () => {
    const schema = operation('createAccount').requestBody?.content['application/json']?.schema ?? {};
    const labels = buildInvalidBodies(schema, () => ({ id: 'a', name: 'abc', customerId: 'c' })).map(
      (b) => b.label,
    );
    expect(labels).toEqual(
      expect.arrayContaining([
        'required field "customerId" missing',
        'unknown property where additionalProperties is false',
        '"name" longer than maxLength 255',
        '"status" has an unknown enum value',
        '"netTermDays" has the wrong type',
        '"address" has an unknown property',
      ]),
    );
  });
});

describe('valid-input-accepted', () => {
  const getAccount = operation('getAccount');
  it('passes a 200, and a documented 404 for an id the server never listed', () => {
    expect(judgeAccepted(getAccount, exchange(200, account('A1')), 'x', false)).toEqual([]);
    expect(judgeAccepted(getAccount, exchange(404, { message: 'gone' }), 'x', true)).toEqual([]);
  });
  it('catches a 404 for a list, or for an id the server listed itself', () => {
    const list = judgeAccepted(
      operation('getAccounts'),
      exchange(404, { message: 'no' }),
      'pageSize=10',
      false,
    );
    expect(list[0]?.message).toBe('valid input rejected: pageSize=10 answered 404');
    expect(judgeAccepted(getAccount, exchange(404, { message: 'gone' }), 'x', false)).toHaveLength(1);
  });
  it('excuses a 409 only from a create', () => {
    expect(
      judgeAccepted(operation('createAccount'), exchange(409, { message: 'taken' }), 'x', false),
    ).toEqual([]);
    expect(judgeAccepted(getAccount, exchange(409, { message: 'taken' }), 'x', true)).toHaveLength(1);
  });
  it('catches a 400 for valid input', () => {
    expect(
      judgeAccepted(getAccount, exchange(400, { message: 'no' }), 'pageSize=100', true)[0]?.message,
    ).toBe('valid input rejected: pageSize=100 answered 400');
  });
});

describe('pagination page sizes', () => {
  it('walks with 1, 7 and the maximum from the spec', () =>
    expect(choosePageSizes(operation('getAccounts'))).toEqual([1, 7, 100]));
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
