/**
 * A segment trie over the spec's path templates. Literal segments win over `{templated}` ones
 * whatever the order of the document (OpenAPI's rule), with backtracking, so `/price_plans/migration`
 * is found even when `/price_plans/{id}` is declared first, and `/a/{x}/b` still matches when a
 * literal sibling `/a/lit/c` does not. A lookup costs one `split` and a map lookup per segment.
 *
 * Rejected: path-to-regexp (Express's): one regex per route tried in declaration order, which is
 * exactly the shadowing bug; find-my-way: Node-only and far more than this needs.
 */
interface Node<T> {
  literal: Map<string, Node<T>>;
  param?: Node<T>;
  /** Set where a template ends: its routes by upper-case method. */
  end?: PathRoutes<T>;
}

export interface PathRoutes<T> {
  template: string;
  byMethod: Map<string, T>;
  /** The `Allow` header for this path: its methods, plus HEAD where GET is served. */
  allow: string;
}

export interface RouteMatch<T> {
  routes: PathRoutes<T>;
  /** The templated segments' raw (still percent-encoded) values, in template order. */
  rawValues: string[];
}

const newNode = <T>(): Node<T> => ({ literal: new Map() });
const isParam = (segment: string) => segment.startsWith('{') && segment.endsWith('}');

export interface Router<T> {
  add(method: string, template: string, value: T): void;
  match(path: string): RouteMatch<T> | undefined;
}

export function createRouter<T>(): Router<T> {
  const root = newNode<T>();
  return {
    add(method, template, value) {
      let node = root;
      for (const segment of splitPath(template)) {
        if (isParam(segment)) {
          node.param ??= newNode();
          node = node.param;
        } else {
          let next = node.literal.get(segment);
          if (!next) {
            next = newNode();
            node.literal.set(segment, next);
          }
          node = next;
        }
      }
      node.end ??= { template, byMethod: new Map(), allow: '' };
      node.end.byMethod.set(method.toUpperCase(), value);
      const methods = [...node.end.byMethod.keys()];
      node.end.allow = (methods.includes('GET') ? [...methods, 'HEAD'] : methods).join(', ');
    },
    match(path) {
      const segments = splitPath(path);
      const values: string[] = [];
      const routes = walk(root, segments, 0, values);
      return routes ? { routes, rawValues: values } : undefined;
    },
  };
}

/** `/a/b/` and `/a/b` are one path (Express's non-strict routing, kept); empty segments never match. */
function splitPath(path: string): string[] {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(1, -1) : path.slice(1);
  return trimmed === '' ? [] : trimmed.split('/');
}

function walk<T>(node: Node<T>, segments: string[], at: number, values: string[]): PathRoutes<T> | undefined {
  if (at === segments.length) return node.end;
  const segment = segments[at] as string;
  const literal = node.literal.get(segment);
  if (literal) {
    const found = walk(literal, segments, at + 1, values);
    if (found) return found;
  }
  if (node.param && segment !== '') {
    values.push(segment);
    const found = walk(node.param, segments, at + 1, values);
    if (found) return found;
    values.pop();
  }
  return undefined;
}
