#!/usr/bin/env bash
# Peers benchmark: our release binary (PostgreSQL and SQLite, response cache on and off),
# PostGraphile 5 (amber preset, read-only role) over the same PostgreSQL database, and a bare
# actix-web server replaying our response bytes (the ceiling), on three workloads:
#   role    the Web Developers page (O*NET 15-1254.00): title, summary, every skill with
#           importance and level, every outgoing move with its kind and target title;
#   rotate  the same page for 200 different O*NET roles, one after the other;
#   list    50 roles by title, each with its top 10 skills (name, importance).
# Before timing, every body is fetched once from every server and the values compared
# (peers.py prepare); during timing wrk checks every response body against those captures.
# Prints a markdown table and writes it to bench/peers/results/latest.md; exits non-zero when any
# response was wrong. Everything runs on 127.0.0.1.
#
# Usage: bench/peers/run.sh [--quick] [-d 15s] [-c 32] [-t 1] [-r 3] [--warmup 3s] [--no-build]
#   --quick       smoke test: -d 3s, 1 round, 1 s warm-up
#   -d/-c/-t      wrk duration, connections, threads (default 15s, 32, 1)
#   -r            rounds; each round runs every server × workload once, in a rotated order
#   --no-build    use the binaries already in $CARGO_TARGET_DIR/release
# Env: PEERS_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres; a superuser with
# trust auth: the script creates and drops a database and a read-only role there),
# CARGO_TARGET_DIR (default ~/.cache/career-graph-target), PEERS_KEEP=1 keeps the scratch dir.
set -euo pipefail

duration=15s conns=32 threads=1 rounds=3 warmup=3s build=1
usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case $1 in
    --quick) duration=3s rounds=1 warmup=1s ;;
    -d|--duration) duration=$2; shift ;;
    -c|--connections) conns=$2; shift ;;
    -t|--threads) threads=$2; shift ;;
    -r|--rounds) rounds=$2; shift ;;
    --warmup) warmup=$2; shift ;;
    --no-build) build=0 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/career-graph-target}
pg_admin=${PEERS_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}
pg_base=${pg_admin%/*}
say() { echo "peers: $*" >&2; }
die() { say "$*"; exit 1; }

for tool in wrk psql curl python3 npm; do
  command -v $tool >/dev/null || die "$tool is missing (wrk: apt-get install -y wrk)"
done
if [ "$build" = 1 ]; then
  say "building the release binaries (api, replay)"
  (cd "$root" && cargo build -q --release -p api && cargo build -q --release -p bench --bin replay)
fi
api="$CARGO_TARGET_DIR/release/api"
replay="$CARGO_TARGET_DIR/release/replay"
[ -x "$api" ] && [ -x "$replay" ] || die "missing $api or $replay (run without --no-build)"
pgl_dir="$here/postgraphile"
if [ ! -d "$pgl_dir/node_modules" ]; then
  say "installing PostGraphile (npm ci)"
  (cd "$pgl_dir" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi
node="$pgl_dir/node_modules/node/bin/node"
node_version=$("$node" --version)
pgl_version=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["version"])' \
  "$pgl_dir/node_modules/postgraphile/package.json")
pg_version=$(psql "$pg_admin" -AtXc 'show server_version')
pg_ssl=$(psql "$pg_admin" -AtXc 'show ssl')
pg_data=$(psql "$pg_admin" -AtXc 'show data_directory')
postmaster=$(head -1 "$pg_data/postmaster.pid" 2>/dev/null || true)
[ -n "$postmaster" ] || say "cannot read $pg_data/postmaster.pid: PostgreSQL CPU is not counted"

work=$(mktemp -d /tmp/career-peers.XXXXXX)
db="career_peers_$$"
ro="career_peers_ro_$$"
pids=()
cleanup() {
  local rc=$?
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  psql "$pg_admin" -qX -c "drop database if exists $db with (force)" -c "drop role if exists $ro" \
    >/dev/null 2>&1 || say "could not drop database $db / role $ro"
  if [ "${PEERS_KEEP:-0}" = 1 ]; then say "scratch kept in $work"; else rm -rf "$work"; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
# wait_ready NAME PID URL: polls URL until it answers 200 (10 minutes at most: the O*NET import).
wait_ready() {
  local name=$1 pid=$2 url=$3
  for _ in $(seq 1 3000); do
    curl -fs -o /dev/null "$url" && return 0
    kill -0 "$pid" 2>/dev/null || { tail -30 "$work/$name.log" >&2; die "$name exited"; }
    sleep 0.2
  done
  die "$name did not become ready"
}
declare -A url pid kind expect metrics uses_pg
# start_ours NAME DATABASE_URL [VAR=value ...]: our api on a free port.
start_ours() {
  local name=$1 dburl=$2; shift 2
  local port; port=$(free_port)
  env DATABASE_URL="$dburl" PORT="$port" HOST=127.0.0.1 RUST_LOG=warn RATE_LIMIT_PER_MINUTE=0 \
    IMPORT_ONET_ON_START=true "$@" "$api" >"$work/$name.log" 2>&1 &
  pid[$name]=$!; pids+=($!)
  url[$name]="http://127.0.0.1:$port"; kind[$name]=ours; expect[$name]=$name; metrics[$name]=1
}
# stop NAME: SIGTERM and wait.
stop() { kill "${pid[$1]}"; wait "${pid[$1]}" 2>/dev/null || true; }

psql "$pg_admin" -qX -v ON_ERROR_STOP=1 -c "create database $db" >/dev/null
ours_pg_url="$pg_base/$db?sslmode=disable"
sqlite_url="sqlite://$work/career.db?mode=rwc"

say "importing curated data + O*NET into PostgreSQL ($db) and SQLite (first start of our api)"
start_ours import-pg "$ours_pg_url"
start_ours import-sqlite "$sqlite_url"
wait_ready import-pg "${pid[import-pg]}" "${url[import-pg]}/ready"
wait_ready import-sqlite "${pid[import-sqlite]}" "${url[import-sqlite]}/ready"
stop import-pg; stop import-sqlite

psql "$pg_base/$db" -qX -v ON_ERROR_STOP=1 >/dev/null <<SQL
create role $ro login;
alter role $ro set default_transaction_read_only = on;
grant connect on database $db to $ro;
grant usage on schema public to $ro;
grant select on all tables in schema public to $ro;
SQL
pgl_pg_url="${pg_base/\/\/*@/\/\/$ro@}/$db?sslmode=disable"

say "starting the servers"
start_ours ours-pg "$ours_pg_url"
start_ours ours-pg-nocache "$ours_pg_url" RESPONSE_CACHE_MB=0
start_ours ours-sqlite "$sqlite_url"
start_ours ours-sqlite-nocache "$sqlite_url" RESPONSE_CACHE_MB=0
uses_pg[ours-pg]=1; uses_pg[ours-pg-nocache]=1
port=$(free_port)
(cd "$pgl_dir" && NODE_ENV=production exec "$node" server.mjs "$port" "$pgl_pg_url") >"$work/postgraphile.log" 2>&1 &
pid[postgraphile]=$!; pids+=($!)
url[postgraphile]="http://127.0.0.1:$port"; kind[postgraphile]=pgl; expect[postgraphile]=postgraphile
uses_pg[postgraphile]=1; metrics[postgraphile]=1
for s in ours-pg ours-pg-nocache ours-sqlite ours-sqlite-nocache; do
  wait_ready "$s" "${pid[$s]}" "${url[$s]}/ready"
done
for _ in $(seq 1 300); do
  curl -fs -o /dev/null -H 'Content-Type: application/json' -d '{"query":"{__typename}"}' \
    "${url[postgraphile]}/graphql" && break
  kill -0 "${pid[postgraphile]}" 2>/dev/null || { cat "$work/postgraphile.log" >&2; die "PostGraphile exited"; }
  sleep 0.2
done

# The rotation: 200 imported O*NET roles spread over the code range.
psql "$pg_base/$db" -AtX -c "select slug from role where onet_code is not null order by onet_code, id" \
  | awk '{ s[NR] = $0 } END { n = NR < 200 ? NR : 200; for (i = 0; i < n; i++) print s[int(i * NR / n) + 1] }' \
  >"$work/rotation.txt"
say "checking that every server returns the same values ($(wc -l <"$work/rotation.txt") roles in the rotation)"
python3 "$here/peers.py" prepare --out "$work" --slugs "$work/rotation.txt" \
  --ours "ours-pg=${url[ours-pg]}/graphql" --ours "ours-pg-nocache=${url[ours-pg-nocache]}/graphql" \
  --ours "ours-sqlite=${url[ours-sqlite]}/graphql" \
  --ours "ours-sqlite-nocache=${url[ours-sqlite-nocache]}/graphql" \
  --pgl "${url[postgraphile]}/graphql" >&2

port=$(free_port)
"$replay" "$port" \
  "$work/bodies/ours-role.jsonl" "$work/expected/ours-pg-role.jsonl" \
  "$work/bodies/ours-rotate.jsonl" "$work/expected/ours-pg-rotate.jsonl" \
  "$work/bodies/ours-list.jsonl" "$work/expected/ours-pg-list.jsonl" >"$work/replay.log" 2>&1 &
pid[replay]=$!; pids+=($!)
url[replay]="http://127.0.0.1:$port"; kind[replay]=ours; expect[replay]=ours-pg
wait_ready replay "${pid[replay]}" "${url[replay]}/ready"

servers=(ours-pg ours-pg-nocache ours-sqlite ours-sqlite-nocache postgraphile replay)
workloads=(role rotate list)
cells=()
for s in "${servers[@]}"; do for w in "${workloads[@]}"; do cells+=("$s:$w"); done; done

# statements SERVER: SQL statements the server has sent so far (our /metrics; PostGraphile's
# server.mjs counts pg client queries at /statements).
statements() {
  if [ "${kind[$1]}" = pgl ]; then curl -fs "${url[$1]}/statements"
  else curl -fs "${url[$1]}/metrics" | awk '$1 == "career_db_statements" { print $2 }'; fi
}
cpu_of() { python3 "$here/peers.py" cpu --pid "$1"; }
pg_cpu() { if [ -n "$postmaster" ]; then python3 "$here/peers.py" cpu --postmaster "$postmaster"; else echo 0; fi; }
tsv="$work/cells.tsv"
printf 'server\tworkload\tround\trequests\treq_per_s\tp50_ms\tp99_ms\tcpu_ticks\tstatements\tfailed\n' >"$tsv"
failures=0
# run_cell SERVER WORKLOAD ROUND: one timed wrk run, with CPU and statement deltas.
run_cell() {
  local s=$1 w=$2 r=$3
  local args=("${url[$s]}/graphql" -- "$work/bodies/${kind[$s]}-$w.jsonl" "$work/expected/${expect[$s]}-$w.jsonl")
  if [ "$r" = 1 ] && [ "$warmup" != 0 ] && [ "$warmup" != 0s ]; then
    wrk -t"$threads" -c"$conns" -d"$warmup" -s "$here/check.lua" "${args[@]}" >/dev/null 2>&1 || true
  fi
  local st0="" st1="" c0 c1 p0=0 p1=0
  [ -n "${metrics[$s]:-}" ] && st0=$(statements "$s")
  c0=$(cpu_of "${pid[$s]}"); [ -n "${uses_pg[$s]:-}" ] && p0=$(pg_cpu)
  wrk -t"$threads" -c"$conns" -d"$duration" --timeout 10s -s "$here/check.lua" "${args[@]}" \
    >"$work/wrk-$s-$w-$r.txt" 2>&1 || true
  c1=$(cpu_of "${pid[$s]}"); [ -n "${uses_pg[$s]:-}" ] && p1=$(pg_cpu)
  [ -n "${metrics[$s]:-}" ] && st1=$(statements "$s")
  local line; line=$(grep '^RESULT' "$work/wrk-$s-$w-$r.txt" || true)
  if [ -z "$line" ]; then
    cat "$work/wrk-$s-$w-$r.txt" >&2; say "$s $w: wrk gave no result"; failures=$((failures + 1)); return
  fi
  local requests rps p50 p99 failed sockets
  requests=$(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$line")
  rps=$(sed -E 's/.*req_per_s=([0-9.]+).*/\1/' <<<"$line")
  p50=$(sed -E 's/.*p50_ms=([0-9.]+).*/\1/' <<<"$line")
  p99=$(sed -E 's/.*p99_ms=([0-9.]+).*/\1/' <<<"$line")
  failed=$(sed -E 's/.*failed=([0-9]+).*/\1/' <<<"$line")
  sockets=$(sed -E 's/.*socket_errors=([0-9]+).*/\1/' <<<"$line")
  local stmts=""
  [ -n "$st0" ] && [ -n "$st1" ] && stmts=$((st1 - st0))
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$s" "$w" "$r" "$requests" "$rps" "$p50" "$p99" \
    $(((c1 - c0) + (p1 - p0))) "$stmts" "$((failed + sockets))" >>"$tsv"
  say "round $r  $(printf '%-20s %-7s' "$s" "$w") $(printf '%9.0f' "$rps") req/s  p50 ${p50} ms  p99 ${p99} ms  bad responses $failed  socket errors $sockets"
  if [ "$failed" != 0 ] || [ "$sockets" != 0 ]; then
    grep -v '^RESULT' "$work/wrk-$s-$w-$r.txt" | head -5 >&2 || true
    failures=$((failures + 1))
  fi
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
say "timing: wrk -t$threads -c$conns -d$duration, $rounds round(s) of ${#cells[@]} cells, rotated order"
for r in $(seq 1 "$rounds"); do
  n=${#cells[@]}
  offset=$(( (r - 1) * n / rounds ))
  for i in $(seq 0 $((n - 1))); do
    cell=${cells[$(( (i + offset) % n ))]}
    run_cell "${cell%%:*}" "${cell##*:}" "$r"
  done
done

load_after=$(cut -d' ' -f1-3 /proc/loadavg)
rss="$work/rss.txt"
for s in "${servers[@]}"; do
  kb=$(awk '$1 == "VmHWM:" { print $2 }' "/proc/${pid[$s]}/status")
  echo "$s $(awk -v k="$kb" 'BEGIN { printf "%.1f", k / 1024 }')" >>"$rss"
done

mkdir -p "$here/results"
{
  echo "## Peers benchmark — $(date -u +%Y-%m-%dT%H:%MZ), commit $(git -C "$root" rev-parse --short HEAD)"
  echo
  echo "wrk -t$threads -c$conns -d$duration per cell, $rounds round(s) in rotated order, ${warmup} warm-up per cell in round 1;" \
    "$(nproc) cores, $(uname -m); PostgreSQL $pg_version (server ssl=$pg_ssl), both clients connect with" \
    "**sslmode=disable** over 127.0.0.1; PostGraphile $pgl_version on Node $node_version (amber preset," \
    "PgIndexBehaviorsPlugin disabled, pgOrderByNullsLast, read-only role); req/s as min–max over rounds;" \
    "CPU = server process + all PostgreSQL processes (PostgreSQL rows only) per request; SQL statements from" \
    "our /metrics and from counting PostGraphile's pg client queries; peak RSS = VmHWM of the server process." \
    "Load average (1/5/15 min) before timing: $load_before; after: $load_after (the benchmark itself keeps" \
    "about 2 busy; more means other work shared the machine)."
  echo
  python3 "$here/peers.py" report --tsv "$tsv" --rss "$rss" \
    --order "ours-pg,ours-pg-nocache,ours-sqlite,ours-sqlite-nocache,postgraphile,replay" \
    --label "ours-pg=ours, PostgreSQL, default (response cache on)" \
    --label "ours-pg-nocache=ours, PostgreSQL, RESPONSE_CACHE_MB=0" \
    --label "ours-sqlite=ours, SQLite, default (response cache on)" \
    --label "ours-sqlite-nocache=ours, SQLite, RESPONSE_CACHE_MB=0" \
    --label "postgraphile=PostGraphile $pgl_version (amber), PostgreSQL" \
    --label "replay=replay ceiling (bare actix-web, fixed bytes)"
} >"$here/results/latest.md"
cp "$tsv" "$here/results/latest.tsv"; cp "$rss" "$here/results/latest-rss.txt"
cat "$here/results/latest.md"
if [ "$failures" != 0 ]; then
  die "$failures cell(s) had wrong responses or errors (see above)"
fi
