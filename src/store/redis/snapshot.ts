import { Budget, type BudgetLimits, type LimitHit, type Usage } from '../budget.ts';

/** The tenant's counters as one peek read them. */
export interface Snapshot {
  /** Per collection: its count minus its base's (a cleared tenant counts no base). */
  readonly counts: ReadonlyMap<string, number>;
  /** What the tenant holds (raw), and what of it it shares with the fixture (not counted). */
  readonly usage: Usage;
  readonly shared: Usage;
  /** The server-wide counters: what all tenants hold, and hold beyond their guaranteed share. */
  readonly used: Usage;
  readonly extra: Usage;
  readonly cleared: boolean;
  readonly fixtured: boolean;
}

/** The peek script's answer: the meta hash, the counters, then each record's state. */
export function parseSnapshot(reply: readonly unknown[]): { snapshot: Snapshot; states: string[] } {
  const meta = new Map<string, string>();
  const flat = (reply[0] ?? []) as string[];
  for (let i = 0; i + 1 < flat.length; i += 2) meta.set(String(flat[i]), String(flat[i + 1]));
  const counts = new Map<string, number>();
  for (const [field, value] of meta) if (field.startsWith('n:')) counts.set(field.slice(2), Number(value));
  const number = (field: string) => Number(meta.get(field) ?? 0);
  const at = (i: number) => Number(reply[i]);
  return {
    snapshot: {
      counts,
      usage: { items: number('w'), bytes: number('b') },
      shared: { items: number('sw'), bytes: number('sb') },
      used: { items: at(1), bytes: at(2) },
      extra: { items: at(3), bytes: at(4) },
      cleared: at(5) === 1,
      fixtured: at(6) === 1,
    },
    states: reply.slice(7).map(String),
  };
}

/** The limits as the scripts take them (see LUA_BUDGET): maxima, tenant caps, shares. */
export function limitArgs(limits: BudgetLimits): number[] {
  const budget = new Budget(limits);
  return [
    limits.maxItems,
    limits.maxBytes,
    limits.tenantItems,
    limits.tenantBytes,
    budget.guaranteed.items,
    budget.guaranteed.bytes,
    budget.sharedRoom.items,
    budget.sharedRoom.bytes,
  ];
}

const NONE: Usage = { items: 0, bytes: 0 };

/**
 * The budget limit a tenant would pass growing from `before` to `after` (changes since the
 * snapshot), as budget.ts's `Meter.check` judges it, against the snapshot's counters.
 */
export function checkGrowth(
  limits: BudgetLimits,
  snapshot: Snapshot,
  before: Usage,
  after: Usage,
): LimitHit | undefined {
  const { usage, shared, used, extra } = snapshot;
  const budget = new Budget(limits);
  Object.assign(budget.used, used);
  Object.assign(budget.extra, extra);
  const countedAt = (delta: Usage): Usage => ({
    items: Math.max(0, usage.items + delta.items - shared.items),
    bytes: Math.max(0, usage.bytes + delta.bytes - shared.bytes),
  });
  return budget.check(countedAt(NONE), countedAt(before), countedAt(after));
}
