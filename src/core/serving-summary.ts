import { inferResources } from '../spec/resources/infer-resources.ts';
import { identifyDescription } from '../spec/togai-identity.ts';
import type { LoadedSpec } from '../spec/types.ts';
import { handlerFor } from './handlers.ts';

/** What the mock does with a description, for the start-up banner: nothing it does not do. */
export interface ServingSummary {
  /** Whether the Togai store serves it, and why (its identity). */
  togai: boolean;
  why: string;
  /** Operations the store answers from state. */
  fromStore: number;
  /** Operations answered from the description's examples (or data generated from its schemas). */
  fromExamples: number;
  /** Resources the description implies, and how many of them a store could hold. */
  resources: number;
  statefulResources: number;
}

export function summarizeServing(spec: LoadedSpec): ServingSummary {
  const identity = identifyDescription(spec.document);
  const fromStore = identity.togai
    ? spec.operations.filter((op) => handlerFor(op.method, op.path)).length
    : 0;
  const model = inferResources(spec);
  return {
    togai: identity.togai,
    why: identity.why,
    fromStore,
    fromExamples: spec.operations.length - fromStore,
    resources: model.resources.length,
    statefulResources: model.resources.filter((r) => r.stateful).length,
  };
}
