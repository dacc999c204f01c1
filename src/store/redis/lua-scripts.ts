import { GLOBAL_KEYS, GUARD, GUARD_WIDTH, OP, OP_WIDTH, REPLY, TENANT_KEYS } from './lua-contract.ts';
import { LUA_PRELUDE, LUA_WRITES } from './lua-prelude.ts';

/**
 * The server-wide budget (budget.ts, mirrored): `used` holds what all tenants hold (`i`, `b`) and
 * what they hold beyond their guaranteed share (`xi`, `xb`); `weights` holds each tenant's counted
 * usage ("items bytes"), for a reset or an expiry to release. LIMITS are ARGV values: max items,
 * max bytes, tenant items, tenant bytes, guaranteed items, guaranteed bytes, shared room items,
 * shared room bytes.
 */
const LUA_BUDGET = `
local function extra_of(u, g) return math.max(0, u - g) end
-- HINCRBY refuses "-0", which negating a zero gives in Lua: zero moves nothing, so skip it.
local function move(field, delta)
  if delta ~= 0 then redis.call('HINCRBY', K_used, field, delta) end
end

local function release(t, gi, gb)
  local held = redis.call('HGET', K_weights, t)
  if not held then return end
  local i, b = string.match(held, '^(%-?%d+) (%-?%d+)$')
  i, b = tonumber(i), tonumber(b)
  move('i', -i)
  move('b', -b)
  move('xi', -extra_of(i, gi))
  move('xb', -extra_of(b, gb))
  redis.call('HDEL', K_weights, t)
end

-- Tenants whose keys Redis already expired (idle) give their share back. Only candidates whose
-- deadline passed are looked at, and only once their meta key is gone: a clock step never frees
-- a live tenant's share.
local function reclaim(prefix, gi, gb)
  for _, t in ipairs(redis.call('ZRANGEBYSCORE', K_registry, '-inf', now_ms(), 'LIMIT', 0, 256)) do
    if redis.call('EXISTS', prefix .. '{t:' .. t .. '}:${TENANT_KEYS.meta}') == 0 then
      release(t, gi, gb)
      redis.call('ZREM', K_registry, t)
    end
  end
end

local function used_now()
  local u = redis.call('HMGET', K_used, 'i', 'b', 'xi', 'xb')
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

/** The tenant's counters from its meta hash: per-collection count deltas and the usage. */
const LUA_COUNTERS = `
local function counters()
  local n = { counts = {}, w = 0, b = 0, sw = 0, sb = 0 }
  local flat = redis.call('HGETALL', K_meta)
  for i = 1, #flat, 2 do
    local field, value = flat[i], flat[i + 1]
    if string.sub(field, 1, 2) == 'n:' then n.counts[string.sub(field, 3)] = tonumber(value)
    elseif field == 'w' or field == 'b' or field == 'sw' or field == 'sb' then n[field] = tonumber(value) end
  end
  return n
end
local function count_of(n, c, base) return (cleared() and 0 or base) + (n.counts[c] or 0) end
-- What the budget counts of the tenant: what it holds beyond what it shares with the fixture.
local function usage_of(n) return { i = math.max(0, n.w - n.sw), b = math.max(0, n.b - n.sb) } end
`;

/**
 * The state of some records and the tenant's counters, in one snapshot: what a write is computed
 * from. ARGV: tenant, idle, then (collection, id, seed) per record. Returns the meta hash (flat),
 * used items, used bytes, extra items, extra bytes, cleared, fixtured, then each record's state.
 */
export const PEEK = `${LUA_PRELUDE}${LUA_BUDGET}
local u = used_now()
local out = { redis.call('HGETALL', K_meta), u.i, u.b, u.xi, u.xb, cleared() and 1 or 0, fixtured() }
for i = 3, #ARGV - 2, 3 do
  local s, v = state_of(ARGV[i], ARGV[i + 1], ARGV[i + 2])
  out[#out + 1] = v and (s .. v) or s
end
touch_on_read(ARGV[1], tonumber(ARGV[2]))
return out
`;

/** Where COMMIT's fixed ARGV end: tenant, idle, key prefix, the 8 limits, the guard count. */
export const COMMIT_FIXED_ARGS = 12;

/**
 * Applies a write computed from a snapshot, only if every assumption it was computed from still
 * holds (the guards): otherwise nothing is written and the caller computes it again. Guards are
 * all checked before the first write, because Redis does not roll a script back.
 * ARGV: tenant, idle, key prefix, the 8 limits, guard count, then guards of GUARD_WIDTH, then
 * operations of OP_WIDTH (lua-contract.ts).
 */
export const COMMIT = `${LUA_PRELUDE}${LUA_WRITES}${LUA_BUDGET}${LUA_COUNTERS}
local tenant, idle, prefix = ARGV[1], tonumber(ARGV[2]), ARGV[3]
local L = {}
for i = 1, 8 do L[i] = tonumber(ARGV[3 + i]) end
local n = counters()
local at = ${COMMIT_FIXED_ARGS + 1}
for i = 1, tonumber(ARGV[${COMMIT_FIXED_ARGS}]) do
  local kind, a, b, c, d = ARGV[at], ARGV[at + 1], ARGV[at + 2], ARGV[at + 3], ARGV[at + 4]
  local held
  if kind == '${GUARD.state}' then
    local s, v = state_of(a, b, c)
    held = (v and (s .. v) or s) == d
  elseif kind == '${GUARD.count}' then held = count_of(n, a, tonumber(c)) <= tonumber(b)
  elseif kind == '${GUARD.usage}' then held = n.w == tonumber(a) and n.b == tonumber(b)
  elseif kind == '${GUARD.unfixtured}' then held = fixtured() == 0
  elseif kind == '${GUARD.budget}' then
    held = fits(usage_of(n), tonumber(a), tonumber(b), L)
    if not held then
      reclaim(prefix, L[5], L[6])
      held = fits(usage_of(n), tonumber(a), tonumber(b), L)
    end
  else return redis.error_reply('unknown guard ' .. tostring(kind)) end
  if not held then return { '${REPLY.conflict}', i } end
  at = at + ${GUARD_WIDTH}
end
local before = usage_of(n)
while at <= #ARGV do
  local op, a, b, c, d, e = ARGV[at], ARGV[at + 1], ARGV[at + 2], ARGV[at + 3], ARGV[at + 4], ARGV[at + 5]
  if op == '${OP.put}' then put(n, a, b, c, d, e)
  elseif op == '${OP.remove}' then remove(n, a, b, c)
  elseif op == '${OP.own}' then redis.call('ZADD', K_owned, 0, a)
  elseif op == '${OP.disown}' then redis.call('ZREM', K_owned, a)
  elseif op == '${OP.cascade}' then cascade(n, a, b, c, d)
  elseif op == '${OP.clear}' then clear_tenant(n)
  elseif op == '${OP.fixtured}' then
    -- The fixture's records are shared with it, not the tenant's to pay for (see budget.ts).
    redis.call('HSET', K_meta, 'fx', '1')
    n.sw, n.sb = n.w, n.b
  else return redis.error_reply('unknown operation ' .. tostring(op)) end
  at = at + ${OP_WIDTH}
end
for c, delta in pairs(n.counts) do redis.call('HSET', K_meta, 'n:' .. c, delta) end
redis.call('HSET', K_meta, 'w', n.w, 'b', n.b, 'sw', n.sw, 'sb', n.sb)
local after = usage_of(n)
move('i', after.i - before.i)
move('b', after.b - before.b)
move('xi', extra_of(after.i, L[5]) - extra_of(before.i, L[5]))
move('xb', extra_of(after.b, L[6]) - extra_of(before.b, L[6]))
redis.call('HSET', K_weights, tenant, after.i .. ' ' .. after.b)
touch(tenant, idle)
return { '${REPLY.applied}' }
`;

/**
 * What a page needs from the overlay, read from one snapshot: the live members of a collection
 * after the cursor (and their values), its deleted seeded members after it, the hidden groups and
 * whether the baseline was cleared. ARGV: tenant, idle, collection, has cursor, cursor, order,
 * live count, marker count, key prefix ('' for the whole collection).
 */
export const PAGE = `${LUA_PRELUDE}
local c, after, asc, within = ARGV[3], ARGV[5], ARGV[6] == 'ASC', ARGV[9]
-- The members the page may hold lie in [low, high): every member of collection c in [c:, c;),
-- or with a prefix P (ending in ':') every member of c starting with it in [c:P, c:P') where P'
-- ends in ';' (the byte after ':').
local low, high = c .. ':', c .. ';'
if within ~= '' then low, high = c .. ':' .. within, c .. ':' .. string.sub(within, 1, -2) .. ';' end
local function range(key, count)
  if asc then
    local from = '[' .. low
    if ARGV[4] == '1' and (c .. ':' .. after) >= low then from = '(' .. c .. ':' .. after end
    return redis.call('ZRANGE', key, from, '(' .. high, 'BYLEX', 'LIMIT', 0, count)
  end
  local from = '(' .. high
  if ARGV[4] == '1' and (c .. ':' .. after) < high then from = '(' .. c .. ':' .. after end
  return redis.call('ZRANGE', key, from, '[' .. low, 'BYLEX', 'REV', 'LIMIT', 0, count)
end
local members = range(K_live, tonumber(ARGV[7]))
local values = {}
if #members > 0 then values = redis.call('HMGET', K_records, unpack(members)) end
touch_on_read(ARGV[1], tonumber(ARGV[2]))
return { cleared() and 1 or 0, redis.call('SMEMBERS', K_hidden), members, values, range(K_deleted, tonumber(ARGV[8])), fixtured() }
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
for i = 1, TENANT_KEY_COUNT do redis.call('DEL', KEYS[i]) end
release(ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]))
redis.call('ZREM', K_registry, ARGV[1])
return 1
`;

/** Drops every tenant the registry knows. KEYS: the global keys; ARGV: key prefix. */
export const RESET_ALL = `
local suffixes = { ${Object.values(TENANT_KEYS)
  .map((suffix) => `'${suffix}'`)
  .join(', ')} }
local tenants = redis.call('ZRANGE', KEYS[1], 0, -1)
for _, t in ipairs(tenants) do
  for _, suffix in ipairs(suffixes) do redis.call('DEL', ARGV[1] .. '{t:' .. t .. '}:' .. suffix) end
end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
return #tenants
`;

/** Tenants not yet idle past their deadline. KEYS: the global keys. */
export const COUNT_TENANTS = `
local t = redis.call('TIME')
return redis.call('ZCOUNT', KEYS[1], tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000), '+inf')
`;

/** The global keys as RESET_ALL and COUNT_TENANTS take them (KEYS[1..3]), in GLOBAL_KEYS order. */
export const GLOBAL_KEY_ORDER = Object.keys(GLOBAL_KEYS);
