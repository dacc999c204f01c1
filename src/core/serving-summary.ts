import { identifyDescription } from '../spec/togai-identity.ts';
import type { LoadedSpec } from '../spec/types.ts';
import { handlerFor } from './handlers.ts';
import type { ItemServing } from './items/plan-for-spec.ts';

/** What the mock does with a description, for the start-up banner: nothing it does not do. */
export interface ServingSummary {
  /** Whether Togai's hand-written rules serve it, and why (its identity). */
  togai: boolean;
  why: string;
  /** Operations the store answers from state (Togai's rules and the description's collections). */
  fromStore: number;
  /** Operations answered from the description's examples (or data generated from its schemas). */
  fromExamples: number;
  /** Collections of the description the store holds, and how many of them take creates. */
  collections: number;
  writable: number;
}

export function summarizeServing(spec: LoadedSpec, items: ItemServing): ServingSummary {
  const identity = identifyDescription(spec.document);
  const fromStore = spec.operations.filter(
    (op) => (identity.togai && handlerFor(op.method, op.path)) || items.handlers.has(op),
  ).length;
  return {
    togai: identity.togai,
    why: identity.why,
    fromStore,
    fromExamples: spec.operations.length - fromStore,
    collections: items.plan.resources.length,
    writable: items.plan.resources.filter((stored) => stored.operations.has('create')).length,
  };
}
