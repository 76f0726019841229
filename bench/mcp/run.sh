#!/usr/bin/env bash
# MCP against GraphQL for the same question, side by side on one server: the release api on
# SQLite with the full shipped data (O*NET + BLS), response cache off so every request runs.
# wrk alternates rounds of (a) POST /graphql with the `career_routes` tool's own document and
# slugs, (b) POST /mcp `tools/call career_routes` with the same slugs, (c) the same call with
# titles as a person types them ("IT Manager" → "CIO", resolved by search first). Every body
# is checked (no `errors`, no `isError`). Reports req/s per round and the MCP/GraphQL ratio.
# Usage: bench/mcp/run.sh [rounds=3] [seconds=10]
set -euo pipefail
rounds=${1:-3}; secs=${2:-10}
root=$(cd "$(dirname "$0")/../.." && pwd)
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/career-graph-target}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
work=$(mktemp -d /tmp/career-mcp-bench.XXXXXX)
trap 'kill $pid 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
cd "$root"
cargo build -q --release -p api
cp "$CARGO_TARGET_DIR/release/api" "$work/api"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
DATABASE_URL="sqlite://$work/c.db?mode=rwc" PORT=$port IMPORT_ONET_ON_START=true RESPONSE_CACHE_MB=0 \
  RATE_LIMIT_PER_MINUTE=0 RUST_LOG=warn "$work/api" >/dev/null 2>&1 & pid=$!
for _ in $(seq 1 600); do curl -fs "http://127.0.0.1:$port/ready" >/dev/null 2>&1 && break; sleep 0.2; done

python3 - "$root/api/src/mcp/tools/career_routes.graphql" "$work" <<'PY'
import json, sys
doc = open(sys.argv[1]).read()
work = sys.argv[2]
slugs = {"from": "information-technology-manager", "to": "chief-information-officer"}
titles = {"from": "IT Manager", "to": "CIO"}
bodies = {
    "graphql": json.dumps({"query": doc, "variables": slugs}),
    "mcp": json.dumps({"jsonrpc": "2.0", "id": 1, "method": "tools/call",
                       "params": {"name": "career_routes", "arguments": slugs}}),
    "mcp-titles": json.dumps({"jsonrpc": "2.0", "id": 1, "method": "tools/call",
                              "params": {"name": "career_routes", "arguments": titles}}),
}
for name, body in bodies.items():
    bad = '"isError":true' if name.startswith("mcp") else '"errors"'
    lua = f"""wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json, text/event-stream"
wrk.headers["MCP-Protocol-Version"] = "2025-11-25"
wrk.body = {json.dumps(body)}
local bad = 0
response = function(status, headers, body)
  if status ~= 200 or string.find(body, {json.dumps(bad)}, 1, true) or not string.find(body, '"routes"', 1, true) then bad = bad + 1 end
end
done = function() if bad > 0 then io.stderr:write("bad responses: " .. bad .. "\\n"); os.exit(1) end end
"""
    open(f"{work}/{name}.lua", "w").write(lua)
PY

rate() { wrk -t1 -c16 -d"${secs}s" -s "$work/$1.lua" "http://127.0.0.1:$port/$2" | awk '/Requests\/sec/ {print $2}'; }
echo "| round | /graphql req/s | /mcp req/s | /mcp (titles) req/s |"
echo "|---|---:|---:|---:|"
declare -A sum=([graphql]=0 [mcp]=0 [titles]=0)
for round in $(seq 1 "$rounds"); do
  if [ $((round % 2)) = 1 ]; then
    g=$(rate graphql graphql); m=$(rate mcp mcp); t=$(rate mcp-titles mcp)
  else
    t=$(rate mcp-titles mcp); m=$(rate mcp mcp); g=$(rate graphql graphql)
  fi
  echo "| $round | $g | $m | $t |"
  sum[graphql]=$(echo "${sum[graphql]} + $g" | bc -l)
  sum[mcp]=$(echo "${sum[mcp]} + $m" | bc -l)
  sum[titles]=$(echo "${sum[titles]} + $t" | bc -l)
done
printf '\nMCP / GraphQL, same question, mean of %s rounds: slugs %.3f, titles %.3f\n' "$rounds" \
  "$(echo "${sum[mcp]} / ${sum[graphql]}" | bc -l)" "$(echo "${sum[titles]} / ${sum[graphql]}" | bc -l)"
