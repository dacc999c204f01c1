import type { Baseline } from '../baseline.ts';
import type { AccountRecord, CustomerRecord } from '../records.ts';

/**
 * L: a live overlay record (`json` as stored; `overBase` when it covers a seeded account still
 * visible, so deleting it leaves a marker); B: an untouched seeded one; T: a deleted seeded one;
 * A: absent.
 */
export type AccountState =
  | { state: 'L'; record: AccountRecord; json: string; overBase: boolean; group: number }
  | { state: 'B'; record: AccountRecord; group: number }
  | { state: 'T' | 'A'; group: number };
export type CustomerState =
  | { state: 'L'; record: CustomerRecord; json: string; seeded: boolean }
  | { state: 'B'; record: CustomerRecord; seeded: boolean }
  | { state: 'T' | 'A'; seeded: boolean };

/** Which seeded group (customer) an account id belongs to; -1 when it is not a seeded id. */
export function groupOf(baseline: Baseline, id: string): number {
  const position = baseline.accounts.find(id);
  if (position < 0) return -1;
  return baseline.accounts.groups?.of(position) ?? -1;
}

/** A state as the peek script reports it (`L<json>`, `M<json>`, `B`, `T`, `A`), with its record. */
export function decodeAccount(baseline: Baseline, id: string, group: number, raw: string): AccountState {
  const state = raw.charAt(0);
  if (state === 'L' || state === 'M') {
    const json = raw.slice(1);
    return { state: 'L', record: JSON.parse(json) as AccountRecord, json, overBase: state === 'M', group };
  }
  if (state === 'B')
    return { state: 'B', record: baseline.accounts.valueAt(baseline.accounts.find(id)), group };
  return { state: state === 'T' ? 'T' : 'A', group };
}

export function decodeCustomer(baseline: Baseline, id: string, seeded: boolean, raw: string): CustomerState {
  const state = raw.charAt(0);
  if (state === 'L') {
    const json = raw.slice(1);
    return { state: 'L', record: JSON.parse(json) as CustomerRecord, json, seeded };
  }
  if (state === 'B') {
    return { state: 'B', record: baseline.customers.valueAt(baseline.customers.find(id)), seeded };
  }
  return { state: state === 'T' ? 'T' : 'A', seeded };
}
