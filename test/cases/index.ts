import { describe } from 'vitest';
import { accountsCrudCases } from './accounts-crud.case.ts';
import type { Adapter, CaseSuite } from './adapter.ts';
import { badInputCases } from './bad-input.case.ts';
import { concurrencyCases } from './concurrency.case.ts';
import { faultsCases } from './faults.case.ts';
import { paginationCases } from './pagination.case.ts';
import { propertiesCases } from './properties.case.ts';
import { requestsCases } from './requests.case.ts';
import { sandboxCases } from './sandbox.case.ts';
import { tenantLimitsCases } from './tenant-limits.case.ts';
import { tokensCases } from './tokens.case.ts';

export type { Adapter, CaseOptions, CaseSuite } from './adapter.ts';

/**
 * Every shared suite, in the order the adapters run them. A new `*.case.ts` goes here; the test
 * in test/adapters/http.test.ts fails while one is missing.
 */
export const ALL_CASES: readonly CaseSuite[] = [
  requestsCases,
  accountsCrudCases,
  paginationCases,
  sandboxCases,
  faultsCases,
  badInputCases,
  tokensCases,
  tenantLimitsCases,
  concurrencyCases,
  propertiesCases,
];

/** Defines every shared suite for one adapter, each in its own `describe`. */
export function describeAllCases(adapter: Adapter): void {
  for (const suite of ALL_CASES) describe(`${adapter.name}: ${suite.name}`, () => suite.define(adapter));
}
