import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serializeReply } from '../../src/core/serialize-reply.ts';

const deepFreeze = <T>(value: T): T => {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
};

describe('serializeReply', () => {
  it('gives exactly the text of JSON.stringify for any JSON value, frozen parts or not', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.array(fc.jsonValue()), fc.boolean(), (value, items, freeze) => {
        const page = {
          data: freeze ? items.map((i) => deepFreeze(structuredClone(i))) : items,
          extra: value,
        };
        expect(serializeReply(page)).toBe(JSON.stringify(page));
        expect(serializeReply(value)).toBe(JSON.stringify(value));
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('reuses the text of a frozen record, and drops undefined fields like JSON.stringify', () => {
    const record = deepFreeze({ id: 'A', name: 'Alpha', tags: ['x'] });
    const page = { data: [record, record], nextToken: undefined, context: { pageSize: 2, sortOrder: 'ASC' } };
    expect(serializeReply(page)).toBe(JSON.stringify(page));
    expect(serializeReply({ data: [] })).toBe('{"data":[]}');
  });
});
