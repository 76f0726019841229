-- wrk script of the peers benchmark: POSTs GraphQL bodies to /graphql, one per request, in
-- rotation, and checks every response body against the responses captured from the same server
-- before the run (byte-exact: a body with `errors`, a missing field or a wrong role fails).
-- Usage: wrk ... -s check.lua URL -- <bodies.jsonl> <expected.jsonl>
-- (one JSON document per line; line i of expected answers line i of bodies).
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

local function read_lines(path)
  local out = {}
  local f = assert(io.open(path, "rb"))
  for line in f:lines() do
    if #line > 0 then table.insert(out, line) end
  end
  f:close()
  return out
end

function init(args)
  bodies = read_lines(args[1])
  local expected = read_lines(args[2])
  assert(#bodies == #expected, "bodies and expected responses differ in count")
  valid = {}
  for _, r in ipairs(expected) do valid[r] = true end
  counter = 0
  responses = 0
  failures = 0
  with_errors = 0
  bad_status = 0
end

function request()
  counter = counter + 1
  local body = bodies[(counter - 1) % #bodies + 1]
  return wrk.format("POST", "/graphql",
    { ["Content-Type"] = "application/json", ["Accept"] = "application/json" }, body)
end

function response(status, headers, body)
  responses = responses + 1
  if status ~= 200 then
    bad_status = bad_status + 1
    failures = failures + 1
  elseif not valid[body] then
    failures = failures + 1
    if string.find(body, '"errors"', 1, true) then with_errors = with_errors + 1 end
    if failures <= 3 then
      io.stderr:write("unexpected body (" .. #body .. " bytes): " .. string.sub(body, 1, 300) .. "\n")
    end
  end
end

function done(summary, latency, requests)
  local total, failed, errs, statuses = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    total = total + t:get("responses")
    failed = failed + t:get("failures")
    errs = errs + t:get("with_errors")
    statuses = statuses + t:get("bad_status")
  end
  io.write(string.format(
    "RESULT requests=%d req_per_s=%.1f p50_ms=%.2f p99_ms=%.2f checked=%d failed=%d with_errors=%d non_200=%d socket_errors=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    total, failed, errs, statuses,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
