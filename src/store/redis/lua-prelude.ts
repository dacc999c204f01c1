import { LUA_KEY_LOCALS, MARKER_BYTES, SEED, STATE } from './lua-contract.ts';

/**
 * Lua shared by every script: the tenant's keys by name (lua-contract.ts) and the overlay's rules,
 * which mirror `LayeredIndex` exactly (counts, budget weights, markers, shadows, hidden groups).
 * Nothing here knows a collection: members are `<collection>:<id>`, and whether an id is seeded
 * (and in which group) is passed in by the caller, who computes it from the baseline.
 */
export const LUA_PRELUDE = `
${LUA_KEY_LOCALS}
local MARKER_BYTES = ${MARKER_BYTES}

local function cleared() return redis.call('HGET', K_meta, 'cleared') == '1' end
-- Whether the server's fixture was applied to this tenant (since its creation or last reset).
local function fixtured() return redis.call('HGET', K_meta, 'fx') == '1' and 1 or 0 end
local function grouped(seed) return seed ~= '${SEED.none}' and seed ~= '${SEED.ungrouped}' end
local function hidden(c, seed) return grouped(seed) and redis.call('SISMEMBER', K_hidden, c .. ':' .. seed) == 1 end
-- Whether the tenant still sees the seeded item of this seed argument.
local function base_shows(c, seed) return seed ~= '${SEED.none}' and not cleared() and not hidden(c, seed) end

-- A stored value is "<weight> <json>": its budget items, and its bytes (the JSON's).
local function cost_of(v)
  local space = string.find(v, ' ', 1, true)
  return tonumber(string.sub(v, 1, space - 1)), #v - space
end

local function overlay_state(c, id, seed)
  local v = redis.call('HGET', K_records, c .. ':' .. id)
  if v then return '${STATE.live}', v end
  if redis.call('ZSCORE', K_deleted, c .. ':' .. id) then return '${STATE.tombstone}' end
  if base_shows(c, seed) then return '${STATE.base}' end
  return '${STATE.absent}'
end

-- The state a snapshot reports and a guard compares: a record over a seeded item still visible
-- is M rather than L (deleting it then leaves a marker, which costs budget).
local function state_of(c, id, seed)
  local s, v = overlay_state(c, id, seed)
  if s == '${STATE.live}' and base_shows(c, seed) then s = '${STATE.masking}' end
  return s, v
end

local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

-- Idle expiry: every key of the tenant gets the same deadline, and the registry records it.
local function touch(tenant, idle)
  for i = 1, TENANT_KEY_COUNT do redis.call('PEXPIRE', KEYS[i], idle) end
  redis.call('ZADD', K_registry, now_ms() + idle, tenant)
end

-- Reads refresh the deadline only once a tenth of it has passed: most reads then cost one PTTL.
local function touch_on_read(tenant, idle)
  local left = redis.call('PTTL', K_meta)
  if left >= 0 and left < idle - math.floor(idle / 10) then touch(tenant, idle) end
end
`;

/** Lua of the writes, against counters `n` loaded by `counters()` (lua-scripts.ts). */
export const LUA_WRITES = `
local function add_count(n, c, delta) n.counts[c] = (n.counts[c] or 0) + delta end

local function put(n, c, id, seed, weight, json)
  local member = c .. ':' .. id
  local s, old = overlay_state(c, id, seed)
  if s == '${STATE.live}' then
    local w, b = cost_of(old)
    n.w = n.w - w; n.b = n.b - b
  elseif s == '${STATE.tombstone}' then
    redis.call('ZREM', K_deleted, member); add_count(n, c, 1); n.w = n.w - 1; n.b = n.b - MARKER_BYTES
  elseif s == '${STATE.base}' then
    if grouped(seed) then redis.call('ZADD', K_shadows, 0, c .. ':' .. seed .. ' ' .. id) end
  else add_count(n, c, 1) end
  redis.call('HSET', K_records, member, weight .. ' ' .. json)
  redis.call('ZADD', K_live, 0, member)
  if seed ~= '${SEED.none}' then redis.call('HSET', K_seeded, member, seed) end
  n.w = n.w + tonumber(weight)
  n.b = n.b + #json
end

local function remove(n, c, id, seed)
  local member = c .. ':' .. id
  local s, old = overlay_state(c, id, seed)
  if s == '${STATE.tombstone}' or s == '${STATE.absent}' then return end
  if s == '${STATE.live}' then
    local w, b = cost_of(old)
    n.w = n.w - w; n.b = n.b - b
    redis.call('HDEL', K_records, member)
    redis.call('ZREM', K_live, member)
  end
  if base_shows(c, seed) then
    -- A visible seeded item stays hidden only by a marker.
    if s == '${STATE.base}' and grouped(seed) then redis.call('ZADD', K_shadows, 0, c .. ':' .. seed .. ' ' .. id) end
    redis.call('ZADD', K_deleted, 0, member)
    n.w = n.w + 1
    n.b = n.b + MARKER_BYTES
  end
  add_count(n, c, -1)
end

-- A seeded owner's seeded items, hidden as one group (see LayeredIndex.hideGroup). Runs after the
-- owner's created items went (cascade): what the group's shadows still hold is either a marker,
-- dropped with the group, or another owner's record, kept.
local function hide_group(n, c, g, size)
  if cleared() or hidden(c, g) then return end
  local untouched = size
  local prefix = c .. ':' .. g .. ' '
  local entries = redis.call('ZRANGE', K_shadows, '[' .. prefix, '[' .. prefix .. '\\255', 'BYLEX')
  for _, entry in ipairs(entries) do
    redis.call('ZREM', K_shadows, entry)
    local member = c .. ':' .. string.sub(entry, #prefix + 1)
    untouched = untouched - 1
    if redis.call('ZSCORE', K_deleted, member) then
      redis.call('ZREM', K_deleted, member)
      n.w = n.w - 1
      n.b = n.b - MARKER_BYTES
    end
  end
  add_count(n, c, -untouched)
  redis.call('SADD', K_hidden, c .. ':' .. g)
end

-- What an owner owned in collection c: the records created for it (by owner key) and its group.
local function cascade(n, c, prefix, g, size)
  local doomed = redis.call('ZRANGE', K_owned, '[' .. prefix, '[' .. prefix .. '\\255', 'BYLEX')
  for _, key in ipairs(doomed) do
    redis.call('ZREM', K_owned, key)
    local id = string.sub(key, #prefix + 1)
    remove(n, c, id, redis.call('HGET', K_seeded, c .. ':' .. id) or '${SEED.none}')
  end
  if g ~= '' then hide_group(n, c, g, tonumber(size)) end
end

local function clear_tenant(n)
  for i = 1, TENANT_KEY_COUNT - 1 do redis.call('DEL', KEYS[i]) end
  redis.call('HSET', K_meta, 'cleared', '1')
  for c, _ in pairs(n.counts) do n.counts[c] = 0 end
  n.w, n.b = 0, 0
end
`;
