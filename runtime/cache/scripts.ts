// The Lua scripts of the Redis store. Each runs atomically in Redis: the
// generation compare and the write of a fill cannot be separated by a purge.
//
// Layout under the prefix P: `P g` a hash of generation counters (tag →
// count) plus `#epoch`, a random token set when the hash is first used, so a
// snapshot taken before Redis lost its data (restart, flush, eviction) never
// matches after; `P e:<key>` an entry, "<snapshot>\n<headers JSON>\n<body>";
// `P i:<tag>` the reverse index, a set of entry keys.
import { createHash } from "node:crypto";

export interface Script {
  readonly source: string;
  readonly sha: string;
}

function script(source: string): Script {
  return { source, sha: createHash("sha1").update(source).digest("hex") };
}

// The snapshot of ARGV[first..last] (tags) as "epoch,g1,g2,…", read in one
// HMGET with the epoch first; `token` sets the epoch when missing.
const SNAPSHOT = `
local function snapshot(gens, token, first, last)
  local g = redis.call('HMGET', gens, '#epoch', unpack(ARGV, first, last))
  if not g[1] then
    if not token then return false end
    g[1] = token
    redis.call('HSET', gens, '#epoch', token)
  end
  for i = 2, #g do g[i] = g[i] or '0' end
  return table.concat(g, ',')
end
`;

/**
 * The lookups a process started in one turn of its loop, in one call.
 * KEYS: gens, entry…. ARGV: skip-check flag, epoch token, then per entry
 * its tag count and its tags. Returns per entry, flattened, 1 and
 * "<headers>\n<body>" on a hit, 0 and the snapshot on a miss. An entry
 * whose snapshot is no longer current is dropped (a purge bumped one of
 * its tags even if its index entry was lost).
 */
export const LOOKUP = script(`${SNAPSHOT}
local out, at = {}, 3
for k = 2, #KEYS do
  local n = tonumber(ARGV[at])
  local snap = snapshot(KEYS[1], ARGV[2], at + 1, at + n)
  at = at + n + 1
  local v = redis.call('GET', KEYS[k])
  local hit = false
  if v then
    local nl = string.find(v, '\\n', 1, true)
    if nl and (ARGV[1] == '1' or string.sub(v, 1, nl - 1) == snap) then
      hit = string.sub(v, nl + 1)
    else
      redis.call('DEL', KEYS[k])
    end
  end
  if hit then
    out[#out + 1] = 1
    out[#out + 1] = hit
  else
    out[#out + 1] = 0
    out[#out + 1] = snap
  end
end
return out
`);

/**
 * KEYS: gens, entry, index set of each tag. ARGV: skip-check flag, snapshot,
 * ttl ms, payload, tags… (in the order of their index sets).
 * Stores only when the snapshot is current: 1 stored, 0 refused.
 */
export const FILL = script(`${SNAPSHOT}
local snap = snapshot(KEYS[1], false, 5, #ARGV)
if ARGV[1] ~= '1' and snap ~= ARGV[2] then return 0 end
local ttl = tonumber(ARGV[3])
redis.call('SET', KEYS[2], ARGV[2] .. '\\n' .. ARGV[4], 'PX', ttl)
for i = 3, #KEYS do
  redis.call('SADD', KEYS[i], KEYS[2])
  if redis.call('PTTL', KEYS[i]) < ttl then redis.call('PEXPIRE', KEYS[i], ttl) end
end
return 1
`);

/**
 * KEYS: gens. ARGV: index prefix, plans JSON ([{b: tags to bump, g: groups
 * of tags, d: broad}]), channel ('' for none), message, generation limit,
 * fresh epoch token.
 * Bumps, deletes the entries in the intersection of the groups' unions,
 * publishes the message; returns {entries deleted, receivers}.
 */
export const PURGE = script(`
local index = ARGV[1]
local removed = 0
for _, plan in ipairs(cjson.decode(ARGV[2])) do
  for _, tag in ipairs(plan.b) do redis.call('HINCRBY', KEYS[1], tag, 1) end
  local groups = plan.g
  for _, tag in ipairs(groups[1]) do
    local set = index .. tag
    for _, key in ipairs(redis.call('SMEMBERS', set)) do
      local all = true
      for gi = 2, #groups do
        local found = false
        for _, other in ipairs(groups[gi]) do
          if redis.call('SISMEMBER', index .. other, key) == 1 then
            found = true
            break
          end
        end
        if not found then
          all = false
          break
        end
      end
      if all then
        removed = removed + redis.call('DEL', key)
        redis.call('SREM', set, key)
      end
    end
    if plan.d then redis.call('DEL', set) end
  end
end
if redis.call('HLEN', KEYS[1]) > tonumber(ARGV[5]) then
  redis.call('DEL', KEYS[1])
  redis.call('HSET', KEYS[1], '#epoch', ARGV[6])
end
local receivers = 0
if ARGV[3] ~= '' then receivers = redis.call('PUBLISH', ARGV[3], ARGV[4]) end
return { removed, receivers }
`);
