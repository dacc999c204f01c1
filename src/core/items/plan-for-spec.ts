import { createValueJudge } from '../../spec/judge-value.ts';
import { inferResources } from '../../spec/resources/infer-resources.ts';
import type { ResourceOverlay } from '../../spec/resources/resource-overlay.ts';
import { identifyDescription } from '../../spec/togai-identity.ts';
import type { LoadedSpec, SpecOperation } from '../../spec/types.ts';
import { TOGAI_COLLECTIONS } from '../../store/ops/togai-records.ts';
import { type Handler, handlerFor } from '../handlers.ts';
import { itemHandlers } from './item-handlers.ts';
import { type ItemPlan, planItems } from './item-plan.ts';

/** What the store holds of a description beyond Togai's hand-written rules, and who answers it. */
export interface ItemServing {
  readonly plan: ItemPlan;
  /** The store's handler of each operation of those resources. */
  readonly handlers: ReadonlyMap<SpecOperation, Handler>;
}

/**
 * The description's resources as the store serves them: every collection it implies (and Togai's
 * hand-written rules where the description is Togai's, which take their operations first).
 */
export function itemServingFor(spec: LoadedSpec, seed: number, overlay: ResourceOverlay = {}): ItemServing {
  const togai = identifyDescription(spec.document).togai;
  const judge = createValueJudge();
  const plan = planItems(spec, inferResources(spec, overlay), {
    seed,
    taken: (op) => togai && handlerFor(op.method, op.path) !== undefined,
    // Togai's collections always exist in the store: a resource of the same name is never a second one.
    existing: TOGAI_COLLECTIONS,
    serveExisting: togai,
    judge,
  });
  return { plan, handlers: itemHandlers(plan, judge) };
}

/**
 * The serving of a reloaded description, held to the collections the store was built with (a
 * store's collections are fixed when it starts): resources it lacks answer from examples.
 */
export function reservingFor(next: ItemServing, built: ItemPlan): ItemServing {
  const known = new Map(built.collections.map((c) => [c.name, c.parent]));
  const kept = next.plan.resources.filter(
    (stored) => known.has(stored.collection) && known.get(stored.collection) === stored.parent?.collection,
  );
  const handlers = new Map<SpecOperation, Handler>();
  for (const stored of kept)
    for (const ops of stored.operations.values())
      for (const op of ops) {
        const handler = next.handlers.get(op);
        if (handler) handlers.set(op, handler);
      }
  return { plan: { resources: kept, collections: built.collections }, handlers };
}
