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
  w: number;
  used: number;
}

const weigh = (record: AccountRecord): number => 1 + record.aliases.length;

/**
 * One write, computed in process from a snapshot and applied by one Lua script (optimistic
 * concurrency). Every state the write read becomes a guard: the script applies the write only
 * if each guarded state is still byte-for-byte what was read, and otherwise changes nothing, so
 * the caller computes it again from a fresh snapshot. Caps and the budget become bounds on the
 * counters. Domain rules (validation, records, messages) stay in TypeScript, shared with the
 * in-memory store; Lua only checks the guards and does the overlay's bookkeeping.
 */
export class Tx {
  readonly ctx: TenantContext;
  #base: Counters | undefined;
  #na = 0;
  #nc = 0;
  #dw = 0;
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
      this.#base = {
        na: Number(reply[0]),
        nc: Number(reply[1]),
        w: Number(reply[2]),
        used: Number(reply[3]),
      };
      this.fixtured = Number(reply[5]) === 1;
    }
    for (const [i, slot] of slots.entries()) {
      const raw = String(reply[6 + i]);
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

  /** Whether `weight` more items fit the server-wide budget, guarding the answer when yes. */
  budgetFits(weight: number): boolean {
    const max = this.ctx.maxStoredItems;
    if (this.#counters().used + this.#dw + weight > max) return false;
    this.#bounds.push(['BU', String(max - weight - this.#dw), '', '']);
    return true;
  }

  setAccount(id: string, record: AccountRecord): void {
    const before = this.account(id);
    if (before.state === 'L') this.#dw -= weigh(before.record);
    else if (before.state === 'T') {
      this.#na++;
      this.#dw -= 1;
    } else if (before.state === 'A') this.#na++;
    this.#dw += weigh(record);
    this.#accounts.set(id, { state: 'L', record, group: before.group });
    this.#ops.push(['AS', id, String(before.group), JSON.stringify(record), '']);
  }

  /** Deletes a present account. Counters are not followed past a delete: no check comes after one. */
  deleteAccount(id: string): void {
    const before = this.account(id);
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
    // Mirrors cust_set: a record replaces a record or a marker (weight 1 for 1), else adds one.
    if (before.state === 'T' || before.state === 'A') this.#nc++;
    if (before.state === 'A' || before.state === 'B') this.#dw += 1;
    this.#customers.set(id, { state: 'L', record, seeded: before.seeded });
    this.#ops.push(['CS', id, before.seeded ? '1' : '0', JSON.stringify(record), '']);
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

  /** Empties the tenant, seeded data included; guarded by the weight it releases. */
  async clear(): Promise<void> {
    await this.load([]);
    const base = this.#counters();
    this.#bounds.push(['W', String(base.w), '', '']);
    this.#dw = -base.w;
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
    ];
    const reply = (await this.ctx.port.run('commit', this.ctx.keys, [
      this.ctx.tenant,
      this.ctx.idleMs,
      this.ctx.baseline.accountCount,
      this.ctx.baseline.customers.size,
      prefix,
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
