import cors from 'cors';
import express, { type NextFunction, type Request, type Response } from 'express';
import { type ApiError, apiError } from '../errors.ts';
import { createAjv } from '../spec/create-ajv.ts';
import type { LoadedSpec, SpecOperation } from '../spec/types.ts';
import { readPageDefaults } from './paginate.ts';
import type { RequestLog } from './request-log.ts';
import { sendError } from './send-error.ts';
import { type OperationDeps, type OperationRoute, serveOperation } from './serve-operation.ts';
import { compileRequestValidator } from './validate-request.ts';

export const MAX_BODY_BYTES = 100 * 1024;

export interface AppDeps extends OperationDeps {
  spec: LoadedSpec;
  log: RequestLog;
  /** Origins allowed by CORS: `true` for any, or a list. */
  corsOrigins: true | string[];
  /** Routes mounted before the spec's (the docs page, the admin API). */
  extraRoutes?: (app: express.Express) => void;
}

const toExpressPath = (template: string) => template.replace(/\{([^}]+)\}/g, ':$1');

/** Builds the Express app from the spec's operations: no route is listed by hand. */
export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(logRequests(deps.log));
  const allowCors = cors({
    origin: deps.corsOrigins,
    exposedHeaders: ['X-Error-Code', 'Retry-After', 'Allow', 'X-Tenant-Reset'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Prefer', 'X-Admin-Token'],
    maxAge: 600,
  });
  // Only browsers send Origin; everyone else skips the CORS work.
  app.use((req: Request, res: Response, next: NextFunction) =>
    req.headers.origin ? allowCors(req, res, next) : next(),
  );
  // The API first: each layer before it is a regex test on every API request.
  mountOperations(app, deps);
  deps.extraRoutes?.(app);
  app.use((req: Request, res: Response) => {
    sendError(res, apiError('NOT_FOUND', `path: no operation at ${req.method} ${req.path.slice(0, 200)}`));
  });
  app.use(renderUnexpected);
  return app;
}

function mountOperations(app: express.Express, deps: AppDeps): void {
  const ajv = createAjv();
  // Not `strict`: `42` or `null` is valid JSON, so it must reach validation ("body: must be object"),
  // not be called malformed.
  const parseJson = express.json({ limit: MAX_BODY_BYTES, strict: false, verify: rejectInvalidUtf8 });
  const byPath = new Map<string, SpecOperation[]>();
  for (const operation of deps.spec.operations) {
    byPath.set(operation.path, [...(byPath.get(operation.path) ?? []), operation]);
  }
  for (const [path, operations] of byPath) {
    const expressPath = toExpressPath(path);
    for (const operation of operations) {
      const route: OperationRoute = {
        operation,
        validator: compileRequestValidator(operation, ajv),
        pageDefaults: readPageDefaults(
          operation.parameters.find((p) => p.name === 'pageSize')?.schema,
          operation.parameters.find((p) => p.name === 'sortOrder')?.schema,
        ),
      };
      const bodyParsing = operation.requestBody ? [requireJson, parseJson, markEmptyBody] : [];
      app[operation.method](
        expressPath,
        ...bodyParsing,
        (req: Request, res: Response, next: NextFunction) => {
          serveOperation(deps, route, req, res).catch(next);
        },
      );
    }
    const methods = operations.map((o) => o.method.toUpperCase());
    const allow = methods.includes('GET') ? [...methods, 'HEAD'] : methods;
    app.all(expressPath, (req: Request, res: Response) => {
      sendError(res, apiError('METHOD_NOT_ALLOWED', `method: ${req.method} is not allowed on ${path}`), {
        Allow: allow.join(', '),
      });
    });
  }
}

/** Records method, path, status, latency, tenant and the error message, once the response is sent. */
function logRequests(log: RequestLog) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = performance.now();
    res.on('finish', () => {
      log.add({
        atMs: Date.now(),
        method: req.method,
        path: (req.originalUrl.split('?')[0] ?? '').slice(0, 300),
        status: res.statusCode,
        latencyMs: Math.round((performance.now() - started) * 10) / 10,
        token: typeof res.locals.tenant === 'string' ? res.locals.tenant : '',
        ...(typeof res.locals.problem === 'string' ? { problem: res.locals.problem } : {}),
      });
    });
    next();
  };
}

/** Whether a body follows the headers (what body-parser itself asks before reading one). */
const hasBody = (req: Request) =>
  req.headers['transfer-encoding'] !== undefined ||
  (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');

function requireJson(req: Request, res: Response, next: NextFunction): void {
  // With no body, req.is() cannot match any type: leave it to validation ("body: ... is required").
  if (hasBody(req) && !req.is('application/json') && !req.is('+json')) {
    const got = JSON.stringify((req.headers['content-type'] ?? 'none').slice(0, 60));
    sendError(res, apiError('UNSUPPORTED_MEDIA_TYPE', `Content-Type: must be application/json, got ${got}`));
    return;
  }
  next();
}

/** body-parser turns an empty body into `{}`; validation must see that no body was sent. */
function markEmptyBody(req: Request, _res: Response, next: NextFunction): void {
  if (!hasBody(req)) req.body = undefined;
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

const BODY_ERRORS: Record<string, (e: { message?: string }) => ApiError> = {
  'entity.parse.failed': (e) =>
    apiError('INVALID_JSON', `body: is not valid JSON (${(e.message ?? '').slice(0, 200)})`),
  'encoding.invalid': () => apiError('INVALID_JSON', 'body: is not valid UTF-8'),
  'entity.too.large': () =>
    apiError('PAYLOAD_TOO_LARGE', `body: larger than the ${MAX_BODY_BYTES} bytes this server accepts`),
  'charset.unsupported': (e) =>
    apiError('UNSUPPORTED_MEDIA_TYPE', `Content-Type: ${e.message ?? 'unsupported charset'}`),
  'encoding.unsupported': (e) =>
    apiError('UNSUPPORTED_MEDIA_TYPE', `Content-Encoding: ${e.message ?? 'unsupported'}`),
  'request.aborted': () => apiError('INVALID_REQUEST', 'body: the request was aborted'),
  'request.size.invalid': () =>
    apiError('INVALID_REQUEST', 'body: shorter or longer than its Content-Length'),
};

/** Errors thrown by routing and body parsing (and by bugs): rendered in the spec's shape, never as HTML. */
function renderUnexpected(error: unknown, _req: Request, res: Response, _next: NextFunction): void {
  sendError(res, toApiError(error));
}

function toApiError(error: unknown): ApiError {
  const e = error as { type?: string; message?: string; status?: number };
  const known = e.type ? BODY_ERRORS[e.type] : undefined;
  if (known) return known(e);
  if (error instanceof URIError) return apiError('INVALID_REQUEST', 'path: has malformed percent-encoding');
  // Other client errors from Express and body-parser (a failed decompression, say) carry a 4xx status.
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    const code =
      e.status === 413
        ? 'PAYLOAD_TOO_LARGE'
        : e.status === 415
          ? 'UNSUPPORTED_MEDIA_TYPE'
          : 'INVALID_REQUEST';
    return apiError(code, `body: ${(e.message ?? 'cannot be read').slice(0, 200)}`);
  }
  console.error(error);
  return apiError('INTERNAL', 'internal: the mock hit an unexpected error; see its log');
}
