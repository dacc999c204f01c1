import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { fail, ok, type Result } from '../../shared/result.ts';
import type { BudgetLimits } from '../budget.ts';
import type { RedisPort } from './redis-port.ts';

/** What the seeded baseline is a pure function of: instances sharing a Redis must agree on it. */
export interface BaselineIdentity {
  /** The spec document's text (or any stable serialization of it). */
  spec: string;
  seed: number;
  accounts: number;
  customers: number;
  maxAccounts: number;
  maxCustomers: number;
  /** The budget: every instance must hold tenants to the same limits. */
  limits?: BudgetLimits;
}

export function fingerprintOf(identity: BaselineIdentity): string {
  const { spec, limits, ...sizes } = identity;
  const specHash = bytesToHex(sha256(utf8ToBytes(spec))).slice(0, 16);
  const described = `seed=${sizes.seed} accounts=${sizes.accounts} customers=${sizes.customers} maxAccounts=${sizes.maxAccounts} maxCustomers=${sizes.maxCustomers}${
    limits
      ? ` budget=${limits.maxItems}/${limits.maxBytes}/${limits.tenantItems}/${limits.tenantBytes}/${limits.tenants}`
      : ''
  } spec=${specHash}`;
  return described;
}

/**
 * Records this instance's fingerprint in Redis, or checks it against the one recorded: overlays
 * made over another baseline would silently mean other records, so a mismatch is refused.
 */
export async function claimFingerprint(
  port: RedisPort,
  key: string,
  fingerprint: string,
): Promise<Result<'recorded' | 'matched', string>> {
  const held = await port.setIfAbsent(key, fingerprint);
  if (held === null) return ok('recorded');
  if (held === fingerprint) return ok('matched');
  return fail(
    `redis: this Redis holds tenants of another data set (${held}); this instance has ${fingerprint}. ` +
      'Start with the same spec, --seed, --accounts and --customers, use another Redis (or key prefix), ' +
      `or delete the key ${key} and every tenant under it`,
  );
}
