import { TENANT_KEY_SUFFIXES } from './keys.ts';
import { LUA_PRELUDE, LUA_WRITES } from './lua-prelude.ts';

const TENANT_KEYS = TENANT_KEY_SUFFIXES.length;

/**
 * Removes tenants whose keys Redis already expired (idle) from the budget. Only candidates whose
 * deadline passed are looked at, and a tenant is dropped only once its meta key is gone, so a
 * clock step never frees a live tenant's share.
 */
const LUA_RECLAIM = `
local function reclaim(prefix)
  local freed = 0
  for _, t in ipairs(redis.call('ZRANGEBYSCORE', REG, '-inf', now_ms(), 'LIMIT', 0, 256)) do
    local base = prefix .. '{t:' .. t .. '}:'
    if redis.call('EXISTS', base .. 'm') == 0 then
      freed = freed + tonumber(redis.call('HGET', WEIGHTS, t) or '0')
      redis.call('HDEL', WEIGHTS, t)
      redis.call('ZREM', REG, t)
    end
  end
  if freed ~= 0 then redis.call('DECRBY', USED, freed) end
end
`;

const LUA_COUNTERS = `
local function counters(na_default, nc_default)
  local m = redis.call('HMGET', META, 'na', 'nc', 'w')
  return { na = tonumber(m[1] or na_default), nc = tonumber(m[2] or nc_default), w = tonumber(m[3] or '0') }
end
`;

/**
 * The state of some ids and the counters, in one snapshot: what a write is computed from.
 * ARGV: tenant, idle, na default, nc default, then (kind, id, group or seeded flag) per id.
 * Returns na, nc, w, used, cleared, fixtured, then each id's state.
 */
export const PEEK = `${LUA_PRELUDE}${LUA_COUNTERS}
local n = counters(ARGV[3], ARGV[4])
local out = { n.na, n.nc, n.w, tonumber(redis.call('GET', USED) or '0'), cleared() and 1 or 0, fixtured() }
for i = 5, #ARGV - 2, 3 do
  local s, v = state_of(ARGV[i], ARGV[i + 1], ARGV[i + 2])
  out[#out + 1] = v and (s .. v) or s
end
touch_on_read(ARGV[1], tonumber(ARGV[2]))
return out
`;

/**
 * Applies a write computed from a snapshot, only if every assumption it was computed from still
 * holds (the guards): otherwise nothing is written and the caller computes it again. Guards are
 * all checked before the first write, because Redis does not roll a script back.
 * ARGV: tenant, idle, na default, nc default, key prefix, guard count, then guards as
 * (kind, a, b, c), then operations as (op, a, b, c, d).
 */
export const COMMIT = `${LUA_PRELUDE}${LUA_WRITES}${LUA_RECLAIM}${LUA_COUNTERS}
local tenant, idle, prefix = ARGV[1], tonumber(ARGV[2]), ARGV[5]
local n = counters(ARGV[3], ARGV[4])
local guards = tonumber(ARGV[6])
local at = 7
for i = 1, guards do
  local kind, a, b, c = ARGV[at], ARGV[at + 1], ARGV[at + 2], ARGV[at + 3]
  local held
  if kind == 'SA' or kind == 'SC' then
    local s, v = state_of(kind == 'SA' and 'a' or 'c', a, b)
    held = (v and (s .. v) or s) == c
  elseif kind == 'NA' then held = n.na <= tonumber(a)
  elseif kind == 'NC' then held = n.nc <= tonumber(a)
  elseif kind == 'W' then held = n.w == tonumber(a)
  elseif kind == 'FX' then held = fixtured() == 0
  elseif kind == 'BU' then
    held = tonumber(redis.call('GET', USED) or '0') <= tonumber(a)
    if not held then
      reclaim(prefix)
      held = tonumber(redis.call('GET', USED) or '0') <= tonumber(a)
    end
  end
  if not held then return { 'CONFLICT', i } end
  at = at + 4
end
local before = n.w
while at <= #ARGV do
  local op, a, b, c, d = ARGV[at], ARGV[at + 1], ARGV[at + 2], ARGV[at + 3], ARGV[at + 4]
  if op == 'AS' then acc_set(n, a, tonumber(b), c)
  elseif op == 'AD' then acc_delete(n, a, tonumber(b))
  elseif op == 'O+' then redis.call('ZADD', A_OWN, 0, a)
  elseif op == 'O-' then redis.call('ZREM', A_OWN, a)
  elseif op == 'CS' then cust_set(n, a, b == '1', c)
  elseif op == 'CD' then cust_delete(n, a, b == '1')
  elseif op == 'CC' then cascade(n, a, b, tonumber(c), tonumber(d))
  elseif op == 'CLR' then clear_tenant(n)
  elseif op == 'FXS' then redis.call('HSET', META, 'fx', '1')
  else return redis.error_reply('unknown operation ' .. tostring(op)) end
  at = at + 5
end
redis.call('HSET', META, 'na', n.na, 'nc', n.nc, 'w', n.w)
if n.w ~= before then redis.call('INCRBY', USED, n.w - before) end
redis.call('HSET', WEIGHTS, tenant, n.w)
touch(tenant, idle)
return { 'OK' }
`;

/**
 * What a page needs from the overlay, read from one snapshot: ids (and records) of live overlay
 * entries after the cursor, deleted seeded ids after it, hidden groups and whether the baseline
 * was cleared. ARGV: tenant, idle, kind ('a' | 'c'), has cursor, cursor, order, live count,
 * marker count.
 */
export const PAGE = `${LUA_PRELUDE}
local kind, after, asc = ARGV[3], ARGV[5], ARGV[6] == 'ASC'
local records, live, deleted = A_REC, A_LIVE, A_DEL
if kind == 'c' then records, live, deleted = C_REC, C_LIVE, C_DEL end
local function range(key, count)
  if asc then
    local from = ARGV[4] == '1' and ('(' .. after) or '-'
    return redis.call('ZRANGE', key, from, '+', 'BYLEX', 'LIMIT', 0, count)
  end
  local from = ARGV[4] == '1' and ('(' .. after) or '+'
  return redis.call('ZRANGE', key, from, '-', 'BYLEX', 'REV', 'LIMIT', 0, count)
end
local ids = range(live, tonumber(ARGV[7]))
local values = {}
if #ids > 0 then values = redis.call('HMGET', records, unpack(ids)) end
local groups = {}
if kind == 'a' then groups = redis.call('SMEMBERS', HIDDEN) end
touch_on_read(ARGV[1], tonumber(ARGV[2]))
return { cleared() and 1 or 0, groups, ids, values, range(deleted, tonumber(ARGV[8])), fixtured() }
`;

/** Frees the budget of tenants Redis expired. ARGV: key prefix. Returns what all tenants hold. */
export const RECLAIM = `${LUA_PRELUDE}${LUA_RECLAIM}
reclaim(ARGV[1])
return tonumber(redis.call('GET', USED) or '0')
`;

/** Drops one tenant's overlay and its share of the budget. ARGV: tenant. */
export const RESET = `${LUA_PRELUDE}
local w = tonumber(redis.call('HGET', META, 'w') or '0')
for i = 1, TENANT_KEYS do redis.call('DEL', KEYS[i]) end
if w ~= 0 then redis.call('DECRBY', USED, w) end
redis.call('HDEL', WEIGHTS, ARGV[1])
redis.call('ZREM', REG, ARGV[1])
return w
`;

/** Drops every tenant the registry knows. KEYS: the three global keys; ARGV: key prefix. */
export const RESET_ALL = `
local suffixes = { ${TENANT_KEY_SUFFIXES.map((suffix) => `'${suffix}'`).join(', ')} }
local tenants = redis.call('ZRANGE', KEYS[1], 0, -1)
for _, t in ipairs(tenants) do
  for _, suffix in ipairs(suffixes) do redis.call('DEL', ARGV[1] .. '{t:' .. t .. '}:' .. suffix) end
end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
return #tenants
`;

/** Tenants not yet idle past their deadline. KEYS: the three global keys. */
export const COUNT_TENANTS = `
local t = redis.call('TIME')
return redis.call('ZCOUNT', KEYS[1], tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000), '+inf')
`;

export { TENANT_KEYS };
