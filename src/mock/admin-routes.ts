import express, { type Request, type Response } from 'express';
import { type ApiError, apiError } from '../errors.ts';
import type { Result } from '../result.ts';
import type { LoadedSpec } from '../spec/types.ts';
import type { AccountStore } from '../store/types.ts';
import { readBearerToken } from './auth.ts';
import { compileFixtureValidator, exportTenant, importFixture } from './fixtures.ts';
import type { RequestLog } from './request-log.ts';
import { sendError } from './send-error.ts';

/** The reserved prefix of the admin API; no Togai path starts with it. */
export const ADMIN_PREFIX = '/__admin';
const MAX_FIXTURE_BYTES = 20 * 1024 * 1024;

export interface TenantRegistry {
  get(key: string): AccountStore;
  /** Fails when the server holds the most tenants it may (see tenants.ts). */
  set(key: string, store: AccountStore): Result<true, ApiError>;
  reset(key: string): void;
  resetAll(): void;
  readonly size: number;
}

export interface AdminDeps {
  spec: LoadedSpec;
  tenants: TenantRegistry;
  log: RequestLog;
  /** When set, every admin call needs `X-Admin-Token: <adminToken>`. */
  adminToken?: string;
  info: Record<string, unknown>;
}

/**
 * The sandbox's admin API. A call about "a tenant" names it by that tenant's own bearer token in
 * `Authorization`, so a demo user can reset or export their own sandbox and nobody else's: it has
 * no more power than the API itself. Calls about every tenant (`?all=true`) need the admin token,
 * and are refused when the server has none, so a public sandbox is safe by default.
 */
export function mountAdmin(app: express.Express, deps: AdminDeps): void {
  const router = express.Router();
  const validateFixture = compileFixtureValidator(deps.spec);
  const isAdmin = adminCheck(deps.adminToken);

  router.get('/', (_req, res) => {
    res.json({ ...deps.info, tenants: deps.tenants.size });
  });
  router.get('/requests', (req, res) => {
    const limit = Number(req.query.limit ?? 100);
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
      return sendError(res, apiError('INVALID_REQUEST', 'limit: must be a whole number from 1 to 10000'));
    }
    if (req.query.all === 'true') {
      if (!isAdmin(req, res)) return;
      return res.json({ data: deps.log.recent(limit) });
    }
    const token = tenantToken(req, res);
    if (token === undefined) return;
    res.json({ data: deps.log.recent(limit, token) });
  });
  router.post('/reset', (req, res) => {
    if (req.query.all === 'true') {
      if (!isAdmin(req, res)) return;
      deps.tenants.resetAll();
      return res.json({ success: true, reset: 'all' });
    }
    const token = tenantToken(req, res);
    if (token === undefined) return;
    deps.tenants.reset(token);
    res.json({ success: true, reset: 'tenant' });
  });
  router.get('/export', (req, res) => {
    const token = tenantToken(req, res);
    if (token === undefined) return;
    const exported = exportTenant(deps.tenants.get(token));
    if (!exported.ok) return sendError(res, exported.error);
    res.json(exported.value);
  });
  router.post(
    '/import',
    express.json({ limit: MAX_FIXTURE_BYTES, strict: true }),
    (req: Request, res: Response) => {
      const token = tenantToken(req, res);
      if (token === undefined) return;
      const fixture = validateFixture(req.body);
      if (!fixture.ok) return sendError(res, fixture.error);
      const imported = importFixture(deps.tenants.get(token), fixture.value);
      if (!imported.ok) return sendError(res, imported.error);
      const installed = deps.tenants.set(token, imported.value.store);
      if (!installed.ok) return sendError(res, installed.error);
      res.json({ success: true, customers: imported.value.customers, accounts: imported.value.accounts });
    },
  );
  router.use((req: Request, res: Response) => {
    sendError(
      res,
      apiError('NOT_FOUND', `path: no admin operation at ${req.method} ${ADMIN_PREFIX}${req.path}`),
    );
  });
  app.use(ADMIN_PREFIX, router);
}

/** Calls about every tenant: allowed only with the server's admin token. */
function adminCheck(adminToken: string | undefined) {
  return (req: Request, res: Response): boolean => {
    if (adminToken === undefined) {
      sendError(
        res,
        apiError(
          'FORBIDDEN',
          'X-Admin-Token: calls about every tenant need a server started with --admin-token',
        ),
      );
      return false;
    }
    if (req.get('x-admin-token') !== adminToken) {
      sendError(res, apiError('FORBIDDEN', 'X-Admin-Token: missing or wrong admin token'));
      return false;
    }
    return true;
  };
}

function tenantToken(req: Request, res: Response): string | undefined {
  const auth = readBearerToken(req.headers.authorization);
  if (!auth.ok) {
    sendError(res, apiError('UNAUTHORIZED', 'Authorization: name the tenant with its own Bearer token'));
    return undefined;
  }
  return auth.value;
}
