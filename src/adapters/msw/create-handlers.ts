import type { HttpHandler } from 'msw';
// `msw/core/http` (msw ≥ 2.2), not `msw`: the package root also loads GraphQL and WebSocket support,
// ~180 ms of CPU in a test file that only needs `http`. Answers are plain fetch `Response`s, which
// MSW takes as they are (`Response.error()` is its network error).
import { http } from 'msw/core/http';
import {
  type CoreResponse,
  createMock,
  type Fixture,
  type FixtureValidator,
  fixtureValidatorFor,
  isChunkedBody,
  isFault,
  type Mock,
  type MockOptions,
  specFallbackFor,
  toReadableStream,
} from '../../core/index.ts';
import { bundledSpec } from '../../spec/bundled-spec.ts';
import type { LoadedSpec } from '../../spec/types.ts';
import { toCoreRequest } from './web-request.ts';

/** The core's options (see `MockOptions`) plus where to answer; the spec is the bundled one by default. */
export interface HandlersOptions extends Omit<MockOptions, 'spec' | 'fallback' | 'fixture'> {
  /**
   * Data applied to every tenant on top of the seeded data: an object in the fixture format
   * (see fixtures/), checked against the spec here; an invalid one throws naming the field.
   */
  fixture?: object;
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
 * `${baseUrl}/__admin`. Operations the store does not implement answer from the spec's examples
 * (or data generated from its schemas), as the server's default fallback answers them.
 */
export function createHandlers(options: HandlersOptions = {}): TogaiHandlers {
  const { baseUrl, spec: given, fixture: rawFixture, ...core } = options;
  const spec = given ?? bundledSpec();
  const validator = rawFixture === undefined ? undefined : fixtureValidatorFor(spec);
  // The bundled spec's fixture validator is prepared: checked now, and thrown, not returned (a
  // broken fixture is a test set-up mistake, to be seen at once). Another spec's is compiled by ajv,
  // imported on demand: then the first request waits for it, and fails with the same message (the
  // mock holds the fixture as given: a valid fixture is that same object).
  const fixture =
    validator instanceof Promise ? (rawFixture as Fixture) : checkFixture(validator, rawFixture);
  const mock = createMock({
    ...core,
    spec,
    ...(fixture ? { fixture } : {}),
    // The server's default fallback too: an operation the store does not implement gets the same
    // answer from both adapters.
    fallback: specFallbackFor,
  });
  const ready =
    validator instanceof Promise ? validator.then((made) => void checkFixture(made, rawFixture)) : undefined;
  // Seen by the requests that await it; no unhandled rejection when none comes.
  ready?.catch(() => undefined);
  const sleep = core.sleep ?? realSleep;
  const bases = (
    baseUrl === undefined ? serverUrls(spec) : typeof baseUrl === 'string' ? [baseUrl] : [...baseUrl]
  ).map((base) => base.replace(/\/+$/, ''));
  const handlers = bases.map((base) => {
    const prefix = new URL(base).pathname.replace(/\/+$/, '');
    // A RegExp, not `${base}/*`: MSW decodes a path pattern's parameters with decodeURIComponent,
    // which throws on malformed percent-encoding before our 400 could answer it.
    return http.all(new RegExp(`^${escapeRegExp(base)}/`), async ({ request }) => {
      if (ready) await ready;
      const url = new URL(request.url);
      const answer = await mock.handle(toCoreRequest(request, url, prefix));
      if (isFault(answer)) {
        if (answer.fault === 'timeout') await sleep(answer.holdMs);
        return Response.error();
      }
      return new Response(webBody(request.method, answer.body), {
        status: answer.status,
        headers: answer.headers,
      });
    });
  });
  return Object.assign(handlers, {
    reset: (token?: string) => mock.reset(token),
    mock,
    baseUrls: bases,
  });
}

function checkFixture(validate: FixtureValidator | undefined, raw: unknown): Fixture | undefined {
  if (!validate) return undefined;
  const checked = validate(raw);
  if (!checked.ok) throw new Error(`togai-accounts-mock/msw: fixture ${checked.error.message}`);
  return checked.value;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The spec's `servers` URLs: where Togai's clients send requests. */
function serverUrls(spec: LoadedSpec): string[] {
  const servers = Array.isArray(spec.document.servers) ? spec.document.servers : [];
  const urls = servers
    .map((server) => (server as { url?: unknown }).url)
    .filter((url): url is string => typeof url === 'string' && /^https?:\/\//.test(url));
  if (urls.length === 0) throw new Error('msw: the spec declares no absolute server URL; pass baseUrl');
  return urls;
}

/** The core's body as a fetch body: a streamed export becomes a ReadableStream, and HEAD gets none. */
function webBody(method: string, body: CoreResponse['body']): ConstructorParameters<typeof Response>[0] {
  if (body === undefined) return null;
  if (isChunkedBody(body)) {
    if (method !== 'HEAD') return toReadableStream(body);
    // Nobody will read it: stop the producer (it holds a snapshot of the tenant).
    void body[Symbol.asyncIterator]().return?.();
    return null;
  }
  return method === 'HEAD' ? null : body;
}
