import * as sortedBtree from 'sorted-btree';

/**
 * sorted-btree is CommonJS with `exports.default = BTree` and an `__esModule` mark. Node's ESM
 * loader hands over the whole exports object as the default; vitest and bundlers honour the mark
 * and hand over the class. A plain ESM import, then whichever of the two it is: no `createRequire`.
 */
type BTreeClass = typeof sortedBtree.default;
const loaded = sortedBtree.default as BTreeClass | { default: BTreeClass };
export const BTree: BTreeClass = typeof loaded === 'function' ? loaded : loaded.default;
export type BTree<K, V> = sortedBtree.default<K, V>;
