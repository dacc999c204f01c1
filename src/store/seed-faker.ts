import type { Faker, Randomizer } from '@faker-js/faker';
// The class only, from the smallest build that has it: the package root loads every locale (~0.3–0.4 s
// of a cold start). The seeding uses faker for locale-neutral draws only (numbers, picks, uuids);
// names, places and phones come from its own country table (seed-country.ts), ~10 KB gzipped
// where faker's English data alone was ~440 KB and a locale per country would be far more.
import { faker as baseBuild } from '@faker-js/faker/locale/base';
import { mix32 } from './ids.ts';

/**
 * sfc32, a small fast PRNG in pure 32-bit integer math (identical on every machine). Faker's
 * default Mersenne Twister spends ~30 µs per re-seed, which dominated building an account.
 */
function createSfc32(): Randomizer {
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 1;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4_294_967_296;
  };
  return {
    next,
    seed(seed: number | number[]) {
      const words = typeof seed === 'number' ? [seed] : seed;
      a = 0x9e3779b9;
      b = 0x243f6a88;
      c = 0xb7e15162;
      d = 1;
      for (const word of words) {
        a = mix32(a ^ word);
        b = mix32(b + a);
        c = mix32(c ^ b);
      }
      for (let i = 0; i < 12; i++) next();
    },
  };
}

/**
 * A private Faker for seeding (never the global one), with the fast sfc32 randomizer. The caller
 * (one per baseline) re-seeds it before every entity from (seed, kind, index) through
 * `withSeededFaker`, so an entity never depends on which entities were generated before it:
 * that is what makes lazy, out-of-order generation deterministic.
 */
export const createSeedFaker = (): Faker =>
  new FakerClass({ locale: baseBuild.rawDefinitions, randomizer: createSfc32() });

// The base build exports an instance, not the class: its constructor.
const FakerClass = baseBuild.constructor as new (options: ConstructorParameters<typeof Faker>[0]) => Faker;

/** Runs `build` with `faker` seeded for one entity. Synchronous, so no interleaving. */
export function withSeededFaker<T>(faker: Faker, entitySeed: number, build: (faker: Faker) => T): T {
  faker.seed(entitySeed);
  return build(faker);
}

/** All seeded timestamps are offsets from this instant, never from the clock. */
export const SEED_EPOCH_MS = Date.UTC(2024, 0, 1);

const DAY_MS = 86_400_000;

/** An RFC 3339 instant `days` (fractional) after the epoch, rounded to the second. */
export const seededInstant = (days: number): string =>
  new Date(SEED_EPOCH_MS + Math.round((days * DAY_MS) / 1000) * 1000).toISOString();

export type { Faker };
