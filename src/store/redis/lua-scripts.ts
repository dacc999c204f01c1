import { TENANT_KEY_SUFFIXES } from './keys.ts';
import { LUA_PRELUDE, LUA_WRITES } from './lua-prelude.ts';

const TENANT_KEYS = TENANT_KEY_SUFFIXES.length;

/**
 * The server-wide budget (budget.ts, mirrored): the global hash `used` holds what all tenants
 * hold (`i`, `b`) and what they hold beyond their guaranteed share (`xi`, `xb`); `weights` holds
 * each tenant's counted usage ("items bytes"), for a reset or an expiry to release.
 * LIMITS are ARGV values: max items, max bytes, tenant items, tenant bytes, guaranteed items,
 * guaranteed bytes, shared room items, shared room bytes.
 */
const LUA_BUDGET = `
local function extra_of(u, g) return math.max(0, u - g) end
-- HINCRBY refuses "-0", which negating a zero gives in Lua: zero moves nothing, so skip it.
local function move(field, delta)
  if delta ~= 0 then redis.call('HINCRBY', USED, field, delta) end
end

local function release(t, gi, gb)
  local held = redis.call('HGET', WEIGHTS, t)
  if not held then return end
  local i, b = string.match(held, '^(%-?%d+) (%-?%d+)$')
  i, b = tonumber(i), tonumber(b)
  move('i', -i)
  move('b', -b)
  move('xi', -extra_of(i, gi))
  move('xb', -extra_of(b, gb))
  redis.call('HDEL', WEIGHTS, t)
end

-- Tenants whose keys Redis already expired (idle) give their share back. Only candidates whose
-- deadline passed are looked at, and only once their meta key is gone: a clock step never frees
-- a live tenant's share.
local function reclaim(prefix, gi, gb)
  for _, t in ipairs(redis.call('ZRANGEBYSCORE', REG, '-inf', now_ms(), 'LIMIT', 0, 256)) do
    if redis.call('EXISTS', prefix .. '{t:' .. t .. '}:m') == 0 then
      release(t, gi, gb)
      redis.call('ZREM', REG, t)
    end
  end
end

local function used_now()
  local u = redis.call('HMGET', USED, 'i', 'b', 'xi', 'xb')
  return { i = tonumber(u[1] or '0'), b = tonumber(u[2] or '0'), xi = tonumber(u[3] or '0'), xb = tonumber(u[4] or '0') }
end

-- Budget.check with this tenant live (counted = from = its usage now), growing by (di, db).
local function fits(usage, di, db, L)
  if di <= 0 and db <= 0 then return true end
  local u = used_now()
  local units = {
    { from = usage.i, d = di, tmax = L[3], max = L[1], g = L[5], room = L[7], used = u.i, extra = u.xi },
    { from = usage.b, d = db, tmax = L[4], max = L[2], g = L[6], room = L[8], used = u.b, extra = u.xb },
  }
  for _, x in ipairs(units) do
    local to = x.from + x.d
    if to > x.from then
      if x.tmax < x.max and to > x.tmax then return false end
      if x.used - x.from + to > x.max then return false end
      if x.extra - extra_of(x.from, x.g) + extra_of(to, x.g) > x.room then return false end
    end
  end
  return true
end
`;

const LUA_COUNTERS = `
local function counters(na_default, nc_default)
  local m = redis.call('HMGET', META, 'na', 'nc', 'w', 'b', 'sw', 'sb')
  return {
    na = tonumber(m[1] or na_default), nc = tonumber(m[2] or nc_default),
    w = tonumber(m[3] or '0'), b = tonumber(m[4] or '0'),
    sw = tonumber(m[5] or '0'), sb = tonumber(m[6] or '0'),
  }
end
-- What the budget counts of the tenant: what it holds beyond what it shares with the fixture.
local function usage_of(n) return { i = math.max(0, n.w - n.sw), b = math.max(0, n.b - n.sb) } end
`;

/**
 * The state of some ids and the counters, in one snapshot: what a write is computed from.
 * ARGV: tenant, idle, na default, nc default, then (kind, id, group or seeded flag) per id.
 * Returns na, nc, w, b, sw, sb, used items, used bytes, extra items, extra bytes, cleared,
 * fixtured, then each id's state.
 */
export const PEEK = `${LUA_PRELUDE}${LUA_BUDGET}${LUA_COUNTERS}
local n = counters(ARGV[3], ARGV[4])
local u = used_now()
local out = { n.na, n.nc, n.w, n.b, n.sw, n.sb, u.i, u.b, u.xi, u.xb, cleared() and 1 or 0, fixtured() }
for i = 5, #ARGV - 2, 3 do
  local s, v = state_of(ARGV[i], ARGV[i + 1], ARGV[i + 2])
  out[#out + 1] = v and (s .. v) or s
end
touch_on_read(ARGV[1], tonumber(ARGV[2]))
return out
`;

/** Where the fixed ARGV of COMMIT end: tenant, idle, na/nc defaults, prefix, 8 limits, guard count. */
export const COMMIT_FIXED_ARGS = 14;

/**
 * Applies a write computed from a snapshot, only if every assumption it was computed from still
 * holds (the guards): otherwise nothing is written and the caller computes it again. Guards are
 * all checked before the first write, because Redis does not roll a script back.
 * ARGV: tenant, idle, na default, nc default, key prefix, the 8 limits, guard count, then guards
 * as (kind, a, b, c), then operations as (op, a, b, c, d).
 */
export const COMMIT = `${LUA_PRELUDE}${LUA_WRITES}${LUA_BUDGET}${LUA_COUNTERS}
local tenant, idle, prefix = ARGV[1], tonumber(ARGV[2]), ARGV[5]
local L = {}
for i = 1, 8 do L[i] = tonumber(ARGV[5 + i]) end
local n = counters(ARGV[3], ARGV[4])
local guards = tonumber(ARGV[14])
local at = 15
for i = 1, guards do
  local kind, a, b, c = ARGV[at], ARGV[at + 1], ARGV[at + 2], ARGV[at + 3]
  local held
  if kind == 'SA' or kind == 'SC' then
    local s, v = state_of(kind == 'SA' and 'a' or 'c', a, b)
    held = (v and (s .. v) or s) == c
  elseif kind == 'NA' then held = n.na <= tonumber(a)
  elseif kind == 'NC' then held = n.nc <= tonumber(a)
  elseif kind == 'W' then held = n.w == tonumber(a) and n.b == tonumber(b)
  elseif kind == 'FX' then held = fixtured() == 0
  elseif kind == 'BG' then
    held = fits(usage_of(n), tonumber(a), tonumber(b), L)
    if not held then
      reclaim(prefix, L[5], L[6])
      held = fits(usage_of(n), tonumber(a), tonumber(b), L)
    end
  end
  if not held then return { 'CONFLICT', i } end
  at = at + 4
end
local before = usage_of(n)
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
  elseif op == 'FXS' then
    -- The fixture's records are shared with it, not the tenant's to pay for (see budget.ts).
    redis.call('HSET', META, 'fx', '1')
    n.sw, n.sb = n.w, n.b
  else return redis.error_reply('unknown operation ' .. tostring(op)) end
  at = at + 5
end
redis.call('HSET', META, 'na', n.na, 'nc', n.nc, 'w', n.w, 'b', n.b, 'sw', n.sw, 'sb', n.sb)
local after = usage_of(n)
move('i', after.i - before.i)
move('b', after.b - before.b)
move('xi', extra_of(after.i, L[5]) - extra_of(before.i, L[5]))
move('xb', extra_of(after.b, L[6]) - extra_of(before.b, L[6]))
redis.call('HSET', WEIGHTS, tenant, after.i .. ' ' .. after.b)
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

/**
 * Frees the budget of tenants Redis expired. ARGV: key prefix, guaranteed items, guaranteed
 * bytes. Returns what all tenants hold: items, bytes.
 */
export const RECLAIM = `${LUA_PRELUDE}${LUA_BUDGET}
reclaim(ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]))
local u = used_now()
return { u.i, u.b }
`;

/** Drops one tenant's overlay and its share of the budget. ARGV: tenant, guaranteed items, bytes. */
export const RESET = `${LUA_PRELUDE}${LUA_BUDGET}
for i = 1, TENANT_KEYS do redis.call('DEL', KEYS[i]) end
release(ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]))
redis.call('ZREM', REG, ARGV[1])
return 1
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
