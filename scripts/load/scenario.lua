-- The plan's Locust mix for wrk (scripts/load/wrk_engine.ts): each connection
-- is a virtual user that waits LOAD_THINK_MIN..LOAD_THINK_MAX ms between
-- requests (delay()), and each request is, by weight, the weekly leaderboard
-- (3), the drawing list (2) or one ticket in LOAD_DRAWING (1), sent as a random
-- one of the logged-in users (LOAD_USERS: "token<TAB>address" lines; the
-- address goes in X-Forwarded-For, as nginx would send it).
--
-- response() sorts answers by task from their status and first bytes (wrk
-- does not say which request an answer is for) and counts leaderboard answers
-- served from Redis; done() prints one JSON line with the latency percentiles
-- (ms), wrk's error counts and every thread's counts.
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  threads[#threads + 1] = thread
end

local users = {}
local drawing, think_min, think_span
counts = {}
redis_reads = 0

function init(args)
  for line in io.lines(os.getenv("LOAD_USERS")) do
    local token, address = line:match("^(%S+)\t(%S+)$")
    if token then users[#users + 1] = { "Bearer " .. token, address } end
  end
  drawing = os.getenv("LOAD_DRAWING") or ""
  think_min = tonumber(os.getenv("LOAD_THINK_MIN") or "1000")
  think_span = tonumber(os.getenv("LOAD_THINK_MAX") or "3000") - think_min
  math.randomseed(os.time() * 100 + id)
end

function delay()
  return think_min + math.random() * think_span
end

local BOARD = "/api/v1/leaderboards/weekly?per_page=10"

function request()
  local user = users[math.random(#users)]
  local headers = { ["Authorization"] = user[1], ["X-Forwarded-For"] = user[2] }
  local roll = math.random() * 6
  if roll < 3 then return wrk.format("GET", BOARD, headers) end
  if roll < 5 or drawing == "" then return wrk.format("GET", "/api/v1/drawings", headers) end
  headers["Content-Type"] = "application/json"
  return wrk.format("POST", "/api/v1/drawings/" .. drawing .. "/tickets", headers, '{"quantity":1}')
end

function response(status, headers, body)
  local task = "other"
  if body:sub(1, 10) == '{"period":' then
    task = "leaderboard"
    if body:find('"source":"redis"', 1, true) then redis_reads = redis_reads + 1 end
  elseif body:sub(1, 9) == '{"items":' then
    task = "drawings"
  elseif status == 201 or status == 409 or status == 403 then
    task = "buy_ticket"
  end
  local key = task .. " " .. status
  counts[key] = (counts[key] or 0) + 1
end

function done(summary, latency, requests)
  local merged, redis = {}, 0
  for _, thread in ipairs(threads) do
    for key, n in pairs(thread:get("counts")) do merged[key] = (merged[key] or 0) + n end
    redis = redis + thread:get("redis_reads")
  end
  local parts = {}
  for key, n in pairs(merged) do parts[#parts + 1] = string.format('"%s":%d', key, n) end
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"seconds":%.3f,"errors":%d,"p50":%.3f,"p95":%.3f,"p99":%.3f,' ..
      '"max":%.3f,"redis_reads":%d,"counts":{%s}}\n',
    summary.requests, summary.duration / 1e6, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, redis, table.concat(parts, ",")))
end
