import { ok } from '../../shared/result.ts';
import { createValueJudge } from '../../spec/judge-value.ts';
import { inferResources } from '../../spec/resources/infer-resources.ts';
import type { ResourceOverlay } from '../../spec/resources/resource-overlay.ts';
import { identifyDescription } from '../../spec/togai-identity.ts';
import type { LoadedSpec, SpecOperation } from '../../spec/types.ts';
import { TOGAI_COLLECTIONS } from '../../store/ops/togai-records.ts';
import { type Handler, handlerFor } from '../handlers.ts';
import { andThen } from '../store-port.ts';
import { guardOf, itemHandlers } from './item-handlers.ts';
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
  const handlers = itemHandlers(plan, judge);
  const taken = (op: SpecOperation) =>
    handlers.has(op) || (togai && handlerFor(op.method, op.path) !== undefined);
  for (const [op, handler] of existenceGuards(spec, plan, togai, taken)) handlers.set(op, handler);
  return { plan, handlers };
}

/** Togai's own items, as a guard reads them: the path of one, and the store's read of it. */
const TOGAI_ITEMS: readonly { path: string; param: string; read: 'getAccount' | 'getCustomer' }[] = [
  { path: '/accounts/{account_id}', param: 'account_id', read: 'getAccount' },
  { path: '/v2/accounts/{account_id}', param: 'account_id', read: 'getAccount' },
  { path: '/customers/{customer_id}', param: 'customer_id', read: 'getCustomer' },
];

/**
 * The operations still answered from examples whose path names an item the store holds (a
 * wallet under `/accounts/{account_id}`, a download link under `/files/{file_id}`): the item must
 * exist (404 otherwise), and the example answer takes the item's fields where they fit.
 */
function existenceGuards(
  spec: LoadedSpec,
  plan: ItemPlan,
  togai: boolean,
  taken: (op: SpecOperation) => boolean,
): Map<SpecOperation, Handler> {
  const guards = new Map<SpecOperation, Handler>();
  for (const op of spec.operations) {
    if (taken(op)) continue;
    const under = (path: string | undefined) => path !== undefined && op.path.startsWith(`${path}/`);
    const held = plan.resources
      .filter((stored) => stored.keyParam !== undefined && under(stored.resource.itemPath))
      .sort((a, b) => (b.resource.itemPath?.length ?? 0) - (a.resource.itemPath?.length ?? 0))[0];
    const own = togai ? TOGAI_ITEMS.find((item) => under(item.path)) : undefined;
    if (held) guards.set(op, guardOf(plan, held));
    else if (own)
      guards.set(op, (ctx) =>
        andThen(ctx.store[own.read](ctx.request.path[own.param] ?? ''), (result) =>
          result.ok ? ok({ status: 0, body: result.value, fromExamples: true }) : result,
        ),
      );
  }
  return guards;
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
