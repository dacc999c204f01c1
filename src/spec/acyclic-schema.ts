import type { JsonSchema } from './types.ts';

/**
 * A dereferenced schema with cycles (Togai's `InvoiceLineItem.lineItems` holds itself) rewritten
 * for ajv, which cannot compile a circular object graph: each schema a cycle returns to is kept
 * once under `definitions` and every way back to it becomes a `$ref`. Acyclic input comes back
 * unchanged (the same object), so the common case costs one walk.
 */
export function toAcyclicSchema(schema: unknown): unknown {
  const targets = findCycleTargets(schema);
  if (targets.size === 0) return schema;
  const names = new Map<object, string>([...targets].map((node, i) => [node, `cycle${i}`]));
  const definitions: Record<string, unknown> = {};
  const copy = (node: unknown, defining?: object): unknown => {
    if (node === null || typeof node !== 'object') return node;
    const name = names.get(node);
    if (name !== undefined && node !== defining) {
      if (!(name in definitions)) {
        definitions[name] = {};
        definitions[name] = copy(node, node);
      }
      return { $ref: `#/definitions/${name}` };
    }
    if (Array.isArray(node)) return node.map((item) => copy(item));
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, copy(value)]));
  };
  const root = copy(schema);
  return { definitions, allOf: [root] } satisfies JsonSchema;
}

/** The objects some path reaches again while still inside them: the heads of cycles. */
function findCycleTargets(schema: unknown): Set<object> {
  const targets = new Set<object>();
  const onPath = new Set<object>();
  const done = new Set<object>();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (onPath.has(node)) {
      targets.add(node);
      return;
    }
    if (done.has(node)) return;
    onPath.add(node);
    for (const value of Object.values(node)) visit(value);
    onPath.delete(node);
    done.add(node);
  };
  visit(schema);
  return targets;
}
