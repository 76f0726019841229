#!/usr/bin/env bash
# Load test: the release build on loopback, the curated dataset plus O*NET/BLS, a realistic
# query mix (role detail, routes with skill gaps, comparison, browse, typo search, next steps).
# Bounded in time; fails when any response is not 200 or carries `errors`.
# Usage: bench/load/run.sh [connections=64] [seconds=30] [threads=2]
set -euo pipefail
conns=${1:-64}; secs=${2:-30}; threads=${3:-2}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
cargo build -q --release -p api
bin="${CARGO_TARGET_DIR:-$root/target}/release/api"
work=$(mktemp -d /tmp/career-load.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
DATABASE_URL="sqlite://$work/career.db?mode=rwc" PORT=$port IMPORT_ONET_ON_START=true RUST_LOG=warn \
  "$bin" >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 300); do
  curl -fs "http://127.0.0.1:$port/ready" >/dev/null 2>&1 && break
  sleep 0.2
done
# Every query of the mix must work before the run (a typo would otherwise show as load errors).
wrk -t1 -c1 -d1s -s bench/load/mix.lua "http://127.0.0.1:$port" >/dev/null
echo "wrk -t$threads -c$conns -d${secs}s --latency -s bench/load/mix.lua (release build, SQLite, curated + O*NET)"
wrk -t"$threads" -c"$conns" -d"${secs}s" --timeout 10s --latency -s bench/load/mix.lua "http://127.0.0.1:$port"
