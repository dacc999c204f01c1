import { itemsOf, readPath } from './infer-list.ts';
import type { Resource, ResourceModel, ResourceOperation, Role } from './resource-types.ts';

/** The resource whose list and create live at `collectionPath`. */
export const resourceAt = (model: ResourceModel, collectionPath: string): Resource | undefined =>
  model.resources.find((r) => r.collectionPath === collectionPath);

/** The resource an item path (`/pets/{petId}`) belongs to. */
export const resourceOfItem = (model: ResourceModel, itemPath: string): Resource | undefined =>
  model.resources.find((r) => r.itemPath === itemPath);

/** A resource's operation of one role (the first, for actions). */
export const operationOf = (resource: Resource | undefined, role: Role): ResourceOperation | undefined =>
  resource?.operations.find((o) => o.role === role);

/** The property naming an item of the resource (`id` when the model found none). */
export const keyPropertyOf = (resource: Resource | undefined): string => resource?.key?.property ?? 'id';

const asKey = (value: unknown): string | undefined =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;

/** The key of one item, read where the resource keeps it (`data.id` when answers wrap the item). */
export function keyOfItem(resource: Resource | undefined, json: unknown): string | undefined {
  const item = resource?.itemIn ? readPath(json, resource.itemIn) : json;
  return asKey((item as Record<string, unknown> | null | undefined)?.[keyPropertyOf(resource)]);
}

/** The keys of the items of a list answer, in the resource's envelope. */
export function keysOfList(resource: Resource | undefined, json: unknown): string[] {
  const key = keyPropertyOf(resource);
  return (itemsOf(json, resource?.list) ?? [])
    .map((item) => asKey((item as Record<string, unknown> | null)?.[key]))
    .filter((k): k is string => k !== undefined);
}

/** The keys a create answered with: the item's own, or its list's (a batch create answers a list). */
export function createdKeysOf(resource: Resource | undefined, json: unknown): string[] {
  const own = keyOfItem(resource, json);
  return own !== undefined ? [own] : keysOfList(resource, json);
}

/** The next page's token or cursor of a list answer, when the envelope carries one. */
export function nextPageOf(resource: Resource | undefined, json: unknown): string | undefined {
  const next = resource?.list?.next ? readPath(json, resource.list.next) : undefined;
  return typeof next === 'string' && next !== '' ? next : undefined;
}
