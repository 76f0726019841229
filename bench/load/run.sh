#!/usr/bin/env bash
# Load test: the release build on loopback, the curated dataset plus O*NET/BLS, a realistic
# query mix (role detail, routes with skill gaps, comparison, browse, typo search, next steps).
# Bounded in time; fails when any response is not 200 or carries `errors`.
# Usage: bench/load/run.sh [connections=64] [seconds=30] [threads=2]
# LOAD_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres runs it on a fresh PostgreSQL
# database (created and dropped here) instead of SQLite.
set -euo pipefail
conns=${1:-64}; secs=${2:-30}; threads=${3:-2}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
cargo build -q --release -p api
bin="${CARGO_TARGET_DIR:-$root/target}/release/api"
. "$root/tests/support/serve.sh"
db_env=()
backend="SQLite"
if [ -n "${LOAD_POSTGRES_URL:-}" ]; then
  db="career_load_$$"
  psql "$LOAD_POSTGRES_URL" -qc "create database $db" >/dev/null
  serve_cleanup="psql $LOAD_POSTGRES_URL -qc 'drop database if exists $db with (force)' >/dev/null"
  db_env=(DATABASE_URL="${LOAD_POSTGRES_URL%/*}/$db")
  backend="PostgreSQL"
fi
serve "$bin" IMPORT_ONET_ON_START=true "${db_env[@]}"
# Every query of the mix must work before the run (a typo would otherwise show as load errors).
wrk -t1 -c1 -d1s -s bench/load/mix.lua "http://127.0.0.1:$port" >/dev/null
echo "wrk -t$threads -c$conns -d${secs}s --latency -s bench/load/mix.lua (release build, $backend, curated + O*NET)"
wrk -t"$threads" -c"$conns" -d"${secs}s" --timeout 10s --latency -s bench/load/mix.lua "http://127.0.0.1:$port"
