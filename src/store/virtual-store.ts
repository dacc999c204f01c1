import type { Result } from '../shared/result.ts';
import type { AccountStore } from './account-store.ts';
import type { DomainError } from './errors.ts';
import { STORE_OPS } from './ops/index.ts';

interface Wiring {
  /** The shared starting store, which nothing writes. */
  readonly start: AccountStore;
  /** Makes a store the key's (may refuse: the tenants are full). */
  readonly install: (store: AccountStore) => Result<true, DomainError>;
  /** The key's store if one was installed since this view was handed out. */
  readonly live: () => AccountStore | undefined;
}

const WIRING = Symbol('wiring');
type View = { readonly [WIRING]: Wiring };
type Method = (...args: unknown[]) => unknown;

const reader = (view: View): AccountStore => view[WIRING].live() ?? view[WIRING].start;

function writeWith(view: View, name: string, args: unknown[]): unknown {
  const { live, start, install } = view[WIRING];
  const current = live();
  if (current !== undefined) return (current[name as keyof AccountStore] as Method)(...args);
  const draft = start.fork();
  const result = (draft[name as keyof AccountStore] as Method)(...args) as Result<unknown, DomainError>;
  if (!result.ok) return result;
  const installed = install(draft);
  return installed.ok ? result : installed;
}

/**
 * The methods of every view, made once from the op table (one view is made per request of a key
 * that never wrote, so they live on a shared prototype, not on each view).
 */
const prototype: Record<string, Method> = {
  fork(this: View) {
    return reader(this).fork();
  },
};
for (const [name, op] of Object.entries(STORE_OPS)) {
  prototype[name] =
    op.kind === 'read'
      ? function (this: View, ...args) {
          return (reader(this)[name as keyof AccountStore] as Method)(...args);
        }
      : function (this: View, ...args) {
          return writeWith(this, name, args);
        };
}

/**
 * The store of a key that has not written: reads go to the shared starting store; a write runs
 * on an O(1) fork of it, and only a successful write installs the fork as the key's store. So
 * reading costs no entry, and a failed write (a 404, a duplicate) none either. (Clearing is a
 * write too: an empty tenant is data.)
 */
export function createVirtualStore(wiring: Wiring): AccountStore {
  const view = Object.create(prototype) as View & AccountStore;
  Object.defineProperty(view, WIRING, { value: wiring });
  return view;
}
