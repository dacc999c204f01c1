import type { Result } from '../../../src/shared/result.ts';
import { type Baseline, type BaselineOptions, createBaseline } from '../../../src/store/baseline.ts';
import type { Usage } from '../../../src/store/budget.ts';
import type { DomainError } from '../../../src/store/errors.ts';
import type { StoreApi } from '../../../src/store/ops/index.ts';
import type { TenancyOptions } from '../../../src/store/tenancy.ts';
import type { CreateAccountInput } from '../../../src/store/types.ts';

type Awaitable<T> = T | Promise<T>;

/** The Togai ops as a case calls them: at once (in memory) or with a Promise (Redis); cases await each. */
export type CaseOps = {
  readonly [K in keyof StoreApi]: (...args: Parameters<StoreApi[K]>) => Awaitable<ReturnType<StoreApi[K]>>;
};

/** A tenant's store; `fork` gives a draft to commit with `CaseTenants.set`. */
export type CaseStore = CaseOps & { fork(): CaseOps };

/** The clock and the alias ids a store stamps, injected so answers are literal. */
export interface CaseStoreOptions {
  now?: () => Date;
  randomUUID?: () => string;
}

/**
 * Tenancy options both stores honour alike. Left out: `idleMs` and `evictIdleMs` (expiry runs on
 * Redis's own clock there, not an injected one).
 */
export type CaseTenancyOptions = Omit<TenancyOptions, 'idleMs' | 'evictIdleMs'> &
  CaseStoreOptions & {
    /** Accounts every tenant starts with: the in-memory `template`, the Redis `fixture`. */
    fixtureAccounts?: readonly CreateAccountInput[];
  };

/** Tenants over one baseline, with a budget: `createTenants` or `createRedisTenants`. */
export interface CaseTenants {
  get(token: string): CaseStore;
  /** Commits a draft made by `get(token).fork()`. */
  set(token: string, draft: CaseOps): Awaitable<Result<true, DomainError>>;
  reset(token: string): Awaitable<void>;
  resetAll(): Awaitable<void>;
  /** Tenants holding data. */
  size(): Awaitable<number>;
  /** What all tenants hold, in budget units. */
  stored(): Awaitable<Usage>;
}

/**
 * One way to run the store, for the shared store suite (like test/cases/adapter.ts for the mock):
 * every call opens a store no other case sees.
 */
export interface StoreRunner {
  name: string;
  /** One tenant's store over a new baseline, with no server-wide budget beyond the defaults. */
  openStore(baseline: BaselineOptions, options?: CaseStoreOptions): CaseStore;
  openTenants(baseline: BaselineOptions, options?: CaseTenancyOptions): CaseTenants;
}

/** A suite of store cases, defined once, run by every store's runner file. */
export interface StoreCaseSuite {
  name: string;
  define(runner: StoreRunner): void;
}

const baselines = new Map<string, Baseline>();

/** The baseline of these options, built once per file: baselines are immutable, so cases share them. */
export function baselineOf(options: BaselineOptions): Baseline {
  const key = JSON.stringify(options);
  let baseline = baselines.get(key);
  if (baseline === undefined) {
    baseline = createBaseline(options);
    baselines.set(key, baseline);
  }
  return baseline;
}

/** The first seeded customer's id, read through the store (every case's owner of new accounts). */
export const firstCustomerOf = async (store: CaseOps): Promise<string> =>
  (await store.listCustomers({ order: 'ASC', limit: 1 })).items[0]?.id as string;
