import type { Socket } from 'node:net';
import cors from 'cors';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Mock } from '../../core/index.ts';
import { DOCS_ASSETS_PATH } from './docs-swagger-page.ts';
import { toCoreRequest } from './node-request.ts';
import { OPS_PATHS } from './ops-routes.ts';
import { sendAnswer } from './send-answer.ts';

export interface AppDeps {
  mock: Mock;
  /** Origins allowed by CORS: `true` for any, or a list. */
  corsOrigins: true | string[];
  /** Routes of the Node server itself (the docs page), tried only for the paths `isOwnPath` accepts. */
  ownRoutes?: (app: express.Express) => void;
}

/** The docs page's paths: everything else goes straight to the core. */
const DOCS_PATHS = new Set(['/', '/openapi.json', '/docs', '/docs/init.js']);
const isOwnPath = (path: string) =>
  DOCS_PATHS.has(path) || OPS_PATHS.has(path) || path.startsWith(`${DOCS_ASSETS_PATH}/`);

/**
 * The Express app: CORS, the docs page, and one dispatch of every other request to the core, which
 * routes, validates and answers. Express adds a layer test per middleware, so the API is one layer.
 */
export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const allowCors = cors({
    origin: deps.corsOrigins,
    exposedHeaders: ['X-Error-Code', 'Retry-After', 'Allow', 'X-Tenant-Reset', 'X-Request-Id'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Prefer', 'X-Admin-Token', 'X-Request-Id'],
    maxAge: 600,
  });
  // Only browsers send Origin; everyone else skips the CORS work.
  app.use((req: Request, res: Response, next: NextFunction) =>
    req.headers.origin ? allowCors(req, res, next) : next(),
  );
  const answer = (req: Request, res: Response): Promise<void> =>
    deps.mock.handle(toCoreRequest(req)).then(
      (answer) => sendAnswer(req, res, answer),
      (error: unknown) => {
        console.error(error);
        res.destroy();
      },
    );
  // Pipelined requests arrive while the previous one still reads its body (or waits on Redis):
  // each waits for the one before it on the same connection, so they take effect in order.
  const pending = new WeakMap<Socket, Promise<void>>();
  const serve = (req: Request, res: Response) => {
    const socket = req.socket;
    const before = pending.get(socket);
    const done = before === undefined ? answer(req, res) : before.then(() => answer(req, res));
    pending.set(socket, done);
    void done.then(() => {
      if (pending.get(socket) === done) pending.delete(socket);
    });
  };
  app.use((req: Request, res: Response, next: NextFunction) =>
    isOwnPath(req.path) ? next() : serve(req, res),
  );
  deps.ownRoutes?.(app);
  // A docs path with another method, or an asset that is not served: the core's 404/405.
  app.use(serve);
  return app;
}
