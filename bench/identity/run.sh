#!/usr/bin/env bash
# Route identity check between two builds of the api (e.g. before and after a refactor): both
# start on fresh SQLite databases with the curated dataset, then every ordered pair of curated
# roles is asked for its 5 best routes under every objective, with totals, score breakdown,
# steps, moves and per-step skill gaps, plus nextSteps/feederRoles/skillGap/compareRoles for
# every role. The parsed JSON values must be equal (key order is not compared: it changed on
# purpose, responses now follow the query's field order).
# Usage: bench/identity/run.sh OLD_API_BINARY NEW_API_BINARY
set -euo pipefail
old=$1; new=$2
work=$(mktemp -d /tmp/career-identity.XXXXXX)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
ports=()
for bin in "$old" "$new"; do
  port=$(free_port)
  DATABASE_URL="sqlite://$work/$port.db?mode=rwc" PORT=$port RATE_LIMIT_PER_MINUTE=0 RUST_LOG=warn "$bin" >/dev/null 2>&1 &
  pids+=($!); ports+=($port)
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/ready" >/dev/null && break; sleep 0.2; done
done
python3 - "${ports[@]}" <<'PY'
import json, sys, urllib.request
old, new = sys.argv[1], sys.argv[2]
def ask(port, query, variables=None):
    body = json.dumps({"query": query, "variables": variables or {}}).encode()
    req = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", body, {"Content-Type": "application/json"})
    return json.load(urllib.request.urlopen(req))
slugs = [n["slug"] for n in ask(old, "{ roles(first: 100) { nodes { slug } } }")["data"]["roles"]["nodes"]]
ROUTES = """query($from: String!, $to: String!, $o: RouteObjective!) { careerRoutes(from: $from, to: $to, optimize: $o) {
  complete mermaid dot routes { rank roles { slug } totals { steps years yearsEstimated likelihood likelihoodEstimated salaryChange { from to amount percent } }
  score { objective cost components { name value weight contribution } }
  steps { position years likelihood move { kind typicalYears likelihood derived source { key } from { slug } to { slug } }
          skillGap { skills { skill { slug } reason target { sharePct importance level rank } current { sharePct } } certifications { certification { slug } relevance } } } } } }"""
ROLE = """query($s: String!) { nextSteps(role: $s, depth: 3) { role { slug } distance } feederRoles(role: $s, depth: 3) { role { slug } distance }
  role(slug: $s) { skills { skill { slug } sharePct rank importance level source { key } } nextMoves { kind to { slug } } previousMoves { kind from { slug } }
  relatedRoles { slug } comparedWith { slug } sources { key } pay { headlineSalary } } }"""
PAIR = """query($a: String!, $b: String!) { skillGap(from: $a, to: $b) { skills { skill { slug } reason } certifications { certification { slug } relevance } }
  compareRoles(a: $a, b: $b) { headlineSalary { a b difference percent } sharedSkills { skill { slug } } skillsOnlyInA { skill { slug } } skillsOnlyInB { skill { slug } }
  sharedCertifications { slug } certificationsOnlyInA { slug } certificationsOnlyInB { slug } documentedBy { key } } }"""
checked = routes = 0
def same(query, variables):
    global checked
    a, b = ask(old, query, variables), ask(new, query, variables)
    if a != b:
        print("DIFFERENT for", variables); print(json.dumps(a)[:2000]); print(json.dumps(b)[:2000]); sys.exit(1)
    checked += 1
    return a
for s in slugs:
    same(ROLE, {"s": s})
for a in slugs:
    for b in slugs:
        if a == b: continue
        same(PAIR, {"a": a, "b": b})
        for o in ["FEWEST_STEPS", "FEWEST_YEARS", "HIGHEST_SALARY_GAIN", "MOST_LIKELY", "BALANCED"]:
            r = same(ROUTES, {"from": a, "to": b, "o": o})
            routes += len(r["data"]["careerRoutes"]["routes"])
print(f"identical: {checked} responses over {len(slugs)} roles ({routes} routes)")
PY
