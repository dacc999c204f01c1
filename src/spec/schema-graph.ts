import type { JsonSchema } from './types.ts';

type Obj = Record<string, unknown>;
const isObj = (value: unknown): value is Obj =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * A schema with its `allOf` parts merged into one (as Prism reads them): properties and required
 * lists united, closed (`additionalProperties: false`) when any part is closed, so a closed first
 * part plus `{customerId}` accepts `customerId`. Sub-schemas stay the originals, so a recursive
 * schema keeps its cycle; results are cached per schema object, so walking a cycle terminates.
 */
export function createAllOfMerger(): (schema: unknown) => unknown {
  const cache = new WeakMap<object, Obj>();
  const merge = (schema: unknown): unknown => {
    if (!isObj(schema) || !Array.isArray(schema.allOf)) return schema;
    const cached = cache.get(schema);
    if (cached) return cached;
    const { allOf, ...rest } = schema;
    const out: Obj = {};
    cache.set(schema, out);
    const properties: Obj = {};
    const required = new Set<string>();
    let closed = false;
    for (const raw of [...allOf, rest]) {
      const part = merge(raw);
      if (!isObj(part)) continue;
      const { properties: props, required: req, additionalProperties, ...others } = part;
      Object.assign(out, others);
      if (isObj(props)) Object.assign(properties, props);
      if (Array.isArray(req)) for (const name of req) required.add(String(name));
      if (additionalProperties === false) closed = true;
      else if (isObj(additionalProperties)) out.additionalProperties = additionalProperties;
    }
    if (Object.keys(properties).length > 0) out.properties = properties;
    if (required.size > 0) out.required = [...required];
    if (closed) out.additionalProperties = false;
    return out;
  };
  return merge;
}

/**
 * A tree copy of a schema graph that JSON Schema tools can compile: `allOf` merged, and each
 * schema that is reached again from inside itself (a recursive schema, a cycle after
 * dereferencing) moved to `definitions` and referred to by `$ref`. Shared, non-recursive
 * sub-schemas are copied once and shared.
 */
export function toAcyclicSchema(schema: unknown): JsonSchema {
  const view = createAllOfMerger();
  const recursive = new Set<object>();
  const visited = new Set<object>();
  const onPath = new Set<object>();
  const find = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) find(item);
      return;
    }
    const node = view(value);
    if (!isObj(node)) return;
    if (onPath.has(node)) {
      recursive.add(node);
      return;
    }
    if (visited.has(node)) return;
    visited.add(node);
    onPath.add(node);
    for (const child of Object.values(node)) find(child);
    onPath.delete(node);
  };
  find(schema);

  const definitions: Obj = {};
  const names = new Map<object, string>();
  const copies = new Map<object, Obj>();
  const copy = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(copy);
    const node = view(value);
    if (!isObj(node)) return node;
    if (recursive.has(node)) {
      let name = names.get(node);
      if (name === undefined) {
        name = `recursive${names.size}`;
        names.set(node, name);
        definitions[name] = copyBody(node);
      }
      return { $ref: `#/definitions/${name}` };
    }
    return copyBody(node);
  };
  const copyBody = (node: Obj): Obj => {
    const done = copies.get(node);
    if (done) return done;
    const out: Obj = {};
    copies.set(node, out);
    for (const [key, child] of Object.entries(node)) out[key] = copy(child);
    return out;
  };
  const root = copy(schema);
  if (names.size === 0) return (isObj(root) ? root : {}) as JsonSchema;
  return { ...(isObj(root) ? root : {}), definitions };
}
