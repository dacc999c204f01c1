import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildFixture, FIXTURE_PATH, PUBLISHED_PATH } from '../../scripts/extract-published.ts';
import { DEFAULT_SPEC_PATH } from '../../src/spec/load-spec.ts';

const hasPublished = existsSync(PUBLISHED_PATH);
if (!hasPublished)
  console.warn(`skipping the fixture regeneration test: ${PUBLISHED_PATH} not found (CI has it)`);

describe('fixtures/published/accounts-contract.json', () => {
  it.skipIf(!hasPublished)('is what scripts/extract-published.ts makes from ../shared and our spec', () => {
    const fresh = buildFixture(readFileSync(PUBLISHED_PATH, 'utf8'), readFileSync(DEFAULT_SPEC_PATH, 'utf8'));
    expect(fresh === readFileSync(FIXTURE_PATH, 'utf8')).toBe(true);
  });

  it('holds facts only: no prose keys anywhere in its operations and schemas', () => {
    const { operations, schemas } = JSON.parse(readFileSync(FIXTURE_PATH, 'utf8')) as Record<string, unknown>;
    const keys = new Set<string>();
    const walk = (node: unknown, parent?: string): void => {
      if (Array.isArray(node)) for (const item of node) walk(item);
      else if (node !== null && typeof node === 'object')
        for (const [key, value] of Object.entries(node)) {
          // Names under `properties` and `responses` are data, not keywords.
          if (parent !== 'properties') keys.add(key);
          walk(value, key);
        }
    };
    walk({ operations, schemas });
    for (const prose of ['description', 'summary', 'title', 'example', 'examples'])
      expect(keys.has(prose), prose).toBe(false);
    expect(keys.has('additionalProperties')).toBe(true);
  });
});
