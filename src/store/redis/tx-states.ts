import type { Baseline } from '../baseline.ts';
import type { AccountRecord, CustomerRecord } from '../records.ts';

/** L: a live overlay record; B: an untouched seeded one; T: a deleted seeded one; A: absent. */
export type AccountState =
  | { state: 'L' | 'B'; record: AccountRecord; group: number }
  | { state: 'T' | 'A'; group: number };
export type CustomerState =
  | { state: 'L' | 'B'; record: CustomerRecord; seeded: boolean }
  | { state: 'T' | 'A'; seeded: boolean };

/** Which seeded group (customer) an account id belongs to; -1 when it is not a seeded id. */
export function groupOf(baseline: Baseline, id: string): number {
  const position = baseline.accounts.find(id);
  if (position < 0) return -1;
  return baseline.accounts.groups?.of(position) ?? -1;
}

/** A state as the peek script reports it (`L<json>`, `B`, `T`, `A`), with its record when present. */
export function decodeAccount(baseline: Baseline, id: string, group: number, raw: string): AccountState {
  const state = raw.charAt(0);
  if (state === 'L') return { state: 'L', record: JSON.parse(raw.slice(1)) as AccountRecord, group };
  if (state === 'B')
    return { state: 'B', record: baseline.accounts.valueAt(baseline.accounts.find(id)), group };
  return { state: state === 'T' ? 'T' : 'A', group };
}

export function decodeCustomer(baseline: Baseline, id: string, seeded: boolean, raw: string): CustomerState {
  const state = raw.charAt(0);
  if (state === 'L') return { state: 'L', record: JSON.parse(raw.slice(1)) as CustomerRecord, seeded };
  if (state === 'B') {
    return { state: 'B', record: baseline.customers.valueAt(baseline.customers.find(id)), seeded };
  }
  return { state: state === 'T' ? 'T' : 'A', seeded };
}
