import { Budget, type BudgetLimits, type LimitHit, type Usage } from '../budget.ts';
import { MARKER_BYTES, utf8Length } from '../record-size.ts';
import type { AccountRecord, CustomerRecord } from '../records.ts';
import type { TenantContext } from './tenant-context.ts';
import {
  type AccountState,
  type CustomerState,
  decodeAccount,
  decodeCustomer,
  groupOf,
} from './tx-states.ts';

export type { TenantContext } from './tenant-context.ts';
export { type AccountState, type CustomerState, groupOf } from './tx-states.ts';

interface Counters {
  na: number;
  nc: number;
  /** What the tenant holds (raw), and what of it it shares with the fixture (not counted). */
  raw: Usage;
  shared: Usage;
  /** The server-wide counters: what all tenants hold, and hold beyond their guaranteed share. */
  used: Usage;
  extra: Usage;
}

const weigh = (record: AccountRecord): number => 1 + record.aliases.length;
const NONE: Usage = { items: 0, bytes: 0 };
const add = (a: Usage, b: Usage): Usage => ({ items: a.items + b.items, bytes: a.bytes + b.bytes });
const sub = (a: Usage, b: Usage): Usage => ({ items: a.items - b.items, bytes: a.bytes - b.bytes });
const recordCost = (record: AccountRecord, json: string): Usage => ({
  items: weigh(record),
  bytes: utf8Length(json),
});

/**
 * One write, computed in process from a snapshot and applied by one Lua script (optimistic
 * concurrency). Every state the write read becomes a guard: the script applies the write only
 * if each guarded state is still byte-for-byte what was read, and otherwise changes nothing, so
 * the caller computes it again from a fresh snapshot. Caps and the budget become bounds on the
 * counters. Domain rules (validation, records, messages) stay in TypeScript, shared with the
 * in-memory store; Lua only checks the guards and does the overlay's bookkeeping.
 */
const MARKER: Usage = { items: 1, bytes: MARKER_BYTES };

/** What the budget counts: what the tenant holds beyond what it shares with the fixture. */
const countedOf = (raw: Usage, shared: Usage): Usage => ({
  items: Math.max(0, raw.items - shared.items),
  bytes: Math.max(0, raw.bytes - shared.bytes),
});

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

export class Tx {
  readonly ctx: TenantContext;
  #base: Counters | undefined;
  #na = 0;
  #nc = 0;
  /** What this transaction's writes change the tenant's raw usage by. */
  #delta: Usage = NONE;
  #budgetChecked = false;
  #cleared = false;
  /** `<kind> <id>` -> the state string Lua reports for it, as first read (the guards). */
  readonly #read = new Map<string, { kind: 'a' | 'c'; id: string; arg: string; raw: string }>();
  readonly #accounts = new Map<string, AccountState>();
  readonly #customers = new Map<string, CustomerState>();
  readonly #bounds: string[][] = [];
  readonly #ops: string[][] = [];
  /** Whether the server's fixture was applied to the tenant, as of the first read. */
  fixtured = false;

  constructor(ctx: TenantContext) {
    this.ctx = ctx;
  }

  get writes(): number {
    return this.#ops.length;
  }

  /** Reads the states of these ids (those not read yet) and the counters, in one round trip. */
  async load(accounts: readonly string[], customers: readonly string[] = []): Promise<void> {
    const slots: { kind: 'a' | 'c'; id: string; arg: string }[] = [];
    // After a clear in this transaction nothing in Redis matters: every id not written since is absent.
    if (this.#cleared) return;
    for (const id of accounts)
      if (!this.#accounts.has(id)) slots.push({ kind: 'a', id, arg: String(groupOf(this.ctx.baseline, id)) });
    for (const id of customers)
      if (!this.#customers.has(id))
        slots.push({ kind: 'c', id, arg: this.ctx.baseline.customers.find(id) >= 0 ? '1' : '0' });
    if (slots.length === 0 && this.#base !== undefined) return;
    const reply = (await this.ctx.port.run('peek', this.ctx.keys, [
      this.ctx.tenant,
      this.ctx.idleMs,
      this.ctx.baseline.accountCount,
      this.ctx.baseline.customers.size,
      ...slots.flatMap((slot) => [slot.kind, slot.id, slot.arg]),
    ])) as (string | number)[];
    if (this.#base === undefined) {
      const at = (i: number) => Number(reply[i]);
      this.#base = {
        na: at(0),
        nc: at(1),
        raw: { items: at(2), bytes: at(3) },
        shared: { items: at(4), bytes: at(5) },
        used: { items: at(6), bytes: at(7) },
        extra: { items: at(8), bytes: at(9) },
      };
      this.fixtured = at(11) === 1;
    }
    for (const [i, slot] of slots.entries()) {
      const raw = String(reply[12 + i]);
      this.#read.set(`${slot.kind} ${slot.id}`, { ...slot, raw });
      if (slot.kind === 'a')
        this.#accounts.set(slot.id, decodeAccount(this.ctx.baseline, slot.id, Number(slot.arg), raw));
      else this.#customers.set(slot.id, decodeCustomer(this.ctx.baseline, slot.id, slot.arg === '1', raw));
    }
  }

  /** An id's state, after `load` (or a local clear). */
  account(id: string): AccountState {
    const known = this.#accounts.get(id);
    if (known !== undefined) return known;
    if (this.#cleared) return { state: 'A', group: groupOf(this.ctx.baseline, id) };
    throw new Error(`tx: account ${id} read before load`);
  }

  customer(id: string): CustomerState {
    const known = this.#customers.get(id);
    if (known !== undefined) return known;
    if (this.#cleared) return { state: 'A', seeded: this.ctx.baseline.customers.find(id) >= 0 };
    throw new Error(`tx: customer ${id} read before load`);
  }

  get accountCount(): number {
    return this.#counters().na + this.#na;
  }

  get customerCount(): number {
    return this.#counters().nc + this.#nc;
  }

  /** Whether `size + extra < max` accounts (the create check), guarding the answer when yes. */
  accountsFit(extra: number, max: number): boolean {
    if (this.accountCount + extra >= max) return false;
    this.#bounds.push(['NA', String(max - extra - 1 - this.#na), '', '']);
    return true;
  }

  customersFit(max: number): boolean {
    if (this.customerCount >= max) return false;
    this.#bounds.push(['NC', String(max - 1 - this.#nc), '', '']);
    return true;
  }

  /** How setting `id` to `record` changes the tenant's usage (`LayeredIndex.costOfSet`). */
  costOfSetAccount(id: string, record: AccountRecord): Usage {
    const before = this.account(id);
    const cost = recordCost(record, JSON.stringify(record));
    if (before.state === 'L') return sub(cost, recordCost(before.record, before.json));
    if (before.state === 'T') return sub(cost, MARKER);
    return cost;
  }

  /** How deleting `id` changes it: a record goes, a marker comes when a seeded account shows. */
  costOfDeleteAccount(id: string): Usage {
    const before = this.account(id);
    const marker = before.state === 'B' || (before.state === 'L' && before.overBase) ? MARKER : NONE;
    return before.state === 'L' ? sub(marker, recordCost(before.record, before.json)) : marker;
  }

  costOfSetCustomer(id: string, record: CustomerRecord): Usage {
    const before = this.customer(id);
    const cost = { items: 1, bytes: utf8Length(JSON.stringify(record)) };
    if (before.state === 'L') return sub(cost, { items: 1, bytes: utf8Length(before.json) });
    if (before.state === 'T') return sub(cost, MARKER);
    return cost;
  }

  /**
   * The budget limit growing by `costs` would pass (budget.ts's `Meter.check`, against the
   * snapshot), or undefined; then the commit checks the total again against Redis's counters.
   */
  checkBudget(...costs: Usage[]): LimitHit | undefined {
    const delta = costs.reduce(add, NONE);
    if (delta.items <= 0 && delta.bytes <= 0) return undefined;
    const base = this.#counters();
    const budget = new Budget(this.ctx.limits);
    Object.assign(budget.used, base.used);
    Object.assign(budget.extra, base.extra);
    const counted = countedOf(base.raw, base.shared);
    const from = countedOf(add(base.raw, this.#delta), base.shared);
    const hit = budget.check(counted, from, add(from, delta));
    if (hit === undefined) this.#budgetChecked = true;
    return hit;
  }

  setAccount(id: string, record: AccountRecord): void {
    const before = this.account(id);
    this.#delta = add(this.#delta, this.costOfSetAccount(id, record));
    if (before.state === 'T' || before.state === 'A') this.#na++;
    const json = JSON.stringify(record);
    const overBase = before.state === 'B' || (before.state === 'L' && before.overBase);
    this.#accounts.set(id, { state: 'L', record, json, overBase, group: before.group });
    this.#ops.push(['AS', id, String(before.group), json, '']);
  }

  /** Deletes a present account. (Counters are not followed past a customer's cascade: no check comes after one.) */
  deleteAccount(id: string): void {
    const before = this.account(id);
    this.#delta = add(this.#delta, this.costOfDeleteAccount(id));
    this.#na--;
    this.#accounts.set(id, { state: 'T', group: before.group });
    this.#ops.push(['AD', id, String(before.group), '', '']);
  }

  addOwner(key: string): void {
    this.#ops.push(['O+', key, '', '', '']);
  }

  removeOwner(key: string): void {
    this.#ops.push(['O-', key, '', '', '']);
  }

  setCustomer(id: string, record: CustomerRecord): void {
    const before = this.customer(id);
    this.#delta = add(this.#delta, this.costOfSetCustomer(id, record));
    if (before.state === 'T' || before.state === 'A') this.#nc++;
    const json = JSON.stringify(record);
    this.#customers.set(id, { state: 'L', record, json, seeded: before.seeded });
    this.#ops.push(['CS', id, before.seeded ? '1' : '0', json, '']);
  }

  /**
   * Deletes a customer with its accounts: those created for it (by owner-key prefix) and, for a
   * seeded customer, its seeded group, all inside the same script.
   */
  deleteCustomer(id: string, ownerPrefix: string, seedIndex: number | undefined): void {
    const before = this.customer(id);
    const group = seedIndex ?? -1;
    const size = group >= 0 ? (this.ctx.baseline.accounts.groups?.sizeOf(group) ?? 0) : 0;
    this.#ops.push(['CC', ownerPrefix, id, String(group), String(size)]);
    this.#ops.push(['CD', id, before.seeded ? '1' : '0', '', '']);
    this.#customers.set(id, { state: 'T', seeded: before.seeded });
  }

  /** Empties the tenant, seeded data included; guarded by the usage it releases. */
  async clear(): Promise<void> {
    await this.load([]);
    const base = this.#counters();
    this.#bounds.push(['W', String(base.raw.items), String(base.raw.bytes), '']);
    this.#delta = { items: -base.raw.items, bytes: -base.raw.bytes };
    this.#na = -base.na;
    this.#nc = -base.nc;
    this.#cleared = true;
    this.#accounts.clear();
    this.#customers.clear();
    this.#read.clear();
    this.#ops.push(['CLR', '', '', '', '']);
  }

  /** Marks the tenant as holding the server's fixture, guarded by its not holding it yet. */
  markFixtured(): void {
    this.#bounds.push(['FX', '', '', '']);
    this.#ops.push(['FXS', '', '', '', '']);
  }

  /** Applies the write if every guard holds: true, or false when it must be computed again. */
  async commit(prefix: string): Promise<boolean> {
    if (this.#ops.length === 0) return true;
    const guards = [
      ...[...this.#read.values()].map((slot) => [
        slot.kind === 'a' ? 'SA' : 'SC',
        slot.id,
        slot.arg,
        slot.raw,
      ]),
      ...this.#bounds,
      // The budget again, with Redis's counters as they are at the commit.
      ...(this.#budgetChecked ? [['BG', String(this.#delta.items), String(this.#delta.bytes), '']] : []),
    ];
    const reply = (await this.ctx.port.run('commit', this.ctx.keys, [
      this.ctx.tenant,
      this.ctx.idleMs,
      this.ctx.baseline.accountCount,
      this.ctx.baseline.customers.size,
      prefix,
      ...limitArgs(this.ctx.limits),
      guards.length,
      ...guards.flat(),
      ...this.#ops.flat(),
    ])) as string[];
    return reply[0] === 'OK';
  }

  #counters(): Counters {
    if (this.#base === undefined) throw new Error('tx: counters read before load');
    return this.#base;
  }
}
