import type { MockServerOptions } from '../../src/adapters/node/create-mock-server.ts';
import { startMock, type TestMock } from './start-mock.ts';

let pairs = 0;

export interface RedisPair extends TestMock {
  /** The two instances, for a test that picks one. */
  readonly a: TestMock;
  readonly b: TestMock;
  /** The pair's key prefix: a new pair given it sees the same data (a restart). */
  readonly prefix: string;
}

/**
 * Two mock servers on one Redis, under a key prefix of their own (a fresh data set per pair), as
 * one `TestMock` whose calls alternate between them: every request goes to the other instance
 * than the one before, so any state kept in a process instead of Redis shows as a failure.
 */
export async function startRedisPair(
  redisUrl: string,
  options: MockServerOptions = {},
  prefix = `pair${process.pid}-${++pairs}:`,
  start: typeof startMock = startMock,
): Promise<RedisPair> {
  const redis = { url: redisUrl, prefix };
  const a = await start({ ...options, redis });
  const b = await start({ ...options, redis });
  // `--rate-limit` is counted per process (docs/scaling.md): a suite about it talks to one instance.
  const step = options.rateLimit === undefined ? 1 : 0;
  let turn = 0;
  return {
    prefix,
    a,
    b,
    get url() {
      return (turn % 2 === 0 ? a : b).url;
    },
    call: (method, path, init) => {
      const instance = turn % 2 === 0 ? a : b;
      turn += step;
      return instance.call(method, path, init);
    },
    async close() {
      await Promise.all([a.close(), b.close()]);
    },
  };
}
