#!/usr/bin/env bash
# GraphQL-over-HTTP conformance: starts the service on a fresh SQLite database and a free
# loopback port, runs every graphql-http (1.23.1, pinned by package-lock.json) server audit,
# and fails unless all pass (SHOULD warnings count as failures). Needs Node 20+ and npm.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
cargo build -q -p api
bin="${CARGO_TARGET_DIR:-$root/target}/debug/api"
work=$(mktemp -d /tmp/career-conformance.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
DATABASE_URL="sqlite://$work/career.db?mode=rwc" PORT=$port RUST_LOG=warn "$bin" >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$port/ready" >/dev/null 2>&1 && break
  sleep 0.2
done
cd "$here"
[ -d node_modules/graphql-http ] || npm ci --no-audit --no-fund --loglevel=error
node audit.mjs "http://127.0.0.1:$port/graphql"
