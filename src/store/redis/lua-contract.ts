/**
 * What the TypeScript side and the Lua scripts agree on, declared once and read by both: the keys
 * every script takes (in order), the guards and operations a commit carries, and its reply codes.
 * The scripts are built from these constants (lua-prelude.ts, lua-scripts.ts), and a test runs
 * them against a real Redis to tie each name to its meaning.
 */

/**
 * A tenant's keys, all under its hash tag `{t:<hash>}` (one Redis Cluster slot). A record's
 * member is `<collection>:<id>`: collection names hold no `:`, and Redis sorts members of equal
 * score by bytes, which for UTF-8 is code-point order, the store's id order.
 */
export const TENANT_KEYS = {
  records: 'r', // hash: member -> "<budget weight> <record JSON>" (created or changed records)
  live: 'i', // sorted set, all scores 0: members of the live overlay records
  deleted: 'd', // sorted set: members of seeded records the tenant deleted (markers)
  shadows: 's', // sorted set: "<collection>:<group> <id>" of overlay entries over grouped seeded items
  seeded: 'g', // hash: member -> its seed argument (see SEED), for overlay records over seeded ids
  owned: 'o', // sorted set: owner keys (data-set.ts `ownerKey`) of records with an owner
  hidden: 'h', // set: "<collection>:<group>" of seeded groups hidden whole by an owner's delete
  meta: 'm', // hash: n:<collection> (count minus the base's), w, b, sw, sb, cleared, fx
} as const;

/** The server-wide keys: the budget's and the tenant registry's. */
export const GLOBAL_KEYS = {
  registry: 'tenants', // sorted set: tenant hash -> idle deadline (ms)
  weights: 'weights', // hash: tenant hash -> "<items> <bytes>" it holds, counted by the budget
  used: 'used', // hash: i, b (what all tenants hold), xi, xb (beyond their guaranteed share)
} as const;

/**
 * How a script is told whether an id is seeded (the baseline lives in each process, never in
 * Redis): not seeded, seeded in no group, or seeded in group N (any other value).
 */
export const SEED = { none: '', ungrouped: '*' } as const;

/** A commit's guards: each checked before any write, as (kind, a, b, c, d). */
export const GUARD = {
  /** The record (collection, id, seed) still reads as the state string it was read as. */
  state: 'S',
  /** The collection (collection, bound, base size) holds at most `bound` items. */
  count: 'N',
  /** The tenant's usage is still (items, bytes): what a clear releases. */
  usage: 'W',
  /** The tenant does not hold the server's fixture yet. */
  unfixtured: 'FX',
  /** The write's growth (items, bytes) fits the budget with the counters as they are now. */
  budget: 'BG',
} as const;
export const GUARD_WIDTH = 5;

/** A commit's operations, as (op, a, b, c, d, e). */
export const OP = {
  /** (collection, id, seed, weight, JSON) */
  put: 'PUT',
  /** (collection, id, seed) */
  remove: 'DEL',
  /** (owner key) */
  own: 'O+',
  disown: 'O-',
  /** (collection, owner prefix, group or '', group size): what an owner owned, on its delete. */
  cascade: 'CAS',
  clear: 'CLR',
  fixtured: 'FXS',
} as const;
export const OP_WIDTH = 6;

/** What a commit answers: applied, or a guard failed (then its position follows). */
export const REPLY = { applied: 'OK', conflict: 'CONFLICT' } as const;

/** A record's state as a snapshot reports it and a guard compares it (before its JSON, if any). */
export const STATE = {
  /** A live overlay record over no visible seeded item. */
  live: 'L',
  /** A live overlay record over a visible seeded item (deleting it leaves a marker). */
  masking: 'M',
  /** A seeded item the tenant has not touched, visible. */
  base: 'B',
  /** A seeded item the tenant deleted. */
  tombstone: 'T',
  absent: 'A',
} as const;

/** What a deletion marker costs in bytes (record-size.ts's MARKER_BYTES, which Lua counts too). */
export { MARKER_BYTES } from '../record-size.ts';

/** The Lua locals naming the keys, in `KEYS` order: tenant keys, then global ones. */
export const LUA_KEY_LOCALS = [
  ...Object.keys(TENANT_KEYS).map((name, i) => `local K_${name} = KEYS[${i + 1}]`),
  ...Object.keys(GLOBAL_KEYS).map(
    (name, i) => `local K_${name} = KEYS[${Object.keys(TENANT_KEYS).length + i + 1}]`,
  ),
  `local TENANT_KEY_COUNT = ${Object.keys(TENANT_KEYS).length}`,
].join('\n');
