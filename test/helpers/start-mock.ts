import { createMockServer, type MockServerOptions } from '../../src/adapters/node/create-mock-server.ts';

export interface TestMock {
  url: string;
  /** `fetch` with a bearer token (tenant) and JSON handling. */
  call(
    method: string,
    path: string,
    options?: { token?: string | null; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; headers: Headers; body: unknown; text: string }>;
  close(): Promise<void>;
}

/** Starts the mock on a free port of 127.0.0.1; call `close()` after. */
export async function startMock(options: MockServerOptions = {}): Promise<TestMock> {
  const server = await createMockServer(options);
  const running = await server.listen(0, '127.0.0.1');
  return { url: running.url, call: callerFor(running.url), close: () => server.close() };
}

/**
 * The suites' client for a mock at `url`, through the global `fetch`: a server's address, or an
 * origin MSW intercepts in process (test/helpers/start-msw-mock.ts).
 */
export function callerFor(url: string): TestMock['call'] {
  return async (method, path, { token = 'test-token', body, headers = {} } = {}) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...(token !== null ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    return readResponse(res);
  };
}

/** Status, headers, the body parsed as JSON when it is JSON (else its text), and the raw text. */
export async function readResponse(
  res: Response,
): Promise<{ status: number; headers: Headers; body: unknown; text: string }> {
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: the test sees the text
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}
