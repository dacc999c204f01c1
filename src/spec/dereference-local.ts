type Obj = Record<string, unknown>;

const isObj = (value: unknown): value is Obj =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Resolves a document's local `$ref`s (`#/components/...`) in place of
 * `@apidevtools/json-schema-ref-parser`, for builds that must not carry it (the browser entry:
 * the parser pulls in path and URL handling for files a browser never reads). It keeps the parser's
 * results: one object per target, so recursive schemas become cycles; sibling keys of a `$ref`
 * merged over its target. An external or broken `$ref` fails with its pointer.
 */
export function dereferenceLocal(document: Obj): Obj {
  const root = structuredClone(document);
  const resolved = new Map<string, unknown>();
  const done = new WeakSet<object>();

  const lookUp = (pointer: string): unknown => {
    if (!pointer.startsWith('#/')) throw new Error(`$ref ${pointer} is not local to the document`);
    let at: unknown = root;
    for (const raw of pointer.slice(2).split('/')) {
      const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      if (!isObj(at) && !Array.isArray(at)) throw new Error(`$ref ${pointer} points nowhere`);
      at = (at as Obj)[key];
    }
    if (at === undefined) throw new Error(`$ref ${pointer} points nowhere`);
    return at;
  };

  const resolve = (value: unknown, chain: Set<string>): unknown => {
    if (!isObj(value) || typeof value.$ref !== 'string') {
      walk(value);
      return value;
    }
    const pointer = value.$ref;
    const cached = resolved.get(pointer);
    let target = cached;
    if (target === undefined) {
      if (chain.has(pointer)) throw new Error(`$ref ${pointer} refers only to itself`);
      target = resolve(lookUp(pointer), new Set([...chain, pointer]));
      resolved.set(pointer, target);
    }
    const { $ref: _ref, ...siblings } = value;
    return Object.keys(siblings).length > 0 && isObj(target) ? { ...target, ...siblings } : target;
  };

  function walk(value: unknown): void {
    if (value === null || typeof value !== 'object' || done.has(value)) return;
    done.add(value);
    const entries = Array.isArray(value) ? value.entries() : Object.entries(value as Obj);
    for (const [key, child] of entries) (value as Obj)[key as string] = resolve(child, new Set());
  }

  walk(root);
  return root;
}
