import { type Collection, type DataSet, ownedBy, ownerKey, ownerPrefix } from '../data-set.ts';
import { OP } from './lua-contract.ts';

/**
 * The owner-index operations of a write in `collection` (data-set.ts's `OwnerOf`): the old
 * record's key goes, the new one's comes. The index is what an owner's delete scans.
 */
export function ownerOps(collection: Collection, id: string, before?: object, after?: object): string[][] {
  const owner = collection.owner;
  if (owner === undefined) return [];
  const ops: string[][] = [];
  if (before !== undefined) ops.push([OP.disown, ownerKey(collection.name, owner.idOf(before), id)]);
  if (after !== undefined) ops.push([OP.own, ownerKey(collection.name, owner.idOf(after), id)]);
  return ops;
}

/** What deleting `record` takes with it: per collection it owns, its items and its seeded group. */
export function cascadeOps(data: DataSet, collection: string, id: string, record: object): string[][] {
  return ownedBy(data, collection).map((child) => {
    const group = child.owner?.groupOf(record);
    const groups = child.base.groups;
    const grouped = group !== undefined && groups !== undefined;
    return [
      OP.cascade,
      child.name,
      ownerPrefix(child.name, id),
      grouped ? String(group) : '',
      grouped ? String(groups.sizeOf(group)) : '',
    ];
  });
}
