import type { Result } from '../shared/result.ts';
import type {
  AddAliasesInput,
  CreateAccountInput,
  CreateCustomerInput,
  Page,
  RemoveAliasesInput,
  UpdateAccountInput,
  UpdateCustomerInput,
} from '../store/types.ts';
import type { ApiError } from './errors.ts';
import { type PageDefaults, type PageRequest, readPageRequest, toListResponse } from './paginate.ts';
import { andThen, type StorePort } from './store-port.ts';
import type { MaybePromise } from './types.ts';
import type { ValidRequest } from './validate-request.ts';

export interface HandlerContext {
  store: StorePort;
  request: ValidRequest;
  /** Signs and checks `nextToken`s. */
  secret: string;
  pageDefaults: PageDefaults;
}

export interface Reply {
  status: number;
  body: unknown;
  /**
   * Answer from the description's examples instead, with the fields they share with `body` (the
   * item an action acts on) taken from it.
   */
  fromExamples?: boolean;
}

export type Handler = (ctx: HandlerContext) => MaybePromise<Result<Reply, ApiError>>;

const reply =
  (status = 200) =>
  <T>(result: Result<T, ApiError>): Result<Reply, ApiError> =>
    result.ok ? { ok: true, value: { status, body: result.value } } : result;

const deleted = (result: Result<true, ApiError>): Result<Reply, ApiError> =>
  result.ok ? { ok: true, value: { status: 200, body: { success: true } } } : result;

function list<T extends { id: string }>(
  ctx: HandlerContext,
  name: string,
  fetch: (page: PageRequest) => MaybePromise<Result<Page<T>, ApiError>>,
): MaybePromise<Result<Reply, ApiError>> {
  const page = readPageRequest(ctx.request.query, name, ctx.secret, ctx.pageDefaults);
  if (!page.ok) return page;
  return andThen(fetch(page.value), (items) =>
    items.ok
      ? { ok: true, value: { status: 200, body: toListResponse(items.value, page.value, name, ctx.secret) } }
      : items,
  );
}

function withoutContext(result: Result<Reply, ApiError>): Result<Reply, ApiError> {
  if (!result.ok) return result;
  const { context: _context, ...body } = result.value.body as Record<string, unknown>;
  return { ok: true, value: { ...result.value, body } };
}

const always = <T>(page: Page<T>): Result<Page<T>, ApiError> => ({ ok: true, value: page });
/** The resource's id: the first templated segment, whatever the spec calls it (`account_id`, `id`…). */
const id = (ctx: HandlerContext) => ctx.request.pathValues[0] ?? '';
const body = <T>(ctx: HandlerContext) => ctx.request.body as T;

/**
 * The operations the store implements, by resource: method and path shape (`{*}` for any
 * templated segment), never by operationId or parameter name, so a spec that names them
 * differently (Togai's published `getAccounts`) is still served from the store. Any other
 * operation is answered by the fallback, so adding an operation to the spec needs no code here.
 */
export const RESOURCE_HANDLERS: Readonly<Record<string, Handler>> = {
  'GET /accounts': (ctx) => list(ctx, 'accounts', (p) => andThen(ctx.store.listAccounts(p.query), always)),
  'POST /accounts': (ctx) => andThen(ctx.store.createAccount(body<CreateAccountInput>(ctx)), reply(201)),
  'GET /accounts/{*}': (ctx) => andThen(ctx.store.getAccount(id(ctx)), reply()),
  'PATCH /accounts/{*}': (ctx) =>
    andThen(ctx.store.updateAccount(id(ctx), body<UpdateAccountInput>(ctx)), reply()),
  'DELETE /accounts/{*}': (ctx) => andThen(ctx.store.deleteAccount(id(ctx)), deleted),
  'POST /accounts/{*}/add_aliases': (ctx) =>
    andThen(ctx.store.addAliases(id(ctx), body<AddAliasesInput>(ctx)), reply()),
  'POST /accounts/{*}/remove_aliases': (ctx) =>
    andThen(ctx.store.removeAliases(id(ctx), body<RemoveAliasesInput>(ctx)), reply()),
  // The published alias list is closed to `{data, nextToken}`: it pages, but carries no `context`.
  'GET /accounts/{*}/account_aliases': (ctx) =>
    andThen(
      list(ctx, `aliases:${id(ctx)}`, (p) => ctx.store.listAccountAliases(id(ctx), p.query)),
      withoutContext,
    ),
  'GET /customers': (ctx) => list(ctx, 'customers', (p) => andThen(ctx.store.listCustomers(p.query), always)),
  'POST /customers': (ctx) => andThen(ctx.store.createCustomer(body<CreateCustomerInput>(ctx)), reply(201)),
  'GET /customers/{*}': (ctx) => andThen(ctx.store.getCustomer(id(ctx)), reply()),
  'PATCH /customers/{*}': (ctx) =>
    andThen(ctx.store.updateCustomer(id(ctx), body<UpdateCustomerInput>(ctx)), reply()),
  'DELETE /customers/{*}': (ctx) => andThen(ctx.store.deleteCustomer(id(ctx)), deleted),
};

/** An operation's resource shape: `PATCH /accounts/{*}` for `patch /accounts/{account_id}`. */
export function shapeOf(method: string, template: string): string {
  const path = template.length > 1 && template.endsWith('/') ? template.slice(0, -1) : template;
  return `${method.toUpperCase()} ${path.replace(/\{[^}]+\}/g, '{*}')}`;
}

/** The store's handler for an operation, or undefined when the fallback answers it. */
export const handlerFor = (method: string, template: string): Handler | undefined =>
  RESOURCE_HANDLERS[shapeOf(method, template)];
