import express, { type Request, type Response } from 'express';
import type { LoadedSpec } from '../../spec/types.ts';
import { ORIGIN_MARK, renderIndexPage } from './docs-index-page.ts';
import {
  DOCS_ASSETS_PATH,
  locateSwaggerUi,
  renderSwaggerInit,
  renderSwaggerPage,
} from './docs-swagger-page.ts';
import { localOrigin, requestOrigin } from './server-origin.ts';

export interface DocsInfo {
  spec: LoadedSpec;
  seed: number;
  accounts: number;
  customers: number;
  shared: boolean;
  /** Honour `X-Forwarded-Proto` and `X-Forwarded-Host` (a proxy in front). Default false. */
  trustProxy?: boolean;
}

// Only what the page loads: the package also ships an index.html wired to the petstore on the internet.
const SERVED_ASSETS = new Set([
  '/swagger-ui.css',
  '/swagger-ui.css.map',
  '/swagger-ui-bundle.js',
  '/swagger-ui-bundle.js.map',
  '/favicon-16x16.png',
  '/favicon-32x32.png',
]);

// The browser enforces "no CDN": anything not from this origin is blocked, not just absent.
// Swagger UI sets inline style attributes, hence 'unsafe-inline' for styles only.
const DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Sent with every page of the docs: the index too, which has no script but would otherwise be framable. */
const SECURITY_HEADERS = {
  'Content-Security-Policy': DOCS_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

/** Registers `/`, `/openapi.json`, `/docs` and Swagger UI's assets; none of them needs a token. */
export function mountDocs(app: express.Express, info: DocsInfo): void {
  const { spec } = info;
  // Built once: a request only swaps its origin in.
  const indexPage = renderIndexPage({
    title: spec.title,
    version: spec.version,
    seed: info.seed,
    accounts: info.accounts,
    customers: info.customers,
    shared: info.shared,
    operations: spec.operations.length,
    createCustomerExample: spec.operations.find((o) => o.operationId === 'createCustomer')?.requestBody
      ?.content['application/json']?.example,
  });
  const specJson = JSON.stringify(prepareForTryIt(spec.document));
  const specMark = JSON.stringify(ORIGIN_MARK).slice(1, -1);
  const docsPage = renderSwaggerPage(spec.title);
  const docsInit = renderSwaggerInit(readBearerSchemes(spec.document));

  const trustProxy = info.trustProxy === true;
  app.get('/', (req: Request, res: Response) => {
    const origin = requestOrigin(req, trustProxy) ?? localOrigin(req);
    res.set(SECURITY_HEADERS).type('html').send(indexPage.replaceAll(ORIGIN_MARK, origin));
  });
  app.get('/openapi.json', (req: Request, res: Response) => {
    // A relative "/" still points Swagger UI at this server when no well-formed host was given.
    res
      .set(SECURITY_HEADERS)
      .type('json')
      .send(specJson.replace(specMark, requestOrigin(req, trustProxy) ?? '/'));
  });
  app.get('/docs', (_req: Request, res: Response) => {
    res.set(SECURITY_HEADERS).type('html').send(docsPage);
  });
  app.get('/docs/init.js', (_req: Request, res: Response) => {
    res.set(SECURITY_HEADERS).type('js').send(docsInit);
  });
  const assets = express.static(locateSwaggerUi(), { index: false, maxAge: '1h' });
  app.use(DOCS_ASSETS_PATH, (req, res, next) =>
    SERVED_ASSETS.has(req.path) ? assets(req, res, next) : next(),
  );
}

/**
 * The document as "Try it out" should see it: served from this mock, and without the example
 * `nextToken`, which Swagger UI would prefill and this mock (signing its tokens) always rejects.
 */
function prepareForTryIt(document: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(document);
  copy.servers = [{ url: ORIGIN_MARK, description: 'This mock server' }];
  const components = copy.components as { parameters?: Record<string, unknown> } | undefined;
  const paths = (copy.paths ?? {}) as Record<string, Record<string, { parameters?: unknown[] }>>;
  const parameters = [
    ...Object.values(components?.parameters ?? {}),
    ...Object.values(paths).flatMap((item) =>
      Object.values(item).flatMap((entry) => (Array.isArray(entry) ? entry : (entry?.parameters ?? []))),
    ),
  ];
  for (const parameter of parameters as { name?: unknown; in?: unknown; example?: unknown }[]) {
    if (parameter?.name === 'nextToken' && parameter.in === 'query') delete parameter.example;
  }
  return copy;
}

/** Names of the document's HTTP bearer schemes, which the docs page pre-authorizes. */
function readBearerSchemes(document: Record<string, unknown>): string[] {
  const components = document.components as { securitySchemes?: Record<string, unknown> } | undefined;
  return Object.entries(components?.securitySchemes ?? {})
    .filter(([, scheme]) => {
      const s = scheme as { type?: unknown; scheme?: unknown };
      return s.type === 'http' && typeof s.scheme === 'string' && s.scheme.toLowerCase() === 'bearer';
    })
    .map(([name]) => name);
}
