import type { JsonSchema } from '../../spec/types.ts';

const DEFS = 'definitions';
const PREFIX = 'contractCycle';
const memo = new WeakMap<object, JsonSchema>();

/**
 * A dereferenced recursive schema is a cyclic object graph (Togai's `InvoiceLineItem.lineItems` holds
 * itself): ajv would recurse forever on it and `JSON.stringify` throws. This returns a tree in which every
 * object that closes a cycle lives once under `definitions` and is referred to by `$ref`. Memoized by
 * identity; acyclic input comes back as an equal tree.
 */
export function toAcyclic(schema: JsonSchema): JsonSchema {
  const known = memo.get(schema);
  if (known) return known;
  const recursive = findRecursive(schema);
  const names = new Map<object, string>();
  for (const node of recursive) names.set(node, `${PREFIX}${names.size}`);
  const definitions: Record<string, unknown> = {};
  const copy = (value: unknown, top: boolean): unknown => {
    if (Array.isArray(value)) return value.map((v) => copy(v, false));
    if (value === null || typeof value !== 'object') return value;
    const name = names.get(value);
    if (name && !top) {
      if (!(name in definitions)) {
        definitions[name] = {};
        definitions[name] = copy(value, true);
      }
      return { $ref: `#/${DEFS}/${name}` };
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copy(v, false)]));
  };
  let out: JsonSchema;
  if (names.has(schema)) {
    out = { allOf: [copy(schema, false)] };
  } else {
    out = copy(schema, true) as JsonSchema;
  }
  if (Object.keys(definitions).length) {
    const own = out[DEFS] !== null && typeof out[DEFS] === 'object' ? (out[DEFS] as object) : {};
    out = { ...out, [DEFS]: { ...own, ...definitions } };
  }
  memo.set(schema, out);
  return out;
}

/** Whether a schema graph has a cycle: generators use it to bound their depth. */
export const isRecursive = (schema: JsonSchema): boolean => findRecursive(schema).size > 0;

/** Objects reached again while still on the path from the root: the points that close a cycle. */
function findRecursive(root: unknown): Set<object> {
  const found = new Set<object>();
  const onPath = new Set<object>();
  const done = new Set<object>();
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== 'object') return;
    if (onPath.has(value)) {
      found.add(value);
      return;
    }
    if (done.has(value)) return;
    onPath.add(value);
    for (const child of Array.isArray(value) ? value : Object.values(value)) visit(child);
    onPath.delete(value);
    done.add(value);
  };
  visit(root);
  return found;
}
