import type { ApiError } from '../errors.ts';
import type { Result } from '../result.ts';
import type {
  AccountStore,
  AddAliasesInput,
  CreateAccountInput,
  CreateCustomerInput,
  RemoveAliasesInput,
  UpdateAccountInput,
  UpdateCustomerInput,
} from '../store/types.ts';
import { type PageDefaults, readPageRequest, toListResponse } from './paginate.ts';
import type { ValidRequest } from './validate-request.ts';

export interface HandlerContext {
  store: AccountStore;
  request: ValidRequest;
  /** Signs and checks `nextToken`s. */
  secret: string;
  pageDefaults: PageDefaults;
}

export interface Reply {
  status: number;
  body: unknown;
}

export type Handler = (ctx: HandlerContext) => Result<Reply, ApiError>;

const reply = <T>(result: Result<T, ApiError>, status = 200): Result<Reply, ApiError> =>
  result.ok ? { ok: true, value: { status, body: result.value } } : result;

const deleted = (result: Result<true, ApiError>): Result<Reply, ApiError> =>
  result.ok ? { ok: true, value: { status: 200, body: { success: true } } } : result;

function list<T extends { id: string }>(
  ctx: HandlerContext,
  name: string,
  fetch: (
    request: ReturnType<typeof readPageRequest> & { ok: true },
  ) => Result<{ items: T[]; hasMore: boolean }, ApiError>,
): Result<Reply, ApiError> {
  const page = readPageRequest(ctx.request.query, name, ctx.secret, ctx.pageDefaults);
  if (!page.ok) return page;
  const items = fetch(page);
  if (!items.ok) return items;
  return {
    ok: true,
    value: { status: 200, body: toListResponse(items.value, page.value, name, ctx.secret) },
  };
}

function withoutContext(result: Result<Reply, ApiError>): Result<Reply, ApiError> {
  if (!result.ok) return result;
  const { context: _context, ...body } = result.value.body as Record<string, unknown>;
  return { ok: true, value: { ...result.value, body } };
}

const accountId = (ctx: HandlerContext) => ctx.request.path.account_id ?? '';
const customerId = (ctx: HandlerContext) => ctx.request.path.customer_id ?? '';

/**
 * The operations the store implements, by the spec's operationId. Any other operation in the spec
 * is answered by Prism's mocker, so adding an operation to the spec needs no code here.
 */
export const HANDLERS: Readonly<Record<string, Handler>> = {
  getAccounts: (ctx) =>
    list(ctx, 'accounts', (p) => ({ ok: true, value: ctx.store.listAccounts(p.value.query) })),
  createAccount: (ctx) => reply(ctx.store.createAccount(ctx.request.body as CreateAccountInput), 201),
  getAccount: (ctx) => reply(ctx.store.getAccount(accountId(ctx))),
  updateAccount: (ctx) =>
    reply(ctx.store.updateAccount(accountId(ctx), ctx.request.body as UpdateAccountInput)),
  deleteAccount: (ctx) => deleted(ctx.store.deleteAccount(accountId(ctx))),
  addAliases: (ctx) => reply(ctx.store.addAliases(accountId(ctx), ctx.request.body as AddAliasesInput)),
  removeAliases: (ctx) =>
    reply(ctx.store.removeAliases(accountId(ctx), ctx.request.body as RemoveAliasesInput)),
  // The published alias list is closed to `{data, nextToken}`: it pages, but carries no `context`.
  listAccountAliases: (ctx) =>
    withoutContext(
      list(ctx, `aliases:${accountId(ctx)}`, (p) =>
        ctx.store.listAccountAliases(accountId(ctx), p.value.query),
      ),
    ),
  getCustomers: (ctx) =>
    list(ctx, 'customers', (p) => ({ ok: true, value: ctx.store.listCustomers(p.value.query) })),
  createCustomer: (ctx) => reply(ctx.store.createCustomer(ctx.request.body as CreateCustomerInput), 201),
  getCustomer: (ctx) => reply(ctx.store.getCustomer(customerId(ctx))),
  updateCustomer: (ctx) =>
    reply(ctx.store.updateCustomer(customerId(ctx), ctx.request.body as UpdateCustomerInput)),
  deleteCustomer: (ctx) => deleted(ctx.store.deleteCustomer(customerId(ctx))),
};
