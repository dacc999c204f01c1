import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type CursorState,
  createCursorSecret,
  decodeCursor,
  encodeCursor,
  type PageSizeBounds,
} from '../../src/store/cursor.ts';

const SECRET = 'test-secret';
const BOUNDS: PageSizeBounds = { minimum: 1, maximum: 100 };
const state: CursorState = {
  list: 'accounts',
  lastItemId: 'G234DZZKBKACATFFGVGEMERFI',
  pageSize: 10,
  sortOrder: 'ASC',
};
const token = encodeCursor(state, SECRET);
const body = (): Record<string, unknown> => JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
const reencode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64');

function reason(input: string, list = 'accounts', secret = SECRET, bounds = BOUNDS): string {
  const result = decodeCursor(input, list, secret, bounds);
  if (result.ok) throw new Error('expected the token to be rejected');
  expect(result.error.code).toBe('INVALID_TOKEN');
  expect(result.error.message).toMatch(/^nextToken: /);
  return result.error.message;
}

describe('cursor tokens', () => {
  it('encode the API’s own fields, lowercase order, and decode back', () => {
    expect(Object.keys(body())).toEqual(['lastItemId', 'pageSize', 'sortOrder', 'list', 'epoch', 'sig']);
    expect(body()).toMatchObject({
      lastItemId: state.lastItemId,
      pageSize: 10,
      sortOrder: 'asc',
      list: 'accounts',
    });
    expect(body().sig).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(body().epoch).toMatch(/^[A-Za-z0-9_-]{8}$/);
    expect(decodeCursor(token, 'accounts', SECRET, BOUNDS)).toEqual({ ok: true, value: state });
  });

  it('are deterministic for one secret', () => {
    expect(encodeCursor(state, SECRET)).toBe(token);
    expect(encodeCursor({ ...state, sortOrder: 'DESC' }, SECRET)).not.toBe(token);
  });

  it('round-trip ids outside ASCII and Latin-1 (base64 of UTF-8, without Buffer)', () => {
    const wide: CursorState = { ...state, lastItemId: 'Zürich-東京-😀' };
    const encoded = encodeCursor(wide, SECRET);
    expect(JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')).lastItemId).toBe('Zürich-東京-😀');
    expect(decodeCursor(encoded, 'accounts', SECRET, BOUNDS)).toEqual({ ok: true, value: wide });
  });

  it('accept base64url as well as standard base64', () => {
    const odd: CursorState = { ...state, lastItemId: '~~~>>>???' };
    const standard = encodeCursor(odd, SECRET);
    const url = standard.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    expect(decodeCursor(url, 'accounts', SECRET, BOUNDS)).toEqual({ ok: true, value: odd });
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

  it('reject a token of another run of the server or another data set, naming the cause', () => {
    const otherRun = createCursorSecret({ dataSet: 'seed 1' });
    expect(reason(encodeCursor(state, otherRun))).toMatch(
      /issued by an earlier run of the server or for another data set/,
    );
    const kept = createCursorSecret({ tokenSecret: 'operator-secret', dataSet: 'seed 1' });
    const sameData = createCursorSecret({ tokenSecret: 'operator-secret', dataSet: 'seed 1' });
    const otherData = createCursorSecret({ tokenSecret: 'operator-secret', dataSet: 'seed 2' });
    const old = encodeCursor(state, kept);
    expect(decodeCursor(old, 'accounts', sameData, BOUNDS)).toEqual({ ok: true, value: state });
    expect(reason(old, 'accounts', otherData)).toMatch(/another data set/);
  });

  it('make a random secret per process unless the operator gives one', () => {
    const a = createCursorSecret({ dataSet: 'seed 1' });
    const b = createCursorSecret({ dataSet: 'seed 1' });
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    // Nothing published (seed, sizes) gives the key: it depends on the operator's secret.
    expect(createCursorSecret({ tokenSecret: 'x', dataSet: 'seed 1' })).not.toBe(
      createCursorSecret({ tokenSecret: 'y', dataSet: 'seed 1' }),
    );
  });

  it('reject a token signed with another secret', () => {
    const forged = reencode({
      ...JSON.parse(atob(encodeCursor(state, 'other-secret'))),
      epoch: body().epoch,
    });
    expect(reason(forged)).toMatch(/signature does not match/);
  });

  it('reject a genuine token of another list', () => {
    const aliases = encodeCursor({ ...state, list: 'aliases:ACC_1' }, SECRET);
    expect(reason(aliases, 'aliases:ACC_2')).toMatch(/belongs to another list/);
    expect(reason(token, 'customers')).toMatch(/belongs to another list/);
  });

  it('check a genuine token’s pageSize against the operation’s bounds, like the query parameter', () => {
    const huge = encodeCursor({ ...state, pageSize: 100_000 }, SECRET);
    expect(reason(huge)).toMatch(/pageSize must be a whole number from 1 to 100/);
    expect(reason(token, 'accounts', SECRET, { minimum: 1, maximum: 5 })).toMatch(/from 1 to 5/);
    expect(decodeCursor(token, 'accounts', SECRET, { minimum: 10, maximum: 10 }).ok).toBe(true);
  });

  it('check lastItemId as an id: non-empty, well-formed, not longer than any id', () => {
    expect(reason(encodeCursor({ ...state, lastItemId: 'a\ud800b' }, SECRET))).toMatch(/lastItemId/);
    expect(reason(encodeCursor({ ...state, lastItemId: 'x'.repeat(300) }, SECRET))).toMatch(/lastItemId/);
  });

  it('reject junk with a specific reason, never throwing', () => {
    expect(reason('')).toMatch(/empty/);
    expect(reason('not base64!')).toMatch(/not base64/);
    expect(reason('A')).toMatch(/not base64/);
    expect(reason(Buffer.from('hello world').toString('base64'))).toMatch(/JSON object/);
    expect(reason(Buffer.from([0xff, 0xfe, 0x7b]).toString('base64'))).toMatch(/JSON object/);
    expect(reason(reencode([1, 2]))).toMatch(/JSON object/);
    expect(reason(reencode(null))).toMatch(/JSON object/);
    expect(reason('A'.repeat(1025))).toMatch(/longer than 1024/);
    expect(reason(reencode({ ...body(), pageSize: '10' }))).toMatch(/pageSize/);
    expect(reason(reencode({ ...body(), pageSize: 1.5 }))).toMatch(/pageSize/);
    expect(reason(reencode({ ...body(), pageSize: 0 }))).toMatch(/pageSize/);
    expect(reason(reencode({ ...body(), lastItemId: 7 }))).toMatch(/lastItemId/);
    expect(reason(reencode({ ...body(), sortOrder: 'sideways' }))).toMatch(/sortOrder/);
    expect(reason(reencode({ ...body(), sortOrder: 'ASC' }))).toMatch(/sortOrder/);
    expect(reason(reencode({ ...body(), sig: undefined }))).toMatch(/signature/);
    expect(reason(reencode({ ...body(), epoch: undefined }))).toMatch(/epoch/);
    expect(reason(reencode({ ...body(), extra: 1 }))).toMatch(/unexpected field "extra"/);
    expect(reason(reencode({ ...body(), list: 7 }))).toMatch(/list must be a string/);
    // The API's documented example token.
    expect(
      reason('eyJsYXN0SXRlbUlkIjogInN0cmluZyIsICJwYWdlU2l6ZSI6IDEwMCwgInNvcnRPcmRlciI6ICJhc2MifQ=='),
    ).toBe('nextToken: was not issued by this server; send the nextToken of the previous page unchanged');
  });

  it('uses no Node built-in and no Buffer, so it runs in a browser', () => {
    const source = readFileSync(new URL('../../src/store/cursor.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/from 'node:/);
    expect(source).not.toMatch(/\bBuffer\b/);
  });
});
