import { createRequire } from 'node:module';
import type * as SortedBtree from 'sorted-btree';

/**
 * sorted-btree is CommonJS with `exports.default = BTree`: under ESM a default import yields the
 * exports object, not the class. Requiring it and picking `default` works in Node, tsx and vitest.
 */
const required = createRequire(import.meta.url)('sorted-btree') as typeof SortedBtree;
export const BTree = required.default;
export type BTree<K, V> = SortedBtree.default<K, V>;
