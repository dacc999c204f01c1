import type { JsonSchema } from '../../spec/types.ts';
import { mergeAllOf } from '../schema/merge-all-of.ts';
import { asSchema, typeOf } from '../schema-shape.ts';
import { boundaryCandidates } from './boundary-values.ts';

/** One change to a valid body at one location (`/aliases/0`), with what it means in words. */
export interface BodyMutation {
  label: string;
  /** The top-level property it touches: references (`customerId`) may name nothing, and answer 404. */
  top?: string;
  apply(body: unknown): unknown;
}

const MAX_DEPTH = 5;
type Path = (string | number)[];

const pointer = (path: Path): string => (path.length ? `/${path.join('/')}` : '/');

type Node = Record<string | number, unknown>;

/** The value at `path` replaced by what `change` returns for its parent and key. */
function changeAt(root: unknown, path: Path, change: (parent: Node, key: string | number) => void): unknown {
  let node = root as Node;
  for (const key of path.slice(0, -1)) node = node[key] as Node;
  const last = path.at(-1);
  if (last !== undefined) change(node, last);
  return root;
}

const replaceAt = (root: unknown, path: Path, value: () => unknown): unknown =>
  changeAt(root, path, (parent, key) => {
    parent[key] = value();
  });

function getAt(root: unknown, path: Path): Node {
  let node = root as Node;
  for (const key of path) node = node[key] as Node;
  return node;
}

/**
 * Every boundary, enum, type, required-field, closed-object and array-size variant of a valid body,
 * walking the schema and the body together (so only locations the body has are touched; recursive
 * schemas end at a depth). `makeItem` builds a fresh valid item for an array schema.
 */
export function buildBodyMutations(
  raw: JsonSchema,
  base: unknown,
  makeItem: (items: JsonSchema) => unknown,
): BodyMutation[] {
  const out: BodyMutation[] = [
    { label: 'body is an array', apply: () => [] },
    { label: 'body is a string', apply: () => 'not an object' },
  ];
  const onPath = new Set<object>();
  // `siblings`: the other optional arrays of the enclosing object, dropped when one array is sized.
  const walk = (rawSchema: JsonSchema, value: unknown, path: Path, siblings: string[] = []): void => {
    const schema = mergeAllOf(rawSchema);
    if (path.length > MAX_DEPTH || onPath.has(schema)) return;
    onPath.add(schema);
    const top = typeof path[0] === 'string' ? path[0] : undefined;
    const at = (label: string, apply: BodyMutation['apply']): void => {
      out.push({ label: `${pointer(path)} ${label}`, ...(top ? { top } : {}), apply });
    };
    if (path.length > 0)
      for (const candidate of boundaryCandidates(schema))
        at(candidate.label, (body) => replaceAt(body, path, () => structuredClone(candidate.value)));
    const type = typeOf(schema);
    if (type === 'object' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const present = value as Record<string, unknown>;
      for (const key of Array.isArray(schema.required) ? (schema.required as string[]) : [])
        if (key in present)
          at(`required "${key}" missing`, (body) => {
            delete getAt(body, path)[key];
            return body;
          });
      if (schema.additionalProperties === false)
        at('with an undocumented property', (body) => {
          getAt(body, path).contractUnexpectedField = 'x';
          return body;
        });
      const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
      const arrays = Object.entries(asSchema(schema.properties))
        .filter(([key, sub]) => !required.has(key) && typeOf(mergeAllOf(asSchema(sub))) === 'array')
        .map(([key]) => key);
      for (const [key, sub] of Object.entries(asSchema(schema.properties)))
        if (key in present)
          walk(
            asSchema(sub),
            present[key],
            [...path, key],
            arrays.filter((name) => name !== key),
          );
    }
    if (type === 'array' && Array.isArray(value)) {
      const items = asSchema(schema.items);
      // A limit over several arrays together (at most 10 aliases, however sent) cannot be written in JSON
      // Schema: the optional sibling arrays are left out, so the probe tests this array's own bound.
      for (const [bound, size] of sizesOf(schema)) {
        at(`with ${size} items (${bound})`, (body) => {
          const parent = getAt(body, path.slice(0, -1));
          for (const name of siblings) delete parent[name];
          return replaceAt(body, path, () => Array.from({ length: size }, () => makeItem(items)));
        });
      }
      if (value.length > 0) walk(items, value[0], [...path, 0]);
    }
    onPath.delete(schema);
  };
  walk(raw, base, []);
  return out;
}

function sizesOf(schema: JsonSchema): [string, number][] {
  const sizes: [string, number][] = [];
  if (typeof schema.minItems === 'number' && schema.minItems > 0) {
    sizes.push([`at minItems ${schema.minItems}`, schema.minItems]);
    sizes.push([`below minItems ${schema.minItems}`, schema.minItems - 1]);
  }
  if (typeof schema.maxItems === 'number' && schema.maxItems <= 100) {
    sizes.push([`at maxItems ${schema.maxItems}`, schema.maxItems]);
    sizes.push([`above maxItems ${schema.maxItems}`, schema.maxItems + 1]);
  }
  return sizes;
}
