import type { SpecOperation } from '../types.ts';
import { inferList } from './infer-list.ts';
import type { Role } from './resource-types.ts';

/** Where an operation's path puts it: a role in a collection, or none and why. */
export type Placement =
  | { collection: string; role: Role; why?: string }
  | { collection?: undefined; why: string };

const isParam = (segment: string) => segment.startsWith('{') && segment.endsWith('}');

/** `/a/{id}/b/` → `['a', '{id}', 'b']`. */
export const segmentsOf = (path: string): string[] => path.split('/').filter((s) => s !== '');

export const joinPath = (segments: readonly string[]): string => `/${segments.join('/')}`;

const ITEM_ROLE: Record<string, Role> = {
  get: 'read',
  patch: 'update',
  put: 'replace',
  delete: 'delete',
  // Twilio and others update with a POST on the item itself.
  post: 'update',
};

/**
 * The role an operation's method and path shape give it, looking at the other operations:
 * - `/a/{id}`: read, update (PATCH, or POST as Twilio does), replace (PUT), delete of `/a`'s items;
 * - `/a/{id}/verb` with no GET and no item path below it: an action on an item of `/a`;
 * - `/a` (or `/a/{id}/b`): GET is the list when it answers a list, POST the create when a list or an
 *   item path goes with it; anything else there is no resource operation (a singleton, an RPC call).
 */
export function classifyOperation(
  op: SpecOperation,
  byPath: ReadonlyMap<string, SpecOperation[]>,
): Placement {
  const segments = segmentsOf(op.path);
  const last = segments.at(-1);
  if (last === undefined) return { why: 'the root path: no collection' };
  if (isParam(last)) {
    if (segments.length === 1) return { why: 'an item at the root path: no collection' };
    return { collection: joinPath(segments.slice(0, -1)), role: ITEM_ROLE[op.method] ?? 'read' };
  }
  const onPath = byPath.get(op.path) ?? [];
  const hasGet = onPath.some((o) => o.method === 'get');
  const here = joinPath(segments);
  const paths = [...byPath.keys()];
  const hasItems = paths.some(
    (path) => path.startsWith(`${here}/{`) && segmentsOf(path).length === segments.length + 1,
  );
  const parent = joinPath(segments.slice(0, -1));
  const besideItems = paths.some(
    (path) => path.startsWith(`${parent}/{`) && segmentsOf(path).length === segments.length,
  );
  const before = segments.at(-2);
  if (!hasGet && !hasItems && before !== undefined && isParam(before) && segments.length >= 3)
    return { collection: joinPath(segments.slice(0, -2)), role: 'action' };
  const hasPost = onPath.some((o) => o.method === 'post');
  if (op.method === 'get' && besideItems && !hasPost && !hasItems)
    return { why: `a query beside the items of ${parent}: answered from examples` };
  if (op.method === 'get') {
    if (inferList(op, last)) return { collection: here, role: 'list' };
    return { why: 'answers one object, not a list: a singleton, answered from examples' };
  }
  if (op.method === 'post') {
    if (hasGet || hasItems) return { collection: here, role: 'create' };
    return { why: 'a POST with no list or item path beside it: a call, not a collection' };
  }
  return { why: `${op.method.toUpperCase()} on a collection path acts on the whole collection` };
}

/** The literal segments of a collection path, dotted: `/accounts/{id}/aliases` → `accounts.aliases`. */
export const nameOf = (collection: string): string =>
  segmentsOf(collection)
    .filter((s) => !isParam(s))
    .join('.') || segmentsOf(collection).join('.');

/** The name of the parameter that ends a path (`/pets/{petId}` → `petId`). */
export const lastParamOf = (path: string): string | undefined => /\{([^}/]+)\}\/?$/.exec(path)?.[1];
