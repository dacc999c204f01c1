import type { IHttpConfig } from '@stoplight/prism-http';
import { type ApiError, apiError, type Fallback, type FallbackResponse } from '../../core/index.ts';
import type { LoadedSpec } from '../../spec/types.ts';

/**
 * The core's fallback for a spec, backed by Prism: Prism is imported and built on the first
 * request that needs it (never, for a client that only uses the store's operations).
 */
export function prismFallbackFor(spec: LoadedSpec): Fallback {
  let prism: Promise<Fallback> | undefined;
  return async (request, prefer) => {
    prism ??= createPrismFallback(spec.document);
    return (await prism)(request, prefer);
  };
}

type Either<L, R> = { _tag: 'Left'; left: L } | { _tag: 'Right'; right: R };

interface PrismDiagnostic {
  path?: (string | number)[];
  message?: string;
}

interface PrismError extends Error {
  status?: number;
  detail?: string;
  additional?: { validation?: PrismDiagnostic[] };
}

export const PRISM_MISSING =
  'fallback: --fallback prism needs Prism: npm install --save-dev @stoplight/prism-core@5.16.0 @stoplight/prism-http@5.16.0';

/** Prism is an optional peer dependency, needed only by `--fallback prism`. */
export async function hasPrism(): Promise<boolean> {
  try {
    await Promise.all([import('@stoplight/prism-core'), import('@stoplight/prism-http')]);
    return true;
  } catch {
    return false;
  }
}

/**
 * Prism, kept behind one function: it mocks the operations the store does not implement (from
 * examples or schema-generated data) and nothing else sees its fp-ts types. It is stateless.
 */
export async function createPrismFallback(document: object): Promise<Fallback> {
  // Loaded on first use: importing Prism costs about half a second that every start-up paid before.
  // An optional peer dependency: `--fallback prism` is the only path that needs it.
  let modules: [typeof import('@stoplight/prism-core'), typeof import('@stoplight/prism-http')];
  try {
    modules = await Promise.all([import('@stoplight/prism-core'), import('@stoplight/prism-http')]);
  } catch {
    return async () => ({
      status: 501,
      headers: {},
      body: { message: PRISM_MISSING },
    });
  }
  const [{ createLogger }, { createInstance, getHttpOperationsFromSpec }] = modules;
  const operations = await getHttpOperationsFromSpec(structuredClone(document));
  const logger = createLogger('togai-mock', { level: 'silent' });
  const config: IHttpConfig = {
    mock: { dynamic: false },
    checkSecurity: false,
    validateRequest: true,
    validateResponse: false,
    errors: true,
    upstreamProxy: undefined,
    isProxy: false,
  };
  const prism = createInstance(config, { logger });
  return async (request, prefer = {}) => {
    const task = prism.request(
      {
        method: request.method.toLowerCase() as 'get',
        url: { path: request.path, query: request.query },
        headers: request.headers,
        body: request.body,
      },
      operations,
      {
        ...config,
        mock: {
          dynamic: prefer.dynamic === true,
          ...(prefer.code !== undefined ? { code: prefer.code } : {}),
          ...(prefer.example !== undefined ? { exampleKey: prefer.example } : {}),
        },
      },
    );
    const result = (await task()) as Either<
      PrismError,
      { output: FallbackResponse & { statusCode: number } }
    >;
    if (result._tag === 'Left') return renderPrismError(result.left);
    const { output } = result.right;
    return { status: output.statusCode, headers: output.headers ?? {}, body: output.body };
  };
}

function renderPrismError(error: PrismError): FallbackResponse {
  const failure = toApiError(error);
  return {
    status: failure.status,
    headers: { 'x-error-code': failure.error.code },
    body: { message: failure.error.message },
  };
}

/** Prism's problem+json errors (422 for invalid input, 404 for no route…) mapped to the spec's shape. */
function toApiError(error: PrismError): { status: number; error: ApiError } {
  const first = error.additional?.validation?.[0];
  if (first) {
    // Prism paths look like ['query', 'pageSize'] or ['body', 'name']: the last part names the field.
    const parts = (first.path ?? []).map(String);
    const field = parts.length > 1 ? parts.slice(1).join('.') : (parts[0] ?? 'request');
    return { status: 400, error: apiError('INVALID_REQUEST', `${field}: ${first.message ?? 'is invalid'}`) };
  }
  const status = error.status ?? 500;
  if (status === 404)
    return { status, error: apiError('NOT_FOUND', `path: ${error.detail || error.message}`) };
  if (status === 405) return { status, error: apiError('METHOD_NOT_ALLOWED', `method: ${error.message}`) };
  if (status >= 400 && status < 500) {
    return { status: 400, error: apiError('INVALID_REQUEST', `request: ${error.detail || error.message}`) };
  }
  return { status: 500, error: apiError('INTERNAL', `mock: ${error.message}`) };
}
