import { type HttpHandler, HttpResponse, http } from 'msw';
import { exampleFallbackFor } from '../../core/example-fallback.ts';
import { createMock, isFault, type Mock, type MockOptions } from '../../core/index.ts';
import { bundledSpec } from '../../spec/bundled-spec.ts';
import type { LoadedSpec } from '../../spec/types.ts';
import { toCoreRequest } from './web-request.ts';

/** The core's options (see `MockOptions`) plus where to answer; the spec is the bundled one by default. */
export interface HandlersOptions extends Omit<MockOptions, 'spec' | 'fallback'> {
  /**
   * The API's base URL(s) to answer under (a path such as `https://host/v1` is stripped before
   * routing). Default: every URL of the spec's `servers` (`https://api.togai.com` and the sandbox).
   */
  baseUrl?: string | readonly string[];
  /** Another spec, built with `buildPreparedSpec` (or `buildSpec` in Node). Default: the bundled one. */
  spec?: LoadedSpec;
}

/**
 * MSW request handlers, an array to spread into `setupServer(...)` / `setupWorker(...)`, carrying
 * the mock behind them: `reset()` between tests, `mock` for export, import and the request log.
 */
export type TogaiHandlers = HttpHandler[] & {
  /** Drops every tenant's changes (or one token's): call it in `beforeEach`. */
  reset(token?: string): Promise<void>;
  /** The mock itself (`export`, `import`, `requests`, `settings`). */
  readonly mock: Mock;
  /** The base URLs answered. */
  readonly baseUrls: readonly string[];
};

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The Togai Accounts mock as MSW handlers over the same core as the server: the same seeded data
 * for the same seed, tenants per bearer token, pagination, errors, `Prefer` controls and
 * `${baseUrl}/__admin`. Operations the store does not implement answer from the spec's examples.
 */
export function createHandlers(options: HandlersOptions = {}): TogaiHandlers {
  const { baseUrl, spec: given, ...core } = options;
  const spec = given ?? bundledSpec();
  const mock = createMock({ ...core, spec, fallback: (s) => exampleFallbackFor(s, { seed: core.seed }) });
  const sleep = core.sleep ?? realSleep;
  const bases = (
    baseUrl === undefined ? serverUrls(spec) : typeof baseUrl === 'string' ? [baseUrl] : [...baseUrl]
  ).map((base) => base.replace(/\/+$/, ''));
  const handlers = bases.map((base) => {
    const prefix = new URL(base).pathname.replace(/\/+$/, '');
    return http.all(`${base}/*`, async ({ request }) => {
      const url = new URL(request.url);
      const answer = await mock.handle(toCoreRequest(request, url, prefix));
      if (isFault(answer)) {
        if (answer.fault === 'timeout') await sleep(answer.holdMs);
        return HttpResponse.error();
      }
      const body = request.method === 'HEAD' ? null : (answer.body ?? null);
      return new HttpResponse(body, { status: answer.status, headers: answer.headers });
    });
  });
  return Object.assign(handlers, {
    reset: (token?: string) => mock.reset(token),
    mock,
    baseUrls: bases,
  });
}

/** The spec's `servers` URLs: where Togai's clients send requests. */
function serverUrls(spec: LoadedSpec): string[] {
  const servers = Array.isArray(spec.document.servers) ? spec.document.servers : [];
  const urls = servers
    .map((server) => (server as { url?: unknown }).url)
    .filter((url): url is string => typeof url === 'string' && /^https?:\/\//.test(url));
  if (urls.length === 0) throw new Error('msw: the spec declares no absolute server URL; pass baseUrl');
  return urls;
}
