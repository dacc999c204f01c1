import { describe, expect, it } from 'vitest';
import { buildBadTokens, compareWalks, judgePage, startWalk } from '../../src/contract/pagination-walk.ts';
import { account, exchange } from './helpers.ts';

const page = (ids: string[], nextToken?: string, sortOrder = 'ASC') =>
  exchange(200, {
    data: ids.map(account),
    ...(nextToken ? { nextToken } : {}),
    context: { pageSize: 2, sortOrder },
  });

describe('judgePage', () => {
  it('passes a correct two-page walk', () => {
    const walk = startWalk('walk', 2);
    expect(judgePage(walk, page(['A', 'B'], 't1'))).toEqual({ failures: [], nextToken: 't1' });
    expect(judgePage(walk, page(['C']))).toEqual({ failures: [], stop: 'last-page' });
    expect(walk.ids).toEqual(['A', 'B', 'C']);
  });
  it('catches a page bigger than asked', () => {
    const verdict = judgePage(startWalk('walk', 1), page(['A', 'B']));
    expect(verdict.failures[0]?.message).toBe('walk, page 1: page bigger than asked: 2 items for pageSize=1');
  });
  it('catches a duplicate across pages', () => {
    const walk = startWalk('walk', 2);
    judgePage(walk, page(['A', 'B'], 't1'));
    expect(judgePage(walk, page(['B', 'C'])).failures[0]?.message).toBe(
      'walk, page 2: duplicate item: id "B" was already returned on page 1',
    );
  });
  it('stops with a failure when the token never advances', () => {
    const walk = startWalk('walk', 2);
    judgePage(walk, page(['A', 'B'], 't1'));
    const verdict = judgePage(walk, page(['C', 'D'], 't1'));
    expect(verdict.stop).toBe('loop');
    expect(verdict.failures[0]?.message).toMatch(/nextToken never advances/);
  });
  it('catches an order that contradicts context.sortOrder', () => {
    expect(judgePage(startWalk('walk', 2), page(['B', 'A'])).failures[0]?.message).toMatch(
      /order broken: "A" comes after "B"/,
    );
    expect(judgePage(startWalk('walk', 2), page(['B', 'A'], undefined, 'DESC')).failures).toEqual([]);
  });
  it('reads ids in code-point order, so an astral character sorts after U+FF5E', () => {
    expect(judgePage(startWalk('walk', 2), page(['A\uFF5E', 'A\u{1F600}'])).failures).toEqual([]);
    expect(judgePage(startWalk('walk', 2), page(['A\u{1F600}', 'A\uFF5E'])).failures[0]?.message).toMatch(
      /order broken/,
    );
  });
  it('catches a last page that still had a token', () => {
    const walk = startWalk('walk', 2);
    judgePage(walk, page(['A', 'B'], 't1'));
    expect(judgePage(walk, page([])).failures[0]?.message).toMatch(/last page still had a nextToken/);
  });
});

describe('compareWalks', () => {
  it('passes equal walks and compares only the prefix of a truncated one', () => {
    expect(
      compareWalks(
        { label: 'a', ids: ['A', 'B'], complete: true },
        { label: 'b', ids: ['A', 'B'], complete: true },
        true,
      ),
    ).toBeUndefined();
    expect(
      compareWalks(
        { label: 'a', ids: ['A'], complete: false },
        { label: 'b', ids: ['A', 'B'], complete: true },
        true,
      ),
    ).toBeUndefined();
  });
  it('names the items one walk missed', () => {
    expect(
      compareWalks(
        { label: 'a', ids: ['A', 'B'], complete: true },
        { label: 'b', ids: ['A'], complete: true },
        true,
      ),
    ).toBe('a saw 2 items, b saw 1; only in a: B');
  });
});

describe('compareWalks on long lists', () => {
  // Quadratic matching took minutes at this size; it must stay a linear pass.
  it('names the one item a 200 000-item walk missed', () => {
    const ids = Array.from({ length: 200_000 }, (_, i) => `ID_${String(i).padStart(6, '0')}`);
    const missed = ids.filter((id) => id !== 'ID_100000');
    expect(
      compareWalks({ label: 'a', ids, complete: true }, { label: 'b', ids: missed, complete: true }, true),
    ).toBe('a saw 200000 items, b saw 199999; only in a: ID_100000');
  });
});

describe('buildBadTokens', () => {
  it('changes, truncates and invents tokens deterministically', () => {
    const tokens = buildBadTokens('abcdefgh', () => 0).map((t) => t.token);
    expect(tokens).toEqual(['abcdAfgh', 'abcd', 'AAAAAAAAAAAAAAAA']);
  });
});
