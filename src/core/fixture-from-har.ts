import { ok, type Result } from '../shared/result.ts';
import type {
  Account,
  AccountAlias,
  CreateAccountInput,
  CreateCustomerInput,
  Customer,
} from '../store/types.ts';
import type { ApiError } from './errors.ts';
import type { Fixture } from './fixtures.ts';
import type { HarEntry } from './har.ts';
import { readHarEntries } from './read-har.ts';

type Json = Record<string, unknown>;

/** What a recording says about the data: the latest version of each record seen, deletes applied. */
interface Seen {
  accounts: Map<string, Account>;
  customers: Map<string, Customer>;
  /** Alias records by account, from `GET /accounts/{id}/account_aliases` pages. */
  aliases: Map<string, Map<string, AccountAlias>>;
}

/** Where a recorded path points, whatever prefix the upstream had (`/v1/accounts/A` → account A). */
type Target =
  | { kind: 'accounts' | 'customers' }
  | { kind: 'account' | 'customer'; id: string }
  | { kind: 'aliases' | 'alias-change'; id: string };

export function targetOf(pathname: string): Target | undefined {
  const parts = pathname.split('/').filter(Boolean).map(safeDecode);
  const at = parts.findIndex((p) => p === 'accounts' || p === 'customers');
  if (at < 0) return undefined;
  const [collection, id, sub, ...rest] = parts.slice(at);
  if (rest.length > 0 || id === undefined) {
    if (id === undefined) return { kind: collection as 'accounts' | 'customers' };
    return undefined;
  }
  if (sub === undefined) return { kind: collection === 'accounts' ? 'account' : 'customer', id };
  if (collection !== 'accounts') return undefined;
  if (sub === 'account_aliases') return { kind: 'aliases', id };
  if (sub === 'add_aliases' || sub === 'remove_aliases') return { kind: 'alias-change', id };
  return undefined;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The response body of an entry as JSON, when it is. */
export function jsonOf(text: string | undefined, encoding?: string): unknown {
  if (text === undefined || text === '') return undefined;
  try {
    const decoded =
      encoding === 'base64'
        ? new TextDecoder().decode(Uint8Array.from(atob(text), (c) => c.charCodeAt(0)))
        : text;
    return JSON.parse(decoded);
  } catch {
    return undefined;
  }
}

const isRecord = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const hasId = (value: unknown): value is Json & { id: string } =>
  isRecord(value) && typeof value.id === 'string';

/** Applies one recorded exchange, in order: reads and writes upsert what they return, deletes remove. */
function apply(seen: Seen, entry: HarEntry): void {
  const { status } = entry.response;
  if (status < 200 || status >= 300) return;
  const target = targetOf(new URL(entry.request.url, 'http://recording').pathname);
  if (!target) return;
  const method = entry.request.method.toUpperCase();
  const body = jsonOf(entry.response.content.text, entry.response.content.encoding);
  const items = isRecord(body) && Array.isArray(body.data) ? body.data.filter(hasId) : [];
  switch (target.kind) {
    case 'accounts':
      if (method === 'GET') for (const item of items) seen.accounts.set(item.id, item as unknown as Account);
      if (method === 'POST' && hasId(body)) seen.accounts.set(body.id, body as unknown as Account);
      return;
    case 'customers':
      if (method === 'GET')
        for (const item of items) seen.customers.set(item.id, item as unknown as Customer);
      if (method === 'POST' && hasId(body)) {
        seen.customers.set(body.id, body as unknown as Customer);
        // The account created inside the customer is in the request only.
        const sent = jsonOf(entry.request.postData?.text);
        const nested = isRecord(sent) ? sent.account : undefined;
        if (hasId(nested) && !seen.accounts.has(nested.id))
          seen.accounts.set(nested.id, {
            ...nested,
            customerId: body.id,
            status: 'ACTIVE',
          } as unknown as Account);
      }
      return;
    case 'account':
    case 'customer': {
      const map = target.kind === 'account' ? seen.accounts : seen.customers;
      if (method === 'DELETE') {
        map.delete(target.id);
        if (target.kind === 'account') seen.aliases.delete(target.id);
        // An account cannot outlive its customer in the store.
        else
          for (const [id, account] of seen.accounts)
            if (account.customerId === target.id) seen.accounts.delete(id);
      } else if (hasId(body)) (map as Map<string, unknown>).set(target.id, body);
      return;
    }
    case 'alias-change':
      if (hasId(body)) {
        seen.accounts.set(target.id, body as unknown as Account);
        // The records listed before the change are stale now; the account's `aliases` list holds.
        seen.aliases.delete(target.id);
      }
      return;
    case 'aliases': {
      if (method !== 'GET') return;
      const records = seen.aliases.get(target.id) ?? new Map<string, AccountAlias>();
      for (const item of items) records.set(item.id, item as unknown as AccountAlias);
      seen.aliases.set(target.id, records);
      return;
    }
  }
}

const toCustomerInput = ({ id, name, primaryEmail, address }: Customer): CreateCustomerInput => ({
  id,
  name,
  primaryEmail,
  address: address ?? {},
});

function toAccountInput(
  account: Account,
  records: Map<string, AccountAlias> | undefined,
): CreateAccountInput {
  const { togaiAccountId: _a, togaiCustomerId: _c, invoiceGroupDetails: _g, aliases, ...rest } = account;
  const input = { ...rest } as CreateAccountInput & { aliases?: unknown };
  delete input.aliases;
  if (records?.size) {
    input.accountAliases = [...records.values()].map(({ value, effectiveFrom, effectiveUntil }) => ({
      value,
      effectiveFrom,
      effectiveUntil,
    }));
  } else if (aliases?.length) {
    input.aliases = aliases.map((a) => a.alias);
  }
  return input;
}

/**
 * Turns a recording (HAR 1.2, as `togai-mock proxy --record` writes it) into a fixture of the accounts,
 * customers and aliases it saw: list pages and single reads, creates and updates upsert (the latest wins),
 * deletes remove. `replace: true`, so the tenant holds exactly what was recorded. An account whose customer
 * was never seen gets a stand-in customer (its id as name). Environment-free: the MSW adapter uses it too.
 * The fixture is validated where it is imported (the server names the field of a record it refuses).
 */
export function fixtureFromHar(har: unknown): Result<Fixture, ApiError> {
  const entries = readHarEntries(har);
  if (!entries.ok) return entries;
  const seen: Seen = { accounts: new Map(), customers: new Map(), aliases: new Map() };
  for (const entry of entries.value) apply(seen, entry);
  const customers = [...seen.customers.values()].map(toCustomerInput);
  const known = new Set(seen.customers.keys());
  for (const account of seen.accounts.values()) {
    if (known.has(account.customerId)) continue;
    known.add(account.customerId);
    customers.push({
      id: account.customerId,
      name: account.customerId.padEnd(3, '_'),
      primaryEmail: 'recorded-customer@example.com',
      address: {},
    });
  }
  return ok({
    replace: true,
    customers,
    accounts: [...seen.accounts.values()].map((a) => toAccountInput(a, seen.aliases.get(a.id))),
  });
}
