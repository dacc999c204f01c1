import type { SpecOperation } from '../../spec/types.ts';
import { runPaginationWalks } from '../checks/pagination.ts';
import { runLifecycle } from '../checks/stateful-lifecycle.ts';
import type { PhaseId } from '../types.ts';
import { runCoverage } from './coverage-phase.ts';
import { runExamples } from './examples-phase.ts';
import { runFuzzing } from './fuzzing-phase.ts';
import type { PhaseContext } from './phase-context.ts';

export interface Phase {
  id: PhaseId;
  description: string;
  /** `index` and `left`: the operation's place in the run and how many are still to come in this phase. */
  run(ctx: PhaseContext, op: SpecOperation, index: number, left: number): Promise<void>;
}

/**
 * In the order they run. Fuzzing comes last so that with --max-time it gets whatever time the others left;
 * it is the only phase whose length grows with the budget.
 */
export const PHASES: readonly Phase[] = [
  {
    id: 'examples',
    description: "the spec's own parameter and body examples",
    run: (ctx, op) => runExamples(ctx, op),
  },
  {
    id: 'coverage',
    description:
      'boundary values just inside and outside every constraint (lengths in code points), each enum value, ' +
      'missing required inputs, wrong types, undocumented methods, auth probes',
    run: (ctx, op) => runCoverage(ctx, op),
  },
  {
    id: 'stateful',
    description: 'pagination walks, and create → read → update → read → delete → read for every resource',
    async run(ctx, op) {
      if (ctx.enabled('pagination')) await runPaginationWalks(op, ctx);
      await runLifecycle(op, ctx);
    },
  },
  {
    id: 'fuzzing',
    description: 'seeded fast-check inputs from the schemas, failing cases shrunk to a minimal one',
    run: (ctx, op, index, left) => runFuzzing(ctx, op, index, left),
  },
];
