#!/usr/bin/env bash
# First and later starts of the release binary with the full data (the README's first command):
# per round, a fresh database and a first start (migrate, curated, O*NET 29.3 + BLS 2024, BLS
# 2025 by area, model), then a later start on it. Reports the time from launch until `/ready`
# answers and until the log says the area wages are loaded (they are read after the server is
# ready; a place question asked before waits for them).
#
#   bench/starts.sh [rounds]                      # SQLite (a temporary career.db)
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_starts bench/starts.sh [rounds]
#                                                 # PostgreSQL (the database is dropped and recreated)
#   BASELINE_BIN=/path/to/older/api bench/starts.sh [rounds]
#                                                 # also an older build, alternating which goes first
#                                                 # (its own database; it reads everything before ready)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/career-graph-target}"
cargo build --release -p api >/dev/null 2>&1
ours="$CARGO_TARGET_DIR/release/api"
if ! grep -q "area wages loaded" "$ours"; then
  # A target directory shared with another checkout can link that checkout's libraries.
  find api/src entity/src seed/src migration/src -name '*.rs' -exec touch {} +
  cargo build --release -p api >/dev/null 2>&1
  grep -q "area wages loaded" "$ours" || { echo "$ours is not this checkout's build" >&2; exit 1; }
fi
work=$(mktemp -d /tmp/career-starts.XXXXXX)
trap 'rm -rf "$work"' EXIT
port=18650

fresh_database() {
  if [[ "${DATABASE_URL:-}" == postgres* ]]; then
    local name="${DATABASE_URL##*/}" admin="${DATABASE_URL%/*}/postgres"
    PGOPTIONS="-c client_min_messages=warning" psql "$admin" -qc "drop database if exists \"$name\" with (force)" -c "create database \"$name\"" >/dev/null
  else
    rm -f "$work"/career.db*
  fi
}

# Fails with the server's log when it has exited.
alive() {
  kill -0 "$pid" 2>/dev/null || { echo "the server exited:" >&2; tail -5 "$log" >&2; exit 1; }
}

# Prints "ready_s area_wages_s" for one start of binary $1 ($2 = apart: it logs when the area
# wages, read after ready, are loaded; whole: it reads them before ready).
one_start() {
  local log="$work/log" start ready loaded pid
  start=$(date +%s.%N)
  (cd "$work" && PORT=$port RUST_LOG=info exec "$1" >"$log" 2>&1) &
  pid=$!
  until curl -fs "http://127.0.0.1:$port/ready" >/dev/null 2>&1; do alive; sleep 0.01; done
  ready=$(date +%s.%N)
  if [ "$2" = apart ]; then
    until grep -q "area wages loaded" "$log"; do alive; sleep 0.01; done
  fi
  loaded=$(date +%s.%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$(echo "$ready - $start" | bc) $(echo "$loaded - $start" | bc)"
}

# One round of binary $1 (label $2, mode $3): fresh database, first start, later start.
round() {
  local first later loaded
  fresh_database
  read -r first _ < <(one_start "$1" "$3")
  read -r later loaded < <(one_start "$1" "$3")
  printf '| %s | %s | %.2f s | %.2f s | %.2f s |\n' "$r" "$2" "$first" "$later" "$loaded"
}

if curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1; then
  echo "port $port is taken: stop what listens there first" >&2
  exit 1
fi
echo "backend: ${DATABASE_URL:-SQLite}; load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| round | build | first start: ready | later start: ready | later start: area wages loaded |"
echo "|---|---|---|---|---|"
for r in $(seq 1 "$rounds"); do
  if [ -n "${BASELINE_BIN:-}" ] && [ $((r % 2)) -eq 1 ]; then round "$BASELINE_BIN" baseline whole; fi
  round "$ours" this apart
  if [ -n "${BASELINE_BIN:-}" ] && [ $((r % 2)) -eq 0 ]; then round "$BASELINE_BIN" baseline whole; fi
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
