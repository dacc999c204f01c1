/**
 * JSON text for an object graph whose objects may be shared or cyclic (a dereferenced description:
 * Togai's `InvoiceLineItem.lineItems` holds itself, and one schema serves many operations), and back,
 * with the same sharing. Each object met more than once is written once in a table and referred to
 * by `{"\u0000": index}` (no OpenAPI document has a NUL key); the rest is plain JSON, so reading is
 * `JSON.parse` plus one walk to relink. Rejected: `flatted`, which makes every object and string a
 * table entry (its revive walks all of them through an index), for a format read at every start.
 */
const REF = '\u0000';

export function stringifyGraph(root: unknown): string {
  const count = new Map<object, number>();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    const seen = count.get(node);
    count.set(node, (seen ?? 0) + 1);
    if (seen === undefined) for (const value of Object.values(node)) visit(value);
  };
  visit(root);
  const ids = new Map<object, number>();
  const table: unknown[] = [];
  const encode = (node: unknown, entry = false): unknown => {
    if (node === null || typeof node !== 'object') return node;
    if (!entry && (count.get(node) ?? 0) > 1) {
      let id = ids.get(node);
      if (id === undefined) {
        id = table.length;
        ids.set(node, id);
        table.push(undefined);
        table[id] = encode(node, true);
      }
      return { [REF]: id };
    }
    if (Array.isArray(node)) return node.map((item) => encode(item));
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) out[key] = encode(value);
    return out;
  };
  const encoded = encode(root);
  return JSON.stringify({ table, root: encoded });
}

export function parseGraph(text: string): unknown {
  const { table, root } = JSON.parse(text) as { table: unknown[]; root: unknown };
  const isRef = (node: object): node is Record<string, number> => REF in node;
  const relinked = new Set<object>();
  const link = (node: unknown): unknown => {
    if (node === null || typeof node !== 'object') return node;
    if (isRef(node)) {
      const target = table[node[REF] as number] as object;
      if (!relinked.has(target)) {
        relinked.add(target);
        fill(target);
      }
      return target;
    }
    fill(node);
    return node;
  };
  const fill = (node: object): void => {
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = link(record[key]);
  };
  return link(root);
}
