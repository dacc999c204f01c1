import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { GLOBAL_KEYS, TENANT_KEYS } from './lua-contract.ts';

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
  /** The global keys, alone (the `KEYS` of the scripts about every tenant). */
  readonly globals: readonly string[];
  readonly fingerprintKey: string;
  readonly logKey: string;
}

export function createKeySpace(prefix = 'togai:', shared = false): KeySpace {
  const globals = Object.values(GLOBAL_KEYS).map((suffix) => `${prefix}${suffix}`);
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
      ...Object.values(TENANT_KEYS).map((suffix) => `${prefix}{t:${tenant}}:${suffix}`),
      ...globals,
    ],
    globals,
    fingerprintKey: `${prefix}fingerprint`,
    logKey: `${prefix}log`,
  };
}
