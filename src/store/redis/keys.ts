import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * Every key a script touches, in the order the Lua scripts read them (`KEYS[1]`…). A tenant's
 * keys share the hash tag `{t:<hash>}`, so on Redis Cluster they live in one slot and one script
 * may touch them all; the three global keys are the budget's and the tenant registry's.
 */
export const TENANT_KEY_SUFFIXES = [
  'a', // hash: account id -> record JSON (created or changed accounts)
  'ai', // sorted set, all scores 0: ids of the live overlay accounts, in byte (= code-point) order
  'ad', // sorted set: seeded account ids the tenant deleted
  'ash', // sorted set: "<group> <id>" of overlay entries over seeded accounts (what hiding a group visits)
  'ag', // hash: account id -> seeded group, for overlay accounts over seeded ids
  'own', // sorted set: "<customerId length>:<customerId>:<accountId>" of accounts created here
  'hg', // set: groups (seeded customers) hidden whole by a customer delete
  'c', // hash: customer id -> record JSON
  'ci', // sorted set: ids of the live overlay customers
  'cd', // sorted set: seeded customer ids the tenant deleted
  'm', // hash: na, nc (sizes), w (budget weight), cleared
] as const;

export const GLOBAL_KEY_SUFFIXES = [
  'tenants', // sorted set: tenant hash -> idle deadline (ms), for the budget's reclaim and `size`
  'weights', // hash: tenant hash -> what it holds in budget units
  'used', // string: what all tenants hold together
] as const;

const SHARED_TENANT = 'shared';

/** A short, non-reversible name of a bearer token: keys never hold the token itself. */
export function hashToken(token: string): string {
  return bytesToHex(sha256(utf8ToBytes(`togai-mock-tenant:${token}`))).slice(0, 32);
}

export interface KeySpace {
  /** Prefix of every key, e.g. `togai:`. */
  readonly prefix: string;
  /** The tenant's id: a hash of its token (or the one shared tenant). */
  tenantOf(token: string): string;
  /** The tenant's keys followed by the global ones: the `KEYS` of every script. */
  keysOf(tenant: string): string[];
  /** The three global keys, alone (the `KEYS` of the scripts about every tenant). */
  readonly globals: readonly string[];
  readonly fingerprintKey: string;
  readonly logKey: string;
}

export function createKeySpace(prefix = 'togai:', shared = false): KeySpace {
  const globals = GLOBAL_KEY_SUFFIXES.map((suffix) => `${prefix}${suffix}`);
  // Hashing costs ~2 µs; tokens repeat, so a small cache keeps it off the hot path.
  const cache = new Map<string, string>();
  return {
    prefix,
    tenantOf(token) {
      if (shared) return SHARED_TENANT;
      let tenant = cache.get(token);
      if (tenant === undefined) {
        tenant = hashToken(token);
        if (cache.size >= 10_000) cache.clear();
        cache.set(token, tenant);
      }
      return tenant;
    },
    keysOf: (tenant) => [
      ...TENANT_KEY_SUFFIXES.map((suffix) => `${prefix}{t:${tenant}}:${suffix}`),
      ...globals,
    ],
    globals,
    fingerprintKey: `${prefix}fingerprint`,
    logKey: `${prefix}log`,
  };
}
