import type { MockServerOptions } from '../../src/adapters/node/create-mock-server.ts';
import type { TestMock } from '../helpers/start-mock.ts';

/**
 * What a shared case may ask of a mock: the core's options, and a fixture file. Server-only
 * settings (CORS, socket timeouts, the spec file) belong to the HTTP-only tests.
 */
export type CaseOptions = Omit<
  MockServerOptions,
  'specPath' | 'corsOrigins' | 'requestTimeoutMs' | 'headersTimeoutMs'
>;

/**
 * One way to run the mock, for the shared behaviour suite (hono's `common.case.test.ts` pattern):
 * `start` gives a fresh mock with `url` and `call(method, path, {token, body, headers})`. Any
 * client works: the cases see only `call`, and `fetch` to `url` (for bytes `call` cannot send).
 */
export interface Adapter {
  name: string;
  start(options?: CaseOptions): Promise<TestMock>;
}

/** A suite of cases, defined once, run by every adapter's test file. */
export interface CaseSuite {
  name: string;
  define(adapter: Adapter): void;
}
