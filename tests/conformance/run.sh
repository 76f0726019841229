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
. "$root/tests/support/serve.sh"
serve "$bin"
cd "$here"
[ -d node_modules/graphql-http ] || npm ci --no-audit --no-fund --loglevel=error
node audit.mjs "http://127.0.0.1:$port/graphql"
