/** A JSON object as a description's schema describes an item. */
export type JsonObject = { readonly [name: string]: unknown };

/**
 * What a generic collection keeps per item: the item as the description shapes it, the store key
 * of its parent item (nested collections), and for seeded items their index in the collection's
 * base (the group their own seeded children belong to).
 */
export interface ItemRecord {
  /** The item's own key (its key property's value, or one the server made for it). */
  readonly key: string;
  readonly item: JsonObject;
  readonly parent?: string;
  readonly seedIndex?: number;
}

/**
 * An item's key in its collection's index: its own key, prefixed by its parent's store key for a
 * nested collection (`<length>:<parentKey>:<key>`, so one parent's items form one range).
 */
export const storeKeyOf = (parentKey: string | undefined, key: string): string =>
  parentKey === undefined ? key : `${withinParent(parentKey)}${key}`;

/** The page prefix of one parent's items (see `PageQuery.within`). */
export const withinParent = (parentKey: string): string => `${parentKey.length}:${parentKey}:`;

/** The item's own key from its store key. */
export function ownKeyOf(storeKey: string, parentKey: string | undefined): string {
  return parentKey === undefined ? storeKey : storeKey.slice(withinParent(parentKey).length);
}
