import express, { type NextFunction, type Request, type Response } from 'express';
import { type ApiError, apiError } from '../errors.ts';
import type { LoadedSpec, SpecOperation } from '../spec/types.ts';
import type { AccountStore } from '../store/types.ts';
import { readBearerToken } from './auth.ts';
import { createAjv } from './create-ajv.ts';
import { HANDLERS } from './handlers.ts';
import { type PageDefaults, readPageDefaults } from './paginate.ts';
import { parsePrefer, type Preferences, wantsPrism } from './parse-prefer.ts';
import type { Fallback } from './prism-fallback.ts';
import { sendError } from './send-error.ts';
import { compileRequestValidator, type RequestValidator } from './validate-request.ts';

export const MAX_BODY_BYTES = 100 * 1024;

export interface AppDeps {
  spec: LoadedSpec;
  /** The store a request works on, by its bearer token (one tenant per token, or one shared). */
  storeFor(token: string): AccountStore;
  /** Prism's mocker, loaded lazily: the store-backed operations never wait for it. */
  fallback(): Promise<Fallback>;
  secret: string;
}

interface Route {
  operation: SpecOperation;
  validator: RequestValidator;
  pageDefaults: PageDefaults;
}

const toExpressPath = (template: string) => template.replace(/\{([^}]+)\}/g, ':$1');

/** Builds the Express app from the spec's operations: no route is listed by hand. */
export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const ajv = createAjv();
  const parseJson = express.json({ limit: MAX_BODY_BYTES, strict: true, verify: rejectInvalidUtf8 });

  const byPath = new Map<string, SpecOperation[]>();
  for (const operation of deps.spec.operations) {
    byPath.set(operation.path, [...(byPath.get(operation.path) ?? []), operation]);
  }
  for (const [path, operations] of byPath) {
    const expressPath = toExpressPath(path);
    for (const operation of operations) {
      const route: Route = {
        operation,
        validator: compileRequestValidator(operation, ajv),
        pageDefaults: readPageDefaults(
          operation.parameters.find((p) => p.name === 'pageSize')?.schema,
          operation.parameters.find((p) => p.name === 'sortOrder')?.schema,
        ),
      };
      const middleware = operation.requestBody ? [requireJson, parseJson] : [];
      app[operation.method](expressPath, ...middleware, (req: Request, res: Response, next: NextFunction) => {
        serve(deps, route, req, res).catch(next);
      });
    }
    const allow = [...operations.map((o) => o.method.toUpperCase()), 'HEAD'].filter(
      (m) => m !== 'HEAD' || operations.some((o) => o.method === 'get'),
    );
    app.all(expressPath, (req: Request, res: Response) => {
      sendError(res, apiError('METHOD_NOT_ALLOWED', `method: ${req.method} is not allowed on ${path}`), {
        Allow: allow.join(', '),
      });
    });
  }
  app.use((req: Request, res: Response) => {
    sendError(res, apiError('NOT_FOUND', `path: no operation at ${req.method} ${req.path.slice(0, 200)}`));
  });
  app.use(renderUnexpected);
  return app;
}

async function serve(deps: AppDeps, route: Route, req: Request, res: Response): Promise<void> {
  const { operation } = route;
  let token = '';
  if (operation.requiresAuth) {
    const auth = readBearerToken(req.headers.authorization);
    if (!auth.ok) return sendError(res, auth.error, { 'WWW-Authenticate': 'Bearer' });
    token = auth.value;
  }
  const prefs = parsePrefer(req.get("prefer"));
  if (!prefs.ok) return sendError(res, prefs.error);
  const valid = route.validator.validate({
    params: req.params as Record<string, string>,
    query: req.query as Record<string, unknown>,
    body: req.body,
  });
  if (!valid.ok) return sendError(res, valid.error);

  const handler = HANDLERS[operation.operationId];
  if (!handler || wantsPrism(prefs.value)) return serveFromPrism(deps, req, res, prefs.value);
  const result = handler({
    store: deps.storeFor(token),
    request: valid.value,
    secret: deps.secret,
    pageDefaults: route.pageDefaults,
  });
  if (!result.ok) return sendError(res, result.error);
  res.status(result.value.status).json(result.value.body);
}

async function serveFromPrism(deps: AppDeps, req: Request, res: Response, prefs: Preferences): Promise<void> {
  const fallback = await deps.fallback();
  const answer = await fallback(
    {
      method: req.method,
      path: req.path,
      query: req.query as Record<string, string | string[]>,
      headers: req.headers as Record<string, string>,
      body: req.body,
    },
    { ...(prefs.code !== undefined ? { code: prefs.code } : {}), ...(prefs.example ? { example: prefs.example } : {}), dynamic: prefs.dynamic === true },
  );
  res.status(answer.status);
  for (const [name, value] of Object.entries(answer.headers)) {
    if (name.toLowerCase() !== 'content-length') res.setHeader(name, value);
  }
  if (answer.body === undefined) res.end();
  else res.json(answer.body);
}

function requireJson(req: Request, res: Response, next: NextFunction): void {
  if (!req.is('application/json') && !req.is('+json')) {
    return sendError(
      res,
      apiError('UNSUPPORTED_MEDIA_TYPE', `Content-Type: must be application/json, got ${JSON.stringify((req.headers['content-type'] ?? 'none').slice(0, 60))}`),
    );
  }
  next();
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function rejectInvalidUtf8(_req: unknown, _res: unknown, buffer: Buffer): void {
  try {
    utf8.decode(buffer);
  } catch {
    throw Object.assign(new Error('body: is not valid UTF-8'), { status: 400, type: 'encoding.invalid' });
  }
}

/** Errors thrown by body parsing (and by bugs): rendered in the spec's shape, never as HTML. */
function renderUnexpected(error: unknown, _req: Request, res: Response, _next: NextFunction): void {
  const e = error as { type?: string; status?: number; message?: string; limit?: number };
  let apiErr: ApiError;
  switch (e.type) {
    case 'entity.parse.failed':
      apiErr = apiError('INVALID_JSON', `body: is not valid JSON (${e.message ?? ''})`.slice(0, 300));
      break;
    case 'encoding.invalid':
      apiErr = apiError('INVALID_JSON', 'body: is not valid UTF-8');
      break;
    case 'entity.too.large':
      apiErr = apiError('PAYLOAD_TOO_LARGE', `body: larger than the ${MAX_BODY_BYTES} bytes this server accepts`);
      break;
    case 'charset.unsupported':
    case 'encoding.unsupported':
      apiErr = apiError('UNSUPPORTED_MEDIA_TYPE', `Content-Type: ${e.message ?? 'unsupported encoding'}`);
      break;
    case 'request.aborted':
    case 'request.size.invalid':
      apiErr = apiError('INVALID_REQUEST', `body: ${e.message ?? 'incomplete'}`);
      break;
    default:
      apiErr = apiError('INTERNAL', 'internal: the mock hit an unexpected error; see its log');
      console.error(error);
  }
  sendError(res, apiErr);
}
