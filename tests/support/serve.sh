# Sourced by the conformance, fuzz and load scripts: starts a built `api` binary on a fresh
# SQLite database and a free loopback port, waits until it is ready, and stops it on exit.
# `built_api` builds the api and copies its binary to $bin_copy.
# Usage: serve <binary> [VAR=value ...]   → sets $port, $server and $work. VAR=value pairs
# override the defaults (e.g. DATABASE_URL=postgres://…, IMPORT_ONET_ON_START=true for the full
# data; the curated dataset only by default); $serve_cleanup, when set, runs at exit.
serve() {
  local bin=$1; shift
  work=$(mktemp -d /tmp/career-serve.XXXXXX)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  env DATABASE_URL="sqlite://$work/career.db?mode=rwc" PORT="$port" RUST_LOG=warn \
    IMPORT_ONET_ON_START=false "$@" \
    "$bin" >"$work/server.log" 2>&1 &
  server=$!
  trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"; eval "${serve_cleanup:-true}"' EXIT
  for _ in $(seq 1 300); do
    curl -fs "http://127.0.0.1:$port/ready" >/dev/null 2>&1 && return 0
    kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; return 1; }
    sleep 0.2
  done
  echo "the server did not become ready" >&2
  return 1
}

# Builds the api (debug) and sets $bin_copy to a copy of the binary, removed at exit: the build
# directory may be shared with other checkouts, whose builds would replace it mid-test.
built_api() {
  cargo build -q -p api
  bin_copy=$(mktemp /tmp/career-api.XXXXXX)
  cp "${CARGO_TARGET_DIR:-$root/target}/debug/api" "$bin_copy"
  chmod +x "$bin_copy"
  serve_cleanup="rm -f $bin_copy"
}
