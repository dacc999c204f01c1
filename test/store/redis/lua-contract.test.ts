import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis, type RedisConnection } from '../../../src/store/redis/connect-redis.ts';
import { createKeySpace } from '../../../src/store/redis/keys.ts';
import {
  GLOBAL_KEYS,
  GUARD,
  GUARD_WIDTH,
  OP,
  OP_WIDTH,
  REPLY,
  SEED,
  STATE,
  TENANT_KEYS,
} from '../../../src/store/redis/lua-contract.ts';
import { COMMIT, PAGE, PEEK, RECLAIM, RESET } from '../../../src/store/redis/lua-scripts.ts';
import { hasRedisServer, type RedisServer, startRedisServer } from '../../helpers/redis-server.ts';

/**
 * The constants both sides share (lua-contract.ts), tied to what the scripts do with them on a
 * real Redis: the key order, every guard kind, every operation code, every state and reply.
 */

const keySpace = createKeySpace('lua:');
const keys = keySpace.keysOf('t1');
const LIMITS = [100, 100_000, 100, 100_000, 10, 10_000, 90, 90_000];
const pad = (fields: string[], width: number) => [...fields, ...Array(width - fields.length).fill('')];

const highestKey = (lua: string): number =>
  Math.max(0, ...[...lua.matchAll(/KEYS\[(\d+)\]/g)].map((match) => Number(match[1])));

describe('the Lua contract', () => {
  it('gives every script exactly the keys keysOf lists, tenant keys first', () => {
    const count = Object.keys(TENANT_KEYS).length + Object.keys(GLOBAL_KEYS).length;
    expect(keys).toHaveLength(count);
    for (const lua of [PEEK, COMMIT, PAGE, RECLAIM, RESET]) expect(highestKey(lua)).toBe(count);
    expect(keys.slice(0, Object.keys(TENANT_KEYS).length).every((key) => key.startsWith('lua:{t:t1}:'))).toBe(
      true,
    );
  });
});

describe.skipIf(!hasRedisServer())('the Lua contract on a real Redis', () => {
  let server: RedisServer;
  let redis: RedisConnection;
  beforeAll(async () => {
    server = await startRedisServer();
    const connected = await connectRedis(server.url, {});
    if (!connected.ok) throw new Error(connected.error);
    redis = connected.value;
  });
  afterAll(async () => {
    await redis.close();
    await server.dispose();
  });

  const commit = (guards: string[][], ops: string[][]) =>
    redis.run('commit', keys, [
      't1',
      60_000,
      'lua:',
      ...LIMITS,
      guards.length,
      ...guards.flatMap((guard) => pad(guard, GUARD_WIDTH)),
      ...ops.flatMap((op) => pad(op, OP_WIDTH)),
    ]);
  const peek = async (...records: [string, string, string][]) =>
    ((await redis.run('peek', keys, ['t1', 60_000, ...records.flat()])) as unknown[]).slice(7);

  it('reports every state by its STATE letter', async () => {
    await commit([], [[OP.put, 'c', 'live', SEED.none, '1', '{"n":1}']]);
    await commit([], [[OP.put, 'c', 'masks', SEED.ungrouped, '1', '{"n":2}']]);
    await commit([], [[OP.remove, 'c', 'gone', SEED.ungrouped]]);
    const states = await peek(
      ['c', 'live', SEED.none],
      ['c', 'masks', SEED.ungrouped],
      ['c', 'seeded', SEED.ungrouped],
      ['c', 'gone', SEED.ungrouped],
      ['c', 'nothing', SEED.none],
    );
    expect(states).toEqual([
      `${STATE.live}1 {"n":1}`,
      `${STATE.masking}1 {"n":2}`,
      STATE.base,
      STATE.tombstone,
      STATE.absent,
    ]);
  });

  it('answers CONFLICT with the position of the guard that failed, and writes nothing', async () => {
    const reply = await commit(
      [
        [GUARD.state, 'c', 'live', SEED.none, `${STATE.live}1 {"n":1}`],
        [GUARD.state, 'c', 'nothing', SEED.none, STATE.base],
      ],
      [[OP.put, 'c', 'written', SEED.none, '1', '{}']],
    );
    expect(reply).toEqual([REPLY.conflict, 2]);
    expect(await peek(['c', 'written', SEED.none])).toEqual([STATE.absent]);
  });

  it('applies every guard kind when it holds', async () => {
    const reply = await commit(
      [
        [GUARD.state, 'c', 'nothing', SEED.none, STATE.absent],
        [GUARD.count, 'c', '1000', '5'],
        [GUARD.budget, '1', '10'],
        [GUARD.unfixtured],
      ],
      [[OP.fixtured]],
    );
    expect(reply).toEqual([REPLY.applied]);
    // Now fixtured: the same guard fails.
    expect(await commit([[GUARD.unfixtured]], [[OP.fixtured]])).toEqual([REPLY.conflict, 1]);
  });

  it('keeps the owner index and cascades an owner delete through it', async () => {
    await commit(
      [],
      [
        [OP.put, 'child', 'k1', SEED.none, '1', '{}'],
        [OP.own, 'child:1:p:k1'],
        [OP.put, 'child', 'k2', SEED.none, '1', '{}'],
        [OP.own, 'child:1:q:k2'],
      ],
    );
    expect(await commit([], [[OP.cascade, 'child', 'child:1:p:', '', '']])).toEqual([REPLY.applied]);
    expect(await peek(['child', 'k1', SEED.none], ['child', 'k2', SEED.none])).toEqual([
      STATE.absent,
      `${STATE.live}1 {}`,
    ]);
    await commit([], [[OP.disown, 'child:1:q:k2']]);
    await commit([], [[OP.cascade, 'child', 'child:1:q:', '', '']]);
    expect(await peek(['child', 'k2', SEED.none])).toEqual([`${STATE.live}1 {}`]);
  });

  it('clears the tenant: seeded items no longer show', async () => {
    expect(await commit([], [[OP.clear]])).toEqual([REPLY.applied]);
    expect(await peek(['c', 'seeded', SEED.ungrouped], ['c', 'live', SEED.none])).toEqual([
      STATE.absent,
      STATE.absent,
    ]);
  });

  it('refuses an operation or guard it does not know, rather than skipping it', async () => {
    await expect(commit([], [['NOPE']])).rejects.toThrow(/unknown operation NOPE/);
    await expect(commit([['NOPE']], [])).rejects.toThrow(/unknown guard NOPE/);
  });
});
