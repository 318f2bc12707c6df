-- wrk script for scripts/bench/purchase_bench.ts. PB_REQUESTS names a file
-- with one request per line, "METHOD PATH TOKEN" (TOKEN "-" for none); every
-- request is formatted once in init() and sent in turn (round robin), so with
-- one buyer per line each buyer has about one request in flight. POSTs carry
-- {"quantity":1}. done() prints the counts and latency percentiles as one JSON line.
local requests = {}
local next_request = 0

function init(args)
  for line in io.lines(os.getenv("PB_REQUESTS")) do
    local method, path, token = line:match("^(%S+)%s+(%S+)%s+(%S+)$")
    local headers = {}
    local body = nil
    if token ~= "-" then headers["Authorization"] = "Bearer " .. token end
    if method == "POST" then
      headers["Content-Type"] = "application/json"
      body = '{"quantity":1}'
    end
    requests[#requests + 1] = wrk.format(method, path, headers, body)
  end
end

function request()
  next_request = next_request % #requests + 1
  return requests[next_request]
end

-- done(): the shared JSON report, from the file next to this one.
dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "_wrk_report.lua")
