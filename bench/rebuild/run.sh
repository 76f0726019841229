#!/usr/bin/env bash
# Resident size while the read model is rebuilt under load. Each release api binary given is
# started with default settings (response cache on, SQLite) on a copy of one database holding
# the curated data, O*NET 29.3 and BLS by area (imported once by the first binary). wrk runs the
# role page (Web Developers) for SECONDS; every 2 s an admin write (updateRole summary) makes
# the server build a second model while the first still serves. Prints, per binary: peak RSS
# after start (before any load), peak RSS under load with the rebuilds (VmHWM), the number of
# rebuilds, their mean latency, req/s and bad responses. Everything runs on 127.0.0.1.
# Usage: bench/rebuild/run.sh BINARY [BINARY ...] [-- SECONDS=30]
set -euo pipefail
bins=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do bins+=("$1"); shift; done
[ "${1:-}" = "--" ] && shift
secs=${1:-30}
[ ${#bins[@]} -ge 1 ] || { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
work=$(mktemp -d /tmp/career-rebuild.XXXXXX)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_ready() {
  for _ in $(seq 1 3000); do
    curl -fs "http://127.0.0.1:$1/ready" >/dev/null && return
    kill -0 "$pid" 2>/dev/null || { echo "the server exited; its log: $work/$2" >&2; trap - EXIT; exit 1; }
    sleep 0.2
  done
  echo "not ready" >&2; exit 1
}
rss_kb() { awk "/^$1:/ {print \$2}" "/proc/$2/status"; }

port=$(free_port)
DATABASE_URL="sqlite://$work/seed.db?mode=rwc" PORT=$port IMPORT_ONET_ON_START=true RUST_LOG=warn \
  "${bins[0]}" >"$work/first.log" 2>&1 & pid=$!
wait_ready "$port" first.log; sleep 3; kill "$pid"; wait "$pid" 2>/dev/null || true; pid=

cat > "$work/role.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"query":"{ role(slug: \\"web-developers\\") { title summary skills { importance level skill { name } } nextMoves { kind to { title } } } }"}'
local bad = 0
response = function(status, headers, body)
  if status ~= 200 or string.find(body, '"errors"', 1, true) then bad = bad + 1 end
end
done = function() io.stderr:write("bad responses: " .. bad .. "\n") end
LUA
echo "| binary | peak RSS after start | peak RSS under load + rebuilds | rebuilds | mean write + rebuild | req/s | bad responses |"
echo "|---|---:|---:|---:|---:|---:|---:|"
token=bench-rebuild
tokens="bench:admin:$(printf %s "$token" | sha256sum | cut -d' ' -f1)"
for bin in "${bins[@]}"; do
  cp "$work/seed.db" "$work/run.db"
  port=$(free_port)
  DATABASE_URL="sqlite://$work/run.db?mode=rwc" PORT=$port ADMIN_TOKENS=$tokens \
    RATE_LIMIT_PER_MINUTE=0 RUST_LOG=warn "$bin" >"$work/run.log" 2>&1 & pid=$!
  wait_ready "$port" run.log; sleep 3  # the area wages are read in the background after ready
  start_kb=$(rss_kb VmHWM "$pid")
  wrk -t1 -c32 -d"${secs}s" -s "$work/role.lua" "http://127.0.0.1:$port/graphql" >"$work/wrk.txt" 2>&1 &
  wrk_pid=$!
  sleep 2
  writes=0 total_ms=0
  end=$((SECONDS + secs - 4))
  while [ $SECONDS -lt $end ]; do
    writes=$((writes + 1))
    body="{\"query\":\"mutation { updateRole(slug: \\\"web-developers\\\", input: {summary: \\\"Builds and maintains websites (rebuild $writes).\\\"}) { summary } }\"}"
    ms=$(curl -fs -o "$work/write.json" -w '%{time_total}' -H 'Content-Type: application/json' \
      -H "Authorization: Bearer $token" -d "$body" "http://127.0.0.1:$port/graphql" |
      python3 -c 'import sys; print(round(float(sys.stdin.read()) * 1000))')
    grep -q "rebuild $writes" "$work/write.json" || { echo "write $writes failed: $(cat "$work/write.json")" >&2; exit 1; }
    total_ms=$((total_ms + ms))
    sleep 2
  done
  wait "$wrk_pid"
  peak_kb=$(rss_kb VmHWM "$pid")
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
  bad=$(awk '/bad responses/ {print $3}' "$work/wrk.txt")
  printf '| %s | %.1f MB | %.1f MB | %d | %d ms | %s | %s |\n' "$(basename "$bin")" \
    "$(echo "$start_kb / 1024" | bc -l)" "$(echo "$peak_kb / 1024" | bc -l)" "$writes" \
    $((total_ms / writes)) "$rps" "$bad"
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
done
