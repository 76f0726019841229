#!/usr/bin/env bash
# Browser tests: builds the api, starts it on a fresh SQLite database and a free port (curated
# dataset), and drives Debian's Chromium through playwright-core (pinned by package-lock.json)
# over /explore and /graphiql with every request to another host blocked. Screenshots are
# kept in tests/browser/screenshots (override with SCREENSHOT_DIR).
# Needs Node 20+, npm and /usr/bin/chromium (`apt-get install -y chromium`).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
. "$root/tests/support/serve.sh"
built_api
serve "$bin_copy"
curl -fs "http://127.0.0.1:$port/explore/app.js" >/dev/null || {
  echo "the server built here does not serve /explore (another checkout replaced the binary?)" >&2
  exit 1
}
cd "$here"
[ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund --loglevel=error
BASE_URL="http://127.0.0.1:$port" node --test --test-concurrency=1 explore.test.mjs future.test.mjs graphiql.test.mjs
