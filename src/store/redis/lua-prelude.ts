/**
 * Lua shared by every script: the tenant's keys by name (see keys.ts for their order) and the
 * overlay's rules, which mirror `LayeredIndex` exactly (sizes, budget weights, markers, shadows).
 *
 * An account's state is one of: L (a live overlay record), T (a seeded account deleted: a
 * marker), B (a seeded account the overlay does not touch, visible), A (absent). A seeded id's
 * group (its seeded customer) is a pure function of the id, so the caller passes it (-1 when the
 * id is not seeded); Redis never needs the baseline itself.
 */
export const LUA_PRELUDE = `
local A_REC, A_LIVE, A_DEL, A_SHADOW, A_GROUP, A_OWN, HIDDEN = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7]
local C_REC, C_LIVE, C_DEL, META = KEYS[8], KEYS[9], KEYS[10], KEYS[11]
local REG, WEIGHTS, USED = KEYS[12], KEYS[13], KEYS[14]
local TENANT_KEYS = 11

local function cleared() return redis.call('HGET', META, 'cleared') == '1' end
-- Whether the server's fixture was applied to this tenant (since its creation or last reset).
local function fixtured() return redis.call('HGET', META, 'fx') == '1' and 1 or 0 end
local function hidden(g) return redis.call('SISMEMBER', HIDDEN, g) == 1 end
local function weigh(json) return 1 + #cjson.decode(json).aliases end
-- A marker's bytes, as record-size.ts counts them; a record's are its JSON's (Lua's # is bytes).
local MARKER_BYTES = 64

local function acc_state(id, g)
  local v = redis.call('HGET', A_REC, id)
  if v then return 'L', v end
  if redis.call('ZSCORE', A_DEL, id) then return 'T' end
  if g >= 0 and not cleared() and not hidden(g) then return 'B' end
  return 'A'
end

local function cust_state(id, seeded)
  local v = redis.call('HGET', C_REC, id)
  if v then return 'L', v end
  if redis.call('ZSCORE', C_DEL, id) then return 'T' end
  if seeded and not cleared() then return 'B' end
  return 'A'
end

local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

-- Idle expiry: every key of the tenant gets the same deadline, and the registry records it.
local function touch(tenant, idle)
  for i = 1, TENANT_KEYS do redis.call('PEXPIRE', KEYS[i], idle) end
  redis.call('ZADD', REG, now_ms() + idle, tenant)
end

-- Reads refresh the deadline only once a tenth of it has passed: most reads then cost one PTTL.
local function touch_on_read(tenant, idle)
  local left = redis.call('PTTL', META)
  if left >= 0 and left < idle - math.floor(idle / 10) then touch(tenant, idle) end
end

-- The state a snapshot reports and a guard compares: an account record over a seeded account
-- still visible is M rather than L (deleting it then leaves a marker, which costs budget).
local function state_of(kind, id, arg)
  if kind == 'a' then
    local g = tonumber(arg)
    local s, v = acc_state(id, g)
    if s == 'L' and g >= 0 and not cleared() and not hidden(g) then s = 'M' end
    return s, v
  end
  return cust_state(id, arg == '1')
end
`;

/** Lua of the writes, against counters `n` (na, nc, w) loaded from the meta hash. */
export const LUA_WRITES = `
local function acc_set(n, id, g, json)
  local s, old = acc_state(id, g)
  if s == 'L' then n.w = n.w - weigh(old); n.b = n.b - #old
  elseif s == 'T' then redis.call('ZREM', A_DEL, id); n.na = n.na + 1; n.w = n.w - 1; n.b = n.b - MARKER_BYTES
  elseif s == 'B' then redis.call('ZADD', A_SHADOW, 0, g .. ' ' .. id)
  else n.na = n.na + 1 end
  redis.call('HSET', A_REC, id, json)
  redis.call('ZADD', A_LIVE, 0, id)
  if g >= 0 then redis.call('HSET', A_GROUP, id, g) end
  n.w = n.w + weigh(json)
  n.b = n.b + #json
end

local function acc_delete(n, id, g)
  local s, old = acc_state(id, g)
  if s == 'T' or s == 'A' then return end
  if s == 'L' then
    n.w = n.w - weigh(old)
    n.b = n.b - #old
    redis.call('HDEL', A_REC, id)
    redis.call('ZREM', A_LIVE, id)
  end
  if g >= 0 and not cleared() and not hidden(g) then
    -- A visible seeded account stays hidden only by a marker.
    if s == 'B' then redis.call('ZADD', A_SHADOW, 0, g .. ' ' .. id) end
    redis.call('ZADD', A_DEL, 0, id)
    n.w = n.w + 1
    n.b = n.b + MARKER_BYTES
  end
  n.na = n.na - 1
end

local function cust_set(n, id, seeded, json)
  local s, old = cust_state(id, seeded)
  if s == 'L' then n.w = n.w - 1; n.b = n.b - #old
  elseif s == 'T' then redis.call('ZREM', C_DEL, id); n.nc = n.nc + 1; n.w = n.w - 1; n.b = n.b - MARKER_BYTES
  elseif s == 'A' then n.nc = n.nc + 1 end
  redis.call('HSET', C_REC, id, json)
  redis.call('ZADD', C_LIVE, 0, id)
  n.w = n.w + 1
  n.b = n.b + #json
end

local function cust_delete(n, id, seeded)
  local s, old = cust_state(id, seeded)
  if s == 'T' or s == 'A' then return end
  if s == 'L' then
    n.w = n.w - 1
    n.b = n.b - #old
    redis.call('HDEL', C_REC, id)
    redis.call('ZREM', C_LIVE, id)
  end
  if seeded and not cleared() then
    redis.call('ZADD', C_DEL, 0, id)
    n.w = n.w + 1
    n.b = n.b + MARKER_BYTES
  end
  n.nc = n.nc - 1
end

-- A seeded customer's seeded accounts, hidden as one group (see LayeredIndex.hideGroup).
local function hide_group(n, g, customer, size)
  if cleared() or hidden(g) then return end
  local untouched = size
  local prefix = g .. ' '
  local entries = redis.call('ZRANGE', A_SHADOW, '[' .. prefix, '[' .. prefix .. '\\255', 'BYLEX')
  for _, entry in ipairs(entries) do
    redis.call('ZREM', A_SHADOW, entry)
    local id = string.sub(entry, #prefix + 1)
    untouched = untouched - 1
    if redis.call('ZSCORE', A_DEL, id) then
      redis.call('ZREM', A_DEL, id)
      n.w = n.w - 1
      n.b = n.b - MARKER_BYTES
    else
      local v = redis.call('HGET', A_REC, id)
      if v and cjson.decode(v).account.customerId == customer then
        redis.call('HDEL', A_REC, id)
        redis.call('ZREM', A_LIVE, id)
        n.w = n.w - weigh(v)
        n.b = n.b - #v
        n.na = n.na - 1
      end
    end
  end
  n.na = n.na - untouched
  redis.call('SADD', HIDDEN, g)
end

-- The accounts created for a customer (found by their owner-key prefix) and its seeded group.
local function cascade(n, prefix, customer, g, size)
  local doomed = redis.call('ZRANGE', A_OWN, '[' .. prefix, '[' .. prefix .. '\\255', 'BYLEX')
  for _, key in ipairs(doomed) do
    redis.call('ZREM', A_OWN, key)
    local id = string.sub(key, #prefix + 1)
    acc_delete(n, id, tonumber(redis.call('HGET', A_GROUP, id) or '-1'))
  end
  if g >= 0 then hide_group(n, g, customer, size) end
end

local function clear_tenant(n)
  for i = 1, TENANT_KEYS - 1 do redis.call('DEL', KEYS[i]) end
  redis.call('HSET', META, 'cleared', '1')
  n.na, n.nc, n.w, n.b = 0, 0, 0, 0
end
`;
