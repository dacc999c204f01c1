import { Redis, ReplyError } from 'ioredis';
import { fail, ok, type Result } from '../../shared/result.ts';
import { COMMIT, COUNT_TENANTS, PAGE, PEEK, RECLAIM, RESET, RESET_ALL } from './lua-scripts.ts';
import { redactUrl } from './redact-url.ts';
import { type RedisPort, RedisUnavailableError, type ScriptName } from './redis-port.ts';

const SCRIPTS: Record<ScriptName, string> = {
  peek: PEEK,
  commit: COMMIT,
  page: PAGE,
  reclaim: RECLAIM,
  reset: RESET,
  resetAll: RESET_ALL,
  countTenants: COUNT_TENANTS,
};

/**
 * Server replies that mean "not now" rather than "your command is wrong": loading its data, a busy
 * script, a replica or cluster in transition, out of memory (`maxmemory` with `noeviction`), or a
 * failing disk blocking writes. Each answers 503; anything else from Redis is a bug here.
 */
const timeoutMsOf = (options: RedisConnectOptions): number => options.commandTimeoutMs ?? 1000;

const TRANSIENT = /^(LOADING|BUSY|MASTERDOWN|TRYAGAIN|CLUSTERDOWN|READONLY|OOM|MISCONF|NOREPLICAS)\b/;

export interface RedisConnectOptions {
  /** A command not answered within this fails (the request answers 503). Default 1000 ms. */
  commandTimeoutMs?: number;
  /** Connecting at start-up gives up after this. Default 2000 ms. */
  connectTimeoutMs?: number;
  /** Told when Redis goes away and comes back (once per change, not per failed command). */
  onStatus?: (message: string) => void;
  /** Called each time the connection is ready again after an outage (to re-check what Redis holds). */
  onReconnect?: () => void;
  /** Told of every command answered or failed (the server's metrics count round trips and errors). */
  onCommand?: (failed: boolean) => void;
}

export interface RedisConnection extends RedisPort {
  close(): Promise<void>;
}

type ScriptCaller = (numberOfKeys: number, ...args: (string | number)[]) => Promise<unknown>;

/**
 * Connects with ioredis, tuned so that an outage is a fast error rather than a wait: no offline
 * queue (a command while disconnected fails at once), no retry of a command in flight when the
 * connection drops (a write's outcome is then unknown, as with any database; the caller answers
 * 503), a timeout per command, and reconnection forever in the background with at most 500 ms
 * between tries, so service resumes by itself within about half a second of Redis's return.
 * Scripts are defined once and sent by SHA (EVALSHA, reloaded by ioredis after a restart).
 */
export async function connectRedis(
  url: string,
  options: RedisConnectOptions = {},
): Promise<Result<RedisConnection, string>> {
  const client = new Redis(url, {
    lazyConnect: true,
    protocol: 2,
    enableAutoPipelining: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: timeoutMsOf(options),
    connectTimeout: options.connectTimeoutMs ?? 2000,
    retryStrategy: (times) => Math.min(50 * times, 500),
  });
  let down = false;
  client.on('error', (error: Error) => {
    if (!down)
      options.onStatus?.(`redis: unavailable (${error.message}); requests answer 503 until it returns`);
    down = true;
  });
  client.on('ready', () => {
    if (down) {
      options.onStatus?.('redis: available again');
      options.onReconnect?.();
    }
    down = false;
  });
  for (const [name, lua] of Object.entries(SCRIPTS)) client.defineCommand(name, { lua });
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    client.disconnect();
    return fail(`redis: cannot reach ${redactUrl(url)}: ${(error as Error).message}`);
  }
  const timeoutMs = timeoutMsOf(options);
  // ioredis starts a command's timeout only once the auto-pipeline before it has settled, so a
  // command queued behind a hung one waited twice the timeout: the deadline is kept here instead,
  // from the call (ioredis's own timeout still frees the command itself).
  const call = async <T>(work: () => Promise<T>): Promise<T> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new RedisUnavailableError(`no answer within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      const answer = await Promise.race([work(), deadline]);
      options.onCommand?.(false);
      return answer;
    } catch (error) {
      options.onCommand?.(true);
      if (error instanceof RedisUnavailableError) throw error;
      const message = (error as Error).message;
      if (error instanceof ReplyError && !TRANSIENT.test(message)) throw error;
      if (/timed out/i.test(message)) throw new RedisUnavailableError(`no answer within ${timeoutMs} ms`);
      if (client.status !== 'ready') throw new RedisUnavailableError('not connected');
      throw new RedisUnavailableError(message);
    } finally {
      clearTimeout(timer);
    }
  };
  const scripts = client as unknown as Record<ScriptName, ScriptCaller>;
  return ok({
    run: (script, keys, args) => call(() => scripts[script](keys.length, ...keys, ...args)),
    pushCapped(key, entries, capacity) {
      // The log is best effort: a lost line never fails the request it describes.
      client.lpush(key, ...entries).catch(() => undefined);
      client.ltrim(key, 0, capacity - 1).catch(() => undefined);
    },
    readList: (key, count) => call(() => client.lrange(key, 0, count - 1)),
    setIfAbsent: (key, value) => call(() => client.set(key, value, 'NX', 'GET')),
    async close() {
      try {
        await client.quit();
      } catch {
        client.disconnect();
      }
    },
  });
}
