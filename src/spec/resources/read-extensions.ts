import { follow, mergeAllOf } from '../schema-view.ts';
import type { SpecOperation } from '../types.ts';
import type { KeyRefs } from './infer-key.ts';
import { type OperationHint, type ResourceHint, readHint, readRole } from './resource-overlay.ts';

type Obj = Record<string, unknown>;
const isObj = (value: unknown): value is Obj =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const asObj = (value: unknown): Obj => (isObj(value) ? value : {});

/** What the description itself declares with `x-togai-mock-*` extensions; malformed ones are errors. */
export interface Extensions {
  /** By collection path: `x-togai-mock-resource` on the path item. */
  resources: Map<string, ResourceHint>;
  /** By operationId: `x-togai-mock-role` on the operation. */
  operations: Map<string, OperationHint>;
  /** By item path: `x-togai-mock-key` on the item path's parameter (the property it names). */
  keys: Map<string, string>;
  errors: string[];
}

/** Reads the extensions of a description (raw: `$ref`s intact, so nothing recursive is walked). */
export function readExtensions(document: Obj, operations: readonly SpecOperation[]): Extensions {
  const out: Extensions = { resources: new Map(), operations: new Map(), keys: new Map(), errors: [] };
  const paths = asObj(document.paths);
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = asObj(follow(document, rawItem));
    const hint = item['x-togai-mock-resource'];
    if (hint !== undefined) {
      const read = readHint(hint, `paths["${path}"].x-togai-mock-resource`);
      if (read.ok) out.resources.set(path, read.value);
      else out.errors.push(read.error);
    }
    for (const raw of [item.parameters, ...Object.values(item).map((o) => asObj(o).parameters)]) {
      if (!Array.isArray(raw)) continue;
      for (const param of raw.map((p) => asObj(follow(document, p)))) {
        const key = param['x-togai-mock-key'];
        if (key === undefined || param.in !== 'path') continue;
        if (typeof key === 'string' && key !== '') out.keys.set(path, key);
        else
          out.errors.push(
            `paths["${path}"] parameter ${String(param.name)}: x-togai-mock-key must be a property name`,
          );
      }
    }
  }
  for (const op of operations) {
    const raw = asObj(asObj(follow(document, paths[op.path]))[op.method])['x-togai-mock-role'];
    if (raw === undefined) continue;
    const read = readRole(raw, `${op.operationId}.x-togai-mock-role`);
    if (read.ok) out.operations.set(op.operationId, read.value);
    else out.errors.push(read.error);
  }
  return out;
}

/** The `$ref`s behind an item path's parameter and behind each property of the item it reads. */
export function readKeyRefs(document: Obj, op: SpecOperation | undefined, param: string): KeyRefs {
  const refs: KeyRefs = { properties: {} };
  if (!op) return refs;
  const item = asObj(follow(document, asObj(document.paths)[op.path]));
  const raw = asObj(item[op.method]);
  for (const list of [item.parameters, raw.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const p of list) {
      const resolved = asObj(follow(document, p));
      if (resolved.name !== param || resolved.in !== 'path') continue;
      const chain: string[] = [];
      follow(document, resolved.schema, chain);
      if (chain[0]) refs.param = chain[0];
    }
  }
  for (const [status, response] of Object.entries(asObj(raw.responses))) {
    if (!/^2/.test(status)) continue;
    const content = asObj(asObj(follow(document, response)).content);
    const media = Object.entries(content).find(([type]) => /json/i.test(type))?.[1];
    const schema = mergeAllOf(document, asObj(media).schema);
    for (const [name, sub] of Object.entries(asObj(schema.properties))) {
      const ref = asObj(sub).$ref;
      if (typeof ref === 'string') refs.properties[name] = ref;
    }
    break;
  }
  return refs;
}
