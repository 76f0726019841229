#!/usr/bin/env bash
# Browser tests: builds the api and the seed CLI, makes a fresh SQLite database (the curated
# dataset plus the O*NET and BLS by-area test fixtures, so pay by area has figures), and runs
# the tests twice, each on a copy of that database and a free port: once with introspection
# on and once with INTROSPECTION=false, which the explorer must not need. Debian's Chromium is
# driven through playwright-core (pinned by package-lock.json) over /explore and /graphiql
# with every request to another host blocked. Screenshots are kept in
# tests/browser/screenshots (override with SCREENSHOT_DIR), those of the second run in its
# introspection-off/ folder.
# Needs Node 20+, npm and /usr/bin/chromium (`apt-get install -y chromium`).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
. "$root/tests/support/serve.sh"
built_api
cargo build -q -p seed
data=$(mktemp -d /tmp/career-browser.XXXXXX)
trap 'rm -rf "$data" "$bin_copy"' EXIT
seed_cli=("${CARGO_TARGET_DIR:-$root/target}/debug/seed" --database-url "sqlite://$data/career.db?mode=rwc")
"${seed_cli[@]}" >"$data/seed.log" 2>&1 || { cat "$data/seed.log" >&2; exit 1; }
"${seed_cli[@]}" import --onet tests/fixtures/onet-mini --bls tests/fixtures/onet-mini/national_M2024_dl.csv \
  --bls-areas tests/fixtures/bls-areas-mini >>"$data/seed.log" 2>&1 || { cat "$data/seed.log" >&2; exit 1; }
(cd "$here" && { [ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund --loglevel=error; })
shots=${SCREENSHOT_DIR:-$here/screenshots}

failed=()
for introspection in true false; do
  cp "$data/career.db" "$data/introspection-$introspection.db"
  echo "== browser tests, INTROSPECTION=$introspection"
  set +e
  (
    set -e
    # serve's exit trap stops this run's server; the binary is removed by the trap above.
    serve_cleanup=true
    serve "$bin_copy" DATABASE_URL="sqlite://$data/introspection-$introspection.db?mode=rwc" INTROSPECTION="$introspection"
    curl -fs "http://127.0.0.1:$port/explore/queries/ExploreRole.graphql" >/dev/null || {
      echo "the server built here does not serve the explorer's queries (another checkout replaced the binary?)" >&2
      exit 1
    }
    cd "$here"
    dir=$shots
    [ "$introspection" = true ] || dir=$shots/introspection-off
    BASE_URL="http://127.0.0.1:$port" INTROSPECTION="$introspection" SCREENSHOT_DIR="$dir" \
      node --test --test-concurrency=1 explore.test.mjs views.test.mjs graphiql.test.mjs
  )
  status=$?
  set -e
  [ "$status" = 0 ] || failed+=("INTROSPECTION=$introspection")
done
if [ "${#failed[@]}" -gt 0 ]; then
  echo "browser tests failed with: ${failed[*]}" >&2
  exit 1
fi
echo "browser tests passed with introspection on and off"
