import { describe } from 'vitest';
import { accountsCases } from './accounts.case.ts';
import { aliasesCases } from './aliases.case.ts';
import { budgetCases } from './budget.case.ts';
import { byteBudgetCases } from './byte-budget.case.ts';
import { clearAndDraftsCases } from './clear-and-drafts.case.ts';
import { clientIdsCases } from './client-ids.case.ts';
import { customersCases } from './customers.case.ts';
import { deleteSeededCustomerCases } from './delete-seeded-customer.case.ts';
import { paginationCases } from './pagination.case.ts';
import { paginationModelCases } from './pagination-model.case.ts';
import type { StoreCaseSuite, StoreRunner } from './store-runner.ts';
import { tenantsCases } from './tenants.case.ts';

export type { StoreCaseSuite, StoreRunner } from './store-runner.ts';

/**
 * Every shared store suite, in the order the runners run them. A new `*.case.ts` goes here; the
 * test in test/store/memory-store-cases.test.ts fails while one is missing.
 */
export const ALL_STORE_CASES: readonly StoreCaseSuite[] = [
  accountsCases,
  aliasesCases,
  customersCases,
  clientIdsCases,
  deleteSeededCustomerCases,
  clearAndDraftsCases,
  paginationCases,
  paginationModelCases,
  tenantsCases,
  budgetCases,
  byteBudgetCases,
];

/** Defines every shared store suite for one store, each in its own `describe`. */
export function describeStoreCases(runner: StoreRunner): void {
  for (const suite of ALL_STORE_CASES) describe(`${runner.name}: ${suite.name}`, () => suite.define(runner));
}
