import { describe, expect, it } from 'vitest';
import { createMock, specFallbackFor } from '../../../src/core/index.ts';
import { itemServingFor } from '../../../src/core/items/plan-for-spec.ts';
import { basePathOf } from '../../../src/spec/base-path.ts';
import { CORPUS, loadCorpusSpec } from '../../helpers/real-world.ts';
import { walkResource } from '../../helpers/walk-resource.ts';

describe('every top-level collection of the real-world corpus walks create → read → list → update → delete', () => {
  for (const entry of CORPUS) {
    it(entry.id, async () => {
      const spec = await loadCorpusSpec(entry.id);
      const items = itemServingFor(spec, 1);
      const mock = createMock({ spec, fallback: specFallbackFor, seed: 1, items });
      const walks = [];
      for (const stored of items.plan.resources) {
        if (stored.parent) continue;
        walks.push(await walkResource(mock, stored, basePathOf(spec.document), {}));
      }
      const failed = walks.filter((walk) => walk.outcome !== 'passed' && walk.outcome !== 'not walkable');
      console.log(
        `${entry.id}: ${walks.filter((w) => w.outcome === 'passed').length} walked, ${failed.length} failed`,
      );
      expect(failed).toEqual([]);
    });
  }
});
