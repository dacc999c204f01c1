import { copyAddress, copyMetadata, normalizeTags } from './records.ts';
import { formatAddress } from './seed-customer.ts';
import type {
  Account,
  AccountAlias,
  Customer,
  RemoveAliasesInput,
  UpdateAccountInput,
  UpdateCustomerInput,
} from './types.ts';

/**
 * The pure changes behind updates, shared by every store (in memory, Redis) so that the same
 * request changes a record the same way whichever store holds it.
 */

/** Only the known, sent fields change; `metadata` and `tags` replace rather than merge. */
export function patchAccountFields(
  current: Omit<Account, 'aliases'>,
  patch: UpdateAccountInput,
): Omit<Account, 'aliases'> {
  const fields = { ...current };
  if (patch.name !== undefined) fields.name = patch.name;
  if (patch.status !== undefined) fields.status = patch.status;
  if (patch.invoiceCurrency !== undefined) fields.invoiceCurrency = patch.invoiceCurrency;
  if (patch.netTermDays !== undefined) fields.netTermDays = patch.netTermDays;
  if (patch.primaryEmail !== undefined) fields.primaryEmail = patch.primaryEmail;
  if (patch.billingInformation !== undefined) fields.billingInformation = patch.billingInformation;
  if (patch.address !== undefined) fields.address = patch.address;
  if (patch.tags !== undefined) fields.tags = normalizeTags(patch.tags);
  if (patch.metadata !== undefined) fields.metadata = copyMetadata(patch.metadata);
  return fields;
}

/** By value: removed at once. By id: removed, or with `from` ended then (kept, so it still pages). */
export function removeAliasRecords(
  aliases: readonly AccountAlias[],
  input: RemoveAliasesInput,
  at: string,
): AccountAlias[] {
  const values = new Set(input.aliases ?? []);
  const byId = new Map((input.accountAliases ?? []).map((alias) => [alias.id, alias.from]));
  const kept: AccountAlias[] = [];
  for (const alias of aliases) {
    if (values.has(alias.value)) continue;
    if (!byId.has(alias.id)) kept.push(alias);
    else {
      const from = byId.get(alias.id);
      if (from !== undefined) kept.push({ ...alias, effectiveUntil: from, updatedAt: at });
    }
  }
  return kept;
}

/** The customer after `patch`; the formatted `billingAddress` follows the address. */
export function patchCustomer(current: Customer, patch: UpdateCustomerInput, at: string): Customer {
  const customer = { ...current };
  if (patch.name !== undefined) customer.name = patch.name;
  if (patch.primaryEmail !== undefined) customer.primaryEmail = patch.primaryEmail;
  if (patch.address !== undefined) {
    customer.address = copyAddress(patch.address);
    customer.billingAddress = formatAddress(customer.address);
  }
  customer.updatedAt = at;
  return customer;
}
