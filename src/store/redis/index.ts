/**
 * The store's Redis entry, loaded only when Redis mode is asked for (it brings the Redis client):
 * the tenants, the shared request log and the token secret of one data set on one Redis.
 */
export { openRedisMode, type RedisMode, type RedisModeOptions } from './open-redis-mode.ts';
export type { FixtureApplier, RedisAccountStore, RedisDraft } from './redis-store.ts';
export type { RedisTenants } from './redis-tenants.ts';
