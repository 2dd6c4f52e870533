/**
 * Lua scripts that make the sim's state changes atomic, so concurrent or repeated applies from any
 * number of workers never create a node twice or lose a quota count.
 * KEYS[1] nodes hash, KEYS[2] power hash, KEYS[3] crashed hash; account sets are keyed by
 * ARGV, which is fine on a single Redis (the sim is not meant for Redis Cluster).
 */

/** ARGV: accountSetKey, quota (-1 = none), member prefix (tag), then name/json pairs. Returns created/existing ids and whether the quota stopped it. */
export const LAUNCH_SCRIPT = `
local accountSet = ARGV[1]
local quota = tonumber(ARGV[2])
local memberPrefix = ARGV[3]
local result = {}
local quotaHit = 0
for i = 4, #ARGV, 2 do
  local name = ARGV[i]
  local existing = redis.call('HGET', KEYS[1], name)
  if existing then
    table.insert(result, name)
    table.insert(result, cjson.decode(existing)['providerId'])
    table.insert(result, 0)
  else
    if quota >= 0 and redis.call('SCARD', accountSet) >= quota then
      quotaHit = 1
      break
    end
    redis.call('HSET', KEYS[1], name, ARGV[i + 1])
    redis.call('SADD', accountSet, memberPrefix .. name)
    table.insert(result, name)
    table.insert(result, cjson.decode(ARGV[i + 1])['providerId'])
    table.insert(result, 1)
  end
end
table.insert(result, quotaHit)
return result
`;

/** ARGV: account set key prefix, member prefix (tag), then names. Returns how many were removed. */
export const TERMINATE_SCRIPT = `
local removed = 0
for i = 3, #ARGV do
  local name = ARGV[i]
  local existing = redis.call('HGET', KEYS[1], name)
  if existing then
    local account = cjson.decode(existing)['account']
    redis.call('SREM', ARGV[1] .. account, ARGV[2] .. name)
    redis.call('HDEL', KEYS[1], name)
    redis.call('HDEL', KEYS[2], name)
    redis.call('HDEL', KEYS[3], name)
    removed = removed + 1
  end
end
return removed
`;

/** ARGV: account set key prefix, member prefix (tag). Removes the whole cluster. */
export const TEARDOWN_SCRIPT = `
local values = redis.call('HVALS', KEYS[1])
local names = redis.call('HKEYS', KEYS[1])
for i = 1, #values do
  local account = cjson.decode(values[i])['account']
  redis.call('SREM', ARGV[1] .. account, ARGV[2] .. names[i])
end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
return #values
`;

/** ARGV: '1' to power on or '0' to power off, the time, then names. Nodes already in that state keep their timestamp. */
export const POWER_SCRIPT = `
local changed = 0
for i = 3, #ARGV do
  local name = ARGV[i]
  if redis.call('HEXISTS', KEYS[1], name) == 1 then
    local current = redis.call('HGET', KEYS[2], name)
    local on = (current == false) or (string.sub(current, 1, 1) == '1')
    if on ~= (ARGV[1] == '1') then
      redis.call('HSET', KEYS[2], name, ARGV[1] .. ':' .. ARGV[2])
      redis.call('HDEL', KEYS[3], name)
      changed = changed + 1
    end
  end
end
return changed
`;
