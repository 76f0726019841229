-- wrk script: a realistic mix of career questions, POSTed as GraphQL; every response body is
-- checked for an `errors` entry (not only the status), and the totals are printed at the end.
local queries = {
  -- What does a role earn and need?
  '{"query":"query RoleDetail { role(slug: \\"senior-it-manager\\") { title pay { medianSalary headlineSalary salaryRange { low high } } skills(first: 10) { skill { name } importance } certifications { certification { name } relevance } education { degree requirements { level requirement } } } }"}',
  -- Best routes and what to learn on the way.
  '{"query":"query Routes { careerRoutes(from: \\"information-technology-manager\\", to: \\"chief-information-officer\\", first: 3) { routes { roles { slug } totals { steps years } steps { skillGap { skills { skill { name } } } } } } }"}',
  -- Compare two roles.
  '{"query":"query Compare { compareRoles(a: \\"it-director\\", b: \\"vp-of-it\\") { headlineSalary { a b difference } } }"}',
  -- Browse and search.
  '{"query":"query Browse { roles(first: 20, filter: { seniorityMin: 4 }) { totalCount edges { node { slug title pay { headlineSalary } } } } }"}',
  '{"query":"query Search { search(query: \\"netwrk admin\\", first: 5) { kind score role { slug title } } }"}',
  '{"query":"query Next { nextSteps(role: \\"it-engineer\\", depth: 2) { distance role { slug title } } }"}',
}

local counter = 0
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  failures = 0
  bad_status = 0
  responses = 0
end

function request()
  counter = counter + 1
  local body = queries[(counter % #queries) + 1]
  return wrk.format("POST", "/graphql", { ["Content-Type"] = "application/json" }, body)
end

function response(status, headers, body)
  responses = responses + 1
  if status ~= 200 then
    bad_status = bad_status + 1
  elseif string.find(body, '"errors"', 1, true) then
    failures = failures + 1
    if failures <= 3 then io.stderr:write("error body: " .. string.sub(body, 1, 300) .. "\n") end
  end
end

function done(summary, latency, requests)
  local total, errors, statuses = 0, 0, 0
  for _, t in ipairs(threads) do
    total = total + t:get("responses")
    errors = errors + t:get("failures")
    statuses = statuses + t:get("bad_status")
  end
  io.write(string.format("checked %d responses: %d with errors in the body, %d non-200\n", total, errors, statuses))
  io.write(string.format("RESULT req_per_s=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f socket_errors=%d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  if errors > 0 or statuses > 0 then os.exit(1) end
end
