import type { LoadedSpec, SpecOperation } from '../spec/types.ts';
import { ContractSetupError } from './contract-setup-error.ts';
import type { OperationFilter } from './types.ts';

type Obj = Record<string, unknown>;
const asObj = (value: unknown): Obj =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Obj) : {};

/** An operation's tags, read from the document (the operation model does not carry them). */
export function tagsOf(spec: LoadedSpec, op: SpecOperation): string[] {
  const tags = asObj(asObj(asObj(spec.document.paths)[op.path])[op.method]).tags;
  return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [];
}

const matchPath = (pattern: string, path: string): boolean =>
  pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : pattern === path;

/** Whether an operation matches a filter: any one of the listed paths, methods, tags or operationIds. */
export function matchesFilter(spec: LoadedSpec, op: SpecOperation, filter: OperationFilter): boolean {
  const lower = (list: readonly string[] | undefined) => list?.map((s) => s.toLowerCase());
  return (
    (filter.paths?.some((p) => matchPath(p, op.path)) ?? false) ||
    (lower(filter.methods)?.includes(op.method) ?? false) ||
    (filter.operationIds?.includes(op.operationId) ?? false) ||
    (tagsOf(spec, op).some((t) => filter.tags?.includes(t)) ?? false)
  );
}

const isEmpty = (filter: OperationFilter | undefined): boolean =>
  !filter || Object.values(filter).every((list) => !list || list.length === 0);

export interface Selection {
  selected: SpecOperation[];
  /** Left out, with the reason, for the coverage report. */
  excluded: { op: SpecOperation; reason: string }[];
}

/** Applies `--operations`, includes and excludes; unknown operationIds are a usage error. */
export function selectOperations(
  spec: LoadedSpec,
  options: { operations?: readonly string[]; include?: OperationFilter; exclude?: OperationFilter },
): Selection {
  const known = new Set(spec.operations.map((op) => op.operationId));
  const named = [...(options.operations ?? []), ...(options.include?.operationIds ?? [])];
  const unknown = named.filter((id) => !known.has(id));
  if (unknown.length)
    throw new ContractSetupError(
      'usage',
      `--operations: unknown operation ${unknown.join(', ')} (known: ${[...known].slice(0, 40).join(', ')}${known.size > 40 ? ', …' : ''})`,
    );
  const include: OperationFilter = {
    ...options.include,
    ...(named.length ? { operationIds: named } : {}),
  };
  const out: Selection = { selected: [], excluded: [] };
  for (const op of spec.operations) {
    if (!isEmpty(include) && !matchesFilter(spec, op, include))
      out.excluded.push({ op, reason: 'not matched by any include filter' });
    else if (options.exclude && !isEmpty(options.exclude) && matchesFilter(spec, op, options.exclude))
      out.excluded.push({ op, reason: 'matched by an exclude filter' });
    else out.selected.push(op);
  }
  return out;
}
