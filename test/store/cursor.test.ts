import { describe, expect, it } from 'vitest';
import { type CursorState, decodeCursor, encodeCursor } from '../../src/store/cursor.ts';

const SECRET = 'test-secret';
const state: CursorState = {
  list: 'accounts',
  lastItemId: 'G234DZZKBKACATFFGVGEMERFI',
  pageSize: 10,
  sortOrder: 'ASC',
};
const token = encodeCursor(state, SECRET);
const body = (): Record<string, unknown> => JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
const reencode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64');

function reason(input: string, list = 'accounts'): string {
  const result = decodeCursor(input, list, SECRET);
  if (result.ok) throw new Error('expected the token to be rejected');
  expect(result.error.code).toBe('INVALID_TOKEN');
  expect(result.error.message).toMatch(/^nextToken: /);
  return result.error.message;
}

describe('cursor tokens', () => {
  it('encode the API’s own fields, lowercase order, and decode back', () => {
    expect(Object.keys(body())).toEqual(['lastItemId', 'pageSize', 'sortOrder', 'list', 'sig']);
    expect(body()).toMatchObject({
      lastItemId: state.lastItemId,
      pageSize: 10,
      sortOrder: 'asc',
      list: 'accounts',
    });
    expect(body().sig).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(decodeCursor(token, 'accounts', SECRET)).toEqual({ ok: true, value: state });
  });

  it('are deterministic', () => {
    expect(encodeCursor(state, SECRET)).toBe(token);
    expect(encodeCursor({ ...state, sortOrder: 'DESC' }, SECRET)).not.toBe(token);
  });

  it('accept base64url as well as standard base64', () => {
    const odd: CursorState = { ...state, lastItemId: '~~~>>>???' };
    const standard = encodeCursor(odd, SECRET);
    const url = standard.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    expect(decodeCursor(url, 'accounts', SECRET)).toEqual({ ok: true, value: odd });
  });

  it('reject a tampered lastItemId, pageSize or sortOrder', () => {
    for (const change of [
      { lastItemId: 'OTHER' },
      { pageSize: 100 },
      { sortOrder: 'desc' },
      { list: 'customers' },
    ]) {
      expect(reason(reencode({ ...body(), ...change }))).toMatch(/signature does not match/);
    }
  });

  it('reject a token signed with another secret', () => {
    expect(reason(encodeCursor(state, 'other-secret'))).toMatch(/signature does not match/);
  });

  it('reject a genuine token of another list', () => {
    const aliases = encodeCursor({ ...state, list: 'aliases:ACC_1' }, SECRET);
    expect(reason(aliases, 'aliases:ACC_2')).toMatch(/belongs to another list/);
    expect(reason(token, 'customers')).toMatch(/belongs to another list/);
  });

  it('reject junk with a specific reason, never throwing', () => {
    expect(reason('')).toMatch(/empty/);
    expect(reason('not base64!')).toMatch(/not base64/);
    expect(reason('A')).toMatch(/not base64/);
    expect(reason(Buffer.from('hello world').toString('base64'))).toMatch(/JSON object/);
    expect(reason(reencode([1, 2]))).toMatch(/JSON object/);
    expect(reason(reencode(null))).toMatch(/JSON object/);
    expect(reason('A'.repeat(1025))).toMatch(/longer than 1024/);
    expect(reason(reencode({ ...body(), pageSize: '10' }))).toMatch(/pageSize/);
    expect(reason(reencode({ ...body(), pageSize: 1.5 }))).toMatch(/pageSize/);
    expect(reason(reencode({ ...body(), pageSize: 0 }))).toMatch(/pageSize/);
    expect(reason(reencode({ ...body(), lastItemId: 7 }))).toMatch(/lastItemId/);
    expect(reason(reencode({ ...body(), sortOrder: 'sideways' }))).toMatch(/sortOrder/);
    expect(reason(reencode({ ...body(), sig: undefined }))).toMatch(/signature/);
    expect(reason(reencode({ ...body(), extra: 1 }))).toMatch(/unexpected field "extra"/);
    expect(reason(reencode({ lastItemId: 'string', pageSize: 100, sortOrder: 'asc' }))).toMatch(/list/);
  });
});
