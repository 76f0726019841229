#!/usr/bin/env bash
# A/B of two release api binaries: both started side by side on copies of one SQLite database
# (curated + O*NET + BLS, imported once by A), response cache off so every request executes.
# wrk runs the role page (Web Developers: every skill and outgoing move) against each in
# alternating rounds; prints req/s and CPU ms per request per round, peak RSS (VmHWM) of each,
# and the B ÷ A throughput ratio.
# Usage: bench/ab/run.sh A_BINARY B_BINARY [rounds=3] [seconds=10] [A_NAME=a] [B_NAME=b]
set -euo pipefail
[ $# -ge 2 ] || { sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
a_bin=$1 b_bin=$2 rounds=${3:-3} secs=${4:-10} a=${5:-a} b=${6:-b}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
work=$(mktemp -d /tmp/career-ab.XXXXXX)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
cp "$a_bin" "$work/api-$a"; cp "$b_bin" "$work/api-$b"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_ready() { for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$1/ready" >/dev/null && return; sleep 0.2; done; echo "not ready" >&2; exit 1; }

# One database, imported once, copied for each build.
port=$(free_port)
DATABASE_URL="sqlite://$work/seed.db?mode=rwc" PORT=$port IMPORT_ONET_ON_START=true RUST_LOG=warn \
  "$work/api-$a" >/dev/null 2>&1 & pid=$!
wait_ready "$port"; kill "$pid"; wait "$pid" 2>/dev/null || true
declare -A ports
for build in "$a" "$b"; do
  cp "$work/seed.db" "$work/$build.db"
  ports[$build]=$(free_port)
  DATABASE_URL="sqlite://$work/$build.db?mode=rwc" PORT=${ports[$build]} RESPONSE_CACHE_MB=0 \
    RATE_LIMIT_PER_MINUTE=0 RUST_LOG=warn "$work/api-$build" >/dev/null 2>&1 &
  pids+=($!); declare "pid_$build=$!"
  wait_ready "${ports[$build]}"
done

cat > "$work/role.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"query":"{ role(slug: \\"web-developers\\") { title summary skills { importance level skill { name } } nextMoves { kind to { title } } } }"}'
local bad = 0
response = function(status, headers, body)
  if status ~= 200 or string.find(body, '"errors"', 1, true) then bad = bad + 1 end
end
done = function() if bad > 0 then io.stderr:write("bad responses: " .. bad .. "\n"); os.exit(1) end end
LUA
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
echo "| round | build | req/s | CPU ms/request |"
echo "|---|---|---:|---:|"
declare -A total
for round in $(seq 1 "$rounds"); do
  order="$a $b"; [ $((round % 2)) = 0 ] && order="$b $a"
  for build in $order; do
    pid_var="pid_$build"; pid=${!pid_var}
    before=$(cpu_ticks "$pid")
    out=$(wrk -t1 -c32 -d"${secs}s" -s "$work/role.lua" "http://127.0.0.1:${ports[$build]}/graphql")
    after=$(cpu_ticks "$pid")
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    requests=$(echo "$out" | awk '/requests in/ {print $1}')
    hz=$(getconf CLK_TCK)
    cpu=$(python3 -c "print(f'{($after-$before)*1000/$hz/$requests:.3f}')")
    echo "| $round | $build | $rps | $cpu |"
    total[$build]=$(python3 -c "print(${total[$build]:-0} + $rps)")
  done
done
for build in "$a" "$b"; do
  pid_var="pid_$build"; echo "peak RSS $build: $(awk '/VmHWM/ {print $2/1024 " MB"}' "/proc/${!pid_var}/status")"
done
python3 -c "print(f'$b / $a throughput: {${total[$b]} / ${total[$a]}:.3f}x')"
