-- wrk script for scripts/bench/leaderboard_bench.ts: each request carries a
-- random user's token (so the 60/min per-user limit is never what is measured)
-- and done() prints the latency percentiles as one JSON line. LB_SEQUENTIAL=1
-- (the warm-up) takes the tokens in turn, so every one has been seen once.
local tokens = {}
local path = os.getenv("LB_PATH") or "/api/v1/leaderboards/weekly"
local sequential = os.getenv("LB_SEQUENTIAL") == "1"
local sent = 0

function init(args)
  for line in io.lines(os.getenv("LB_TOKENS")) do tokens[#tokens + 1] = line end
  math.randomseed(os.time() + (args[1] and tonumber(args[1]) or 0))
end

function request()
  local headers = {}
  if #tokens > 0 then
    sent = sent + 1
    local i = sequential and (sent - 1) % #tokens + 1 or math.random(#tokens)
    headers["Authorization"] = "Bearer " .. tokens[i]
  end
  return wrk.format("GET", path, headers)
end

-- done(): the shared JSON report, from the file next to this one.
dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "_wrk_report.lua")
