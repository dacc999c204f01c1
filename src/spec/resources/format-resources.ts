import type { ListShape, Resource, ResourceModel } from './resource-types.ts';

/** `{data, next: nextToken} pageSize nextToken(token)`, `[] page(number)`: a list's shape in a cell. */
export function describeList(list: ListShape | undefined): string {
  if (!list) return '-';
  const envelope =
    list.envelope === 'array' ? '[]' : `{${list.items ?? '?'}${list.next ? `, next: ${list.next}` : ''}}`;
  const paging = [list.pageSize, list.page && `${list.page.param}(${list.page.style})`].filter(Boolean);
  return [envelope, ...paging].join(' ');
}

const describeKey = (resource: Resource): string =>
  resource.key ? `{${resource.key.param}}=${resource.key.property} (${resource.key.by})` : '-';

const ROLE_SHORT: Record<string, string> = {
  list: 'L',
  create: 'C',
  read: 'R',
  update: 'U',
  replace: 'P',
  delete: 'D',
  action: 'A',
};

/** `L C R U D A×2`: the roles a resource's operations have, in one short cell. */
export function describeRoles(resource: Resource): string {
  const counts = new Map<string, number>();
  for (const op of resource.operations) counts.set(op.role, (counts.get(op.role) ?? 0) + 1);
  return Object.keys(ROLE_SHORT)
    .filter((role) => counts.has(role))
    .map((role) => `${ROLE_SHORT[role]}${(counts.get(role) ?? 1) > 1 ? `×${counts.get(role)}` : ''}`)
    .join(' ');
}

function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) =>
    r
      .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

/** One line of counts: how many resources, how many stateful, operations from state and from examples. */
export function summarizeModel(model: ResourceModel): string {
  const stateful = model.resources.filter((r) => r.stateful).length;
  const fromState = model.operations.filter((o) => o.stateful).length;
  return (
    `${model.resources.length} resources (${stateful} stateful), ${model.operations.length} operations: ` +
    `${fromState} from state, ${model.operations.length - fromState} from examples`
  );
}

/**
 * The model as text: a table of resources (name, path, key, roles, list shape, and whether a store
 * can hold it and why), then every operation outside a stateful resource and why.
 * Roles: L list, C create, R read, U update, P replace (PUT), D delete, A action.
 */
export function formatResources(model: ResourceModel): string {
  const rows = [['resource', 'path', 'key', 'ops', 'list', 'model']];
  for (const r of model.resources)
    rows.push([
      r.name,
      r.collectionPath,
      describeKey(r),
      describeRoles(r),
      describeList(r.list),
      `${r.stateful ? 'stateful' : 'examples'}: ${r.why}`,
    ]);
  const others = model.operations.filter(
    (o) => !o.stateful && o.role !== 'action' && o.resource === undefined,
  );
  const lines = [summarizeModel(model), '', ...table(rows)];
  if (others.length > 0) {
    lines.push('', 'answered from examples, in no resource:');
    lines.push(...table(others.map((o) => [`  ${o.method.toUpperCase()}`, o.path, o.why])));
  }
  if (model.unused.length > 0) lines.push('', 'not applied:', ...model.unused.map((u) => `  ${u}`));
  return `${lines.join('\n')}\n`;
}
