import { describe, expect, it } from 'vitest';
import { formatResources } from '../../src/spec/resources/format-resources.ts';
import { inferResources } from '../../src/spec/resources/infer-resources.ts';
import { CORPUS, loadCorpusSpec } from '../helpers/real-world.ts';

/**
 * The model inferred from each real-world description, pinned as the table `togai-mock spec
 * resources` prints (test/fixtures/real-world/tables/*.txt): a change of inference shows as a
 * readable diff of those files (`npx vitest run -u` rewrites them; review before committing).
 */
describe('resources inferred from real-world descriptions', () => {
  it.each(CORPUS.map((entry) => [entry.id]))('%s', async (id) => {
    const model = inferResources(await loadCorpusSpec(id));
    await expect(formatResources(model)).toMatchFileSnapshot(`../fixtures/real-world/tables/${id}.txt`);
    expect(model.unused).toEqual([]);
    // Every operation has a place and a reason, and a stateful one belongs to a stateful resource.
    for (const op of model.operations) {
      expect(op.why).not.toBe('');
      if (op.stateful) expect(model.resources.find((r) => r.name === op.resource)?.stateful).toBe(true);
    }
  });
});
