import type express from 'express';
import type { Request, Response } from 'express';
import type { Mock } from '../../core/index.ts';
import { INSPECTOR_HEADERS, INSPECTOR_PATH, inspectorAssets } from '../../core/inspector-page.ts';
import type { Metrics } from './metrics.ts';

/** The server's own paths beside the API: health, readiness, metrics and the inspector. */
export const OPS_PATHS: ReadonlySet<string> = new Set([
  '/healthz',
  '/readyz',
  '/metrics',
  INSPECTOR_PATH,
  `${INSPECTOR_PATH}/inspector.js`,
  `${INSPECTOR_PATH}/inspector.css`,
]);

/** How long `/readyz` and a scrape wait for the store. */
const READY_TIMEOUT_MS = 2000;

const send = (
  res: Response,
  status: number,
  type: string,
  body: string,
  extra: Record<string, string> = {},
) => {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...extra });
  res.end(body);
};

/**
 * `/healthz`: the process answers. `/readyz`: the store answers too (in Redis mode, Redis), so a
 * load balancer stops sending traffic to an instance whose Redis is gone. `/metrics`: Prometheus.
 * `/__inspector`: the page, its script and style (the data comes from the admin API).
 */
export function mountOps(app: express.Express, deps: { mock: Mock; metrics: Metrics }): void {
  app.get('/healthz', (_req: Request, res: Response) => {
    send(res, 200, 'application/json', '{"status":"ok"}');
  });
  app.get('/readyz', async (_req: Request, res: Response) => {
    const ready = await deps.mock.ready(READY_TIMEOUT_MS);
    if (ready.ok) send(res, 200, 'application/json', '{"status":"ready"}');
    else send(res, 503, 'application/json', JSON.stringify({ status: 'not ready', message: ready.error }));
  });
  app.get('/metrics', async (_req: Request, res: Response) => {
    const [ready, stats] = await Promise.all([
      deps.mock.ready(READY_TIMEOUT_MS),
      deps.mock.stats().catch(() => ({ tenants: 0 })),
    ]);
    send(res, 200, 'text/plain; version=0.0.4; charset=utf-8', deps.metrics.render(stats, ready.ok));
  });
  mountInspector(app);
}

/** The inspector's three files (the proxy serves them too). */
export function mountInspector(app: express.Express): void {
  const page = (type: string, body: string) => (_req: Request, res: Response) =>
    send(res, 200, type, body, INSPECTOR_HEADERS);
  app.get(INSPECTOR_PATH, page('text/html; charset=utf-8', inspectorAssets.page));
  app.get(`${INSPECTOR_PATH}/inspector.js`, page('text/javascript; charset=utf-8', inspectorAssets.script));
  app.get(`${INSPECTOR_PATH}/inspector.css`, page('text/css; charset=utf-8', inspectorAssets.style));
}
