import type { LimitHit, Usage } from '../budget.ts';
import { collectionOf } from '../data-set.ts';
import { NotLoaded, type Ref, type StoreTx } from '../port.ts';
import { utf8Length } from '../record-size.ts';
import type { Page, PageQuery } from '../types.ts';
import { GUARD, OP, OP_WIDTH, REPLY, SEED, STATE } from './lua-contract.ts';
import { cascadeOps, ownerOps } from './owner-ops.ts';
import { readPage } from './read-page.ts';
import {
  baseShows,
  costOfPut,
  costOfRemove,
  decodeState,
  isPresent,
  type RecordState,
  seedOf,
} from './record-state.ts';
import { checkGrowth, limitArgs, parseSnapshot, type Snapshot } from './snapshot.ts';
import type { TenantContext } from './tenant-context.ts';

const NONE: Usage = { items: 0, bytes: 0 };
const add = (a: Usage, b: Usage): Usage => ({ items: a.items + b.items, bytes: a.bytes + b.bytes });
const slot = (collection: string, id: string): string => `${collection}:${id}`;
const pageKey = (collection: string, query: PageQuery): string =>
  `${collection} ${query.order} ${query.limit} ${query.within ?? ''} ${query.after ?? ''}`;

/**
 * The port over a snapshot of one tenant in Redis. A read of what is not loaded yet throws
 * `NotLoaded` (the runner loads it and runs the op again); every record read becomes a guard of the
 * commit, which applies the queued writes in one script only if each guarded state is still what
 * was read, and otherwise changes nothing, so the op is computed again from a fresh snapshot.
 * Caps and the budget become bounds on the counters. Domain rules stay in the ops; Lua only
 * checks the guards and keeps the overlay's bookkeeping.
 */
export class RedisTx implements StoreTx {
  readonly ctx: TenantContext;
  #snapshot: Snapshot | undefined;
  /** Whether the server's fixture was applied to the tenant, as of the first read. */
  fixtured = false;
  readonly #states = new Map<string, RecordState>();
  /** `<collection>:<id>` -> the guard of what was first read. */
  readonly #guards = new Map<string, string[]>();
  readonly #pages = new Map<string, Page<object>>();
  readonly #bounds: string[][] = [];
  readonly #ops: string[][] = [];
  readonly #added = new Map<string, number>();
  #delta: Usage = NONE;
  /** `#delta` as of the last budget check: a draft's next op grows from there. */
  #checked: Usage = NONE;
  #budgetChecked = false;
  #cleared = false;

  constructor(ctx: TenantContext) {
    this.ctx = ctx;
  }

  get data() {
    return this.ctx.data;
  }

  get writes(): number {
    return this.#ops.length;
  }

  /** Reads the states of these records (those not read yet) and the counters, in one round trip. */
  async load(refs: readonly Ref[]): Promise<void> {
    // After a clear in this transaction nothing in Redis matters: every id not written since is absent.
    if (this.#cleared) return;
    const wanted = refs
      .filter((ref) => !this.#states.has(slot(ref.collection, ref.id)))
      .map((ref) => ({ ...ref, seed: seedOf(collectionOf(this.data, ref.collection), ref.id) }));
    if (wanted.length === 0 && this.#snapshot !== undefined) return;
    const reply = (await this.ctx.port.run('peek', this.ctx.keys, [
      this.ctx.tenant,
      this.ctx.idleMs,
      ...wanted.flatMap((ref) => [ref.collection, ref.id, ref.seed]),
    ])) as unknown[];
    const parsed = parseSnapshot(reply);
    if (this.#snapshot === undefined) {
      this.#snapshot = parsed.snapshot;
      this.fixtured = parsed.snapshot.fixtured;
    }
    for (const [i, ref] of wanted.entries()) {
      const raw = parsed.states[i] ?? STATE.absent;
      const key = slot(ref.collection, ref.id);
      this.#guards.set(key, [GUARD.state, ref.collection, ref.id, ref.seed, raw]);
      this.#states.set(key, decodeState(collectionOf(this.data, ref.collection), ref.id, raw));
    }
  }

  /** Reads one page (one round trip, more only when many seeded items were deleted in its range). */
  async loadPage(collection: string, query: PageQuery): Promise<void> {
    const read = await readPage(this.ctx, collectionOf(this.data, collection), query);
    if (this.#pages.size === 0 && this.#snapshot === undefined) this.fixtured = read.fixtured;
    this.#pages.set(pageKey(collection, query), read.page);
  }

  get(collection: string, id: string): object | undefined {
    const state = this.#state(collection, id);
    return isPresent(state) ? state.record : undefined;
  }

  count(collection: string): number {
    const snapshot = this.#loaded();
    const base = this.#cleared || snapshot.cleared ? 0 : collectionOf(this.data, collection).base.size;
    const counted = this.#cleared ? 0 : base + (snapshot.counts.get(collection) ?? 0);
    return counted + (this.#added.get(collection) ?? 0);
  }

  fits(collection: string, extra = 0): boolean {
    const { cap, base } = collectionOf(this.data, collection);
    if (this.count(collection) + extra >= cap) return false;
    // The answer holds while the committed count stays within what was left.
    const bound = cap - extra - 1 - (this.#added.get(collection) ?? 0);
    if (!this.#cleared) this.#bounds.push([GUARD.count, collection, String(bound), String(base.size), '']);
    return true;
  }

  page(collection: string, query: PageQuery): Page<object> {
    if (this.#ops.length > 0) throw new Error('store: a page read after a write');
    const page = this.#pages.get(pageKey(collection, query));
    if (page === undefined) throw new NotLoaded({ kind: 'page', collection, query });
    return page;
  }

  put(collection: string, id: string, record: object): void {
    const before = this.#state(collection, id);
    const owner = collectionOf(this.data, collection);
    const json = JSON.stringify(record);
    const cost = { items: owner.weigh(record), bytes: utf8Length(json) };
    this.#delta = add(this.#delta, costOfPut(before, cost));
    if (!isPresent(before)) this.#count(collection, 1);
    this.#states.set(slot(collection, id), {
      state: baseShows(before) ? STATE.masking : STATE.live,
      record,
      cost,
    });
    this.#op(OP.put, collection, id, this.#seed(collection, id), String(cost.items), json);
    for (const op of ownerOps(owner, id, isPresent(before) ? before.record : undefined, record))
      this.#op(...op);
  }

  remove(collection: string, id: string): void {
    const before = this.#state(collection, id);
    if (!isPresent(before)) throw new Error(`store: removing ${collection} ${id}, which the op did not find`);
    const owner = collectionOf(this.data, collection);
    this.#delta = add(this.#delta, costOfRemove(before));
    this.#count(collection, -1);
    this.#states.set(slot(collection, id), { state: baseShows(before) ? STATE.tombstone : STATE.absent });
    this.#op(OP.remove, collection, id, this.#seed(collection, id));
    for (const op of ownerOps(owner, id, before.record, undefined)) this.#op(...op);
    for (const op of cascadeOps(this.data, collection, id, before.record)) this.#op(...op);
  }

  /** Empties the tenant, seeded data included; guarded by the usage it releases. */
  clear(): void {
    const snapshot = this.#loaded();
    this.#bounds.push([GUARD.usage, String(snapshot.usage.items), String(snapshot.usage.bytes), '', '']);
    this.#delta = { items: -snapshot.usage.items, bytes: -snapshot.usage.bytes };
    this.#cleared = true;
    this.#added.clear();
    this.#states.clear();
    this.#guards.clear();
    this.#op(OP.clear);
  }

  now(): Date {
    return this.ctx.now();
  }

  newId(): string {
    return this.ctx.randomUUID();
  }

  /** Marks the tenant as holding the server's fixture, guarded by its not holding it yet. */
  markFixtured(): void {
    this.#bounds.push([GUARD.unfixtured, '', '', '', '']);
    this.#op(OP.fixtured);
  }

  /**
   * The budget limit the queued writes would pass (budget.ts's `Meter.check`, against the
   * snapshot), or undefined; then the commit checks the total again against Redis's counters.
   */
  checkBudget(): LimitHit | undefined {
    const before = this.#checked;
    const after = this.#delta;
    if (after.items - before.items <= 0 && after.bytes - before.bytes <= 0) {
      this.#checked = after;
      return undefined;
    }
    const hit = checkGrowth(this.ctx.limits, this.#loaded(), before, after);
    if (hit === undefined) {
      this.#checked = after;
      this.#budgetChecked = true;
    }
    return hit;
  }

  /** Applies the writes if every guard holds: true, or false when the op must be computed again. */
  async commit(): Promise<boolean> {
    if (this.#ops.length === 0) return true;
    const guards = [
      ...this.#guards.values(),
      ...this.#bounds,
      // The budget again, with Redis's counters as they are at the commit.
      ...(this.#budgetChecked
        ? [[GUARD.budget, String(this.#delta.items), String(this.#delta.bytes), '', '']]
        : []),
    ];
    const reply = (await this.ctx.port.run('commit', this.ctx.keys, [
      this.ctx.tenant,
      this.ctx.idleMs,
      this.ctx.keySpace.prefix,
      ...limitArgs(this.ctx.limits),
      guards.length,
      ...guards.flat(),
      ...this.#ops.flat(),
    ])) as string[];
    return reply[0] === REPLY.applied;
  }

  #state(collection: string, id: string): RecordState {
    const known = this.#states.get(slot(collection, id));
    if (known !== undefined) return known;
    if (this.#cleared) return { state: STATE.absent };
    throw new NotLoaded({ kind: 'records', refs: [{ collection, id }] });
  }

  #seed(collection: string, id: string): string {
    return this.#cleared ? SEED.none : seedOf(collectionOf(this.data, collection), id);
  }

  #loaded(): Snapshot {
    if (this.#snapshot === undefined) throw new NotLoaded({ kind: 'records', refs: [] });
    return this.#snapshot;
  }

  #count(collection: string, delta: number): void {
    this.#added.set(collection, (this.#added.get(collection) ?? 0) + delta);
  }

  #op(...fields: string[]): void {
    while (fields.length < OP_WIDTH) fields.push('');
    this.#ops.push(fields);
  }
}
