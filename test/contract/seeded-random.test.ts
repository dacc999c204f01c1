import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/contract/prng.ts';
import { seededRandom } from '../../src/shared/seeded-random.ts';

describe('seededRandom', () => {
  it('draws the same mulberry32 sequence for the same seed', () => {
    const random = seededRandom(42);
    expect([random(), random(), random()]).toEqual([
      0.6011037519201636, 0.44829055899754167, 0.8524657934904099,
    ]);
  });
  it('is the source of the contract runner draws', () => {
    const rng = createRng(42);
    expect(rng.next()).toBe(seededRandom(42)());
  });
});
