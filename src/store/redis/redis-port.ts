/** The scripts the Redis store runs (lua-scripts.ts), by name. */
export type ScriptName = 'peek' | 'commit' | 'page' | 'reclaim' | 'reset' | 'resetAll' | 'countTenants';

/**
 * What the Redis store needs from a connection: run a script, append to and read the request
 * log. A port keeps the domain free of the client library (the ioredis wrapper implements it).
 * Every call rejects with `RedisUnavailableError` when Redis cannot answer in time.
 */
export interface RedisPort {
  run(script: ScriptName, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown>;
  /** Appends `entries` (oldest first) to the capped list `key` without waiting for Redis. */
  pushCapped(key: string, entries: readonly string[], capacity: number): void;
  /** Sets `key` to `value` unless it holds something: returns what it held, or null. */
  setIfAbsent(key: string, value: string): Promise<string | null>;
  /** The newest `count` entries of the list `key`, newest first. */
  readList(key: string, count: number): Promise<string[]>;
}

/** Redis did not answer: down, unreachable, or slower than the command timeout. */
export class RedisUnavailableError extends Error {
  override readonly name = 'RedisUnavailableError';
}
