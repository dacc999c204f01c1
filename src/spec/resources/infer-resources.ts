import type { LoadedSpec, SpecOperation } from '../types.ts';
import { classifyOperation, lastParamOf, nameOf, type Placement } from './classify-operation.ts';
import { inferWrappedKey } from './infer-key.ts';
import { inferList, successSchemaOf } from './infer-list.ts';
import { readExtensions, readKeyRefs } from './read-extensions.ts';
import type { ResourceHint, ResourceOverlay } from './resource-overlay.ts';
import type { OperationPlace, Resource, ResourceModel, ResourceOperation } from './resource-types.ts';

const ORDER = ['list', 'create', 'read', 'update', 'replace', 'delete', 'action'];

/**
 * The resources a description implies, from its paths and schemas alone (pure): collections (a
 * list and a create on one path), their items (one more path parameter), nested collections, each
 * item's key, list envelopes and paging, actions, and for every operation whether a store can
 * answer it from state, and why not when it cannot. `overlay` (togai-mock.resources.json) and the
 * description's `x-togai-mock-*` extensions correct the guesses; the overlay wins.
 */
export function inferResources(spec: LoadedSpec, overlay: ResourceOverlay = {}): ResourceModel {
  const extensions = readExtensions(spec.document, spec.operations);
  const byPath = new Map<string, SpecOperation[]>();
  for (const op of spec.operations) byPath.set(op.path, [...(byPath.get(op.path) ?? []), op]);
  const used = new Set<string>();

  const placements = new Map<SpecOperation, Placement>();
  for (const op of spec.operations) {
    const hint = overlay.operations?.[op.operationId] ?? extensions.operations.get(op.operationId);
    if (overlay.operations?.[op.operationId]) used.add(`operations.${op.operationId}`);
    const inferred = classifyOperation(op, byPath);
    if (!hint) placements.set(op, inferred);
    else if (hint.role === 'none')
      placements.set(op, { why: hint.why ?? 'declared not a resource operation' });
    else {
      const collection = hint.resource ?? inferred.collection ?? op.path;
      placements.set(op, { collection, role: hint.role, why: hint.why ?? 'declared' });
    }
  }

  const groups = new Map<string, ResourceOperation[]>();
  for (const [op, place] of placements) {
    if (place.collection === undefined) continue;
    const entry = { operationId: op.operationId, method: op.method, path: op.path, role: place.role };
    groups.set(place.collection, [...(groups.get(place.collection) ?? []), entry]);
  }
  const find = (ops: ResourceOperation[], role: string) => ops.find((o) => o.role === role);
  const specOp = (entry: ResourceOperation | undefined) =>
    entry && spec.operations.find((o) => o.operationId === entry.operationId && o.path === entry.path);

  const resources: Resource[] = [];
  const names = new Set<string>();
  for (const [collectionPath, ops] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    ops.sort((a, b) => ORDER.indexOf(a.role) - ORDER.indexOf(b.role));
    const hint: ResourceHint =
      overlay.resources?.[collectionPath] ?? extensions.resources.get(collectionPath) ?? {};
    if (overlay.resources?.[collectionPath]) used.add(`resources.${collectionPath}`);
    let name = hint.name ?? nameOf(collectionPath);
    for (let n = 2; names.has(name); n++) name = `${hint.name ?? nameOf(collectionPath)}#${n}`;
    names.add(name);
    const itemOps = ops.filter((o) => o.role !== 'list' && o.role !== 'create' && o.role !== 'action');
    const itemPath = itemOps[0]?.path ?? find(ops, 'action')?.path.replace(/\/[^/]+$/, '');
    const read = specOp(find(ops, 'read'));
    const create = specOp(find(ops, 'create'));
    const first = specOp(itemOps[0]);
    const itemSchema =
      (read && successSchemaOf(read)) ??
      (create && successSchemaOf(create)) ??
      (first && successSchemaOf(first));
    let schema = itemSchema && 'properties' in itemSchema ? itemSchema : undefined;
    const resource: Resource = { name, collectionPath, operations: ops, stateful: false, why: '' };
    if (itemPath) resource.itemPath = itemPath;
    const param = itemPath ? lastParamOf(itemPath) : undefined;
    const keyProperty = hint.key ?? (itemPath ? extensions.keys.get(itemPath) : undefined);
    if (param && keyProperty)
      resource.key = { param, property: keyProperty, by: hint.key ? 'overlay' : 'extension' };
    else if (param) {
      const source = read ?? first;
      const paramSpec = source?.parameters.find((p) => p.name === param && p.in === 'path');
      const found =
        paramSpec && inferWrappedKey(paramSpec, schema, readKeyRefs(spec.document, source, param));
      if (found) {
        resource.key = found.key;
        schema = found.item;
        if (found.itemIn) resource.itemIn = found.itemIn;
      }
    }
    if (schema) resource.itemSchema = schema;
    const list = specOp(find(ops, 'list'));
    const shape = list ? inferList(list, collectionPath.split('/').at(-1) ?? '') : undefined;
    if (shape || hint.list) resource.list = { envelope: 'object', ...shape, ...hint.list };
    [resource.stateful, resource.why] = judgeStateful(resource, hint, Boolean(create));
    resources.push(resource);
  }
  for (const resource of resources) {
    const parent = resources
      .filter((r) => r.itemPath && resource.collectionPath.startsWith(`${r.itemPath}/`))
      .sort((a, b) => (b.itemPath?.length ?? 0) - (a.itemPath?.length ?? 0))[0];
    const param = parent?.itemPath && lastParamOf(parent.itemPath);
    if (parent && param) resource.parent = { name: parent.name, param };
  }

  const byName = new Map(resources.map((r) => [r.collectionPath, r]));
  const operations: OperationPlace[] = spec.operations.map((op) => {
    const place = placements.get(op) as Placement;
    const base = { operationId: op.operationId, method: op.method, path: op.path };
    if (place.collection === undefined) return { ...base, stateful: false, why: place.why };
    const resource = byName.get(place.collection) as Resource;
    const action = place.role === 'action';
    const why = action
      ? `an action on an item of ${resource.name}: answered from examples`
      : resource.stateful
        ? `${place.role} of ${resource.name}`
        : resource.why;
    return {
      ...base,
      resource: resource.name,
      role: place.role,
      stateful: resource.stateful && !action,
      why,
    };
  });
  const unused = [
    ...Object.keys(overlay.resources ?? {})
      .filter((path) => !used.has(`resources.${path}`))
      .map((path) => `resources["${path}"]: no collection at this path`),
    ...Object.keys(overlay.operations ?? {})
      .filter((id) => !used.has(`operations.${id}`))
      .map((id) => `operations["${id}"]: no operation with this operationId`),
    ...extensions.errors,
  ];
  return { resources, operations, unused };
}

function judgeStateful(resource: Resource, hint: ResourceHint, hasCreate: boolean): [boolean, string] {
  const has = (role: string) => resource.operations.some((o) => o.role === role);
  if (hint.stateful === false) return [false, hint.why ?? 'declared answered from examples'];
  if (!hasCreate)
    return [false, `no create (POST ${resource.collectionPath}): read-only, answered from examples`];
  if (!resource.itemPath || !has('read'))
    return [
      false,
      `no read of one item (GET ${resource.collectionPath}/{id}): a created item could not be read`,
    ];
  if (!resource.itemSchema)
    return [false, `GET ${resource.itemPath} answers no JSON object with properties: no item to hold`];
  if (!resource.key) return [false, `no property of the item matches {${lastParamOf(resource.itemPath)}}`];
  const { param, property, by } = resource.key;
  return [true, `create and read by {${param}} = ${property} (${by})`];
}
