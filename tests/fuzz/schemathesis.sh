#!/usr/bin/env bash
# Fuzzes the GraphQL API with schemathesis (GraphQL mode: queries and mutations generated from
# the introspected schema) against the service on a fresh SQLite database and loopback port.
# Runs with an admin token so mutations reach validation and the database too. Passes when no
# response is a 5xx or carries code INTERNAL, nothing panicked and the server is still alive.
# (schemathesis' own `not_a_server_error` check also flags expected client errors such as
# NOT_FOUND or UNAUTHENTICATED in `errors`, so the responses are judged from its HAR record.)
# Usage: tests/fuzz/schemathesis.sh [max-examples per field=25]
set -euo pipefail
examples=${1:-25}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
venv=${SCHEMATHESIS_VENV:-$HOME/.cache/career-schemathesis}
if [ ! -x "$venv/bin/schemathesis" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q schemathesis==4.32.5
fi
cargo build -q -p api
bin="${CARGO_TARGET_DIR:-$root/target}/debug/api"
token=fuzz-token-$RANDOM$RANDOM
hash=$(printf %s "$token" | sha256sum | cut -d' ' -f1)
. "$root/tests/support/serve.sh"
serve "$bin" ADMIN_TOKENS="fuzz:admin:$hash"
"$venv/bin/schemathesis" run "http://127.0.0.1:$port/graphql" -H "Authorization: Bearer $token" \
  --exclude-checks not_a_server_error --max-examples "$examples" --seed 42 \
  --phases examples,fuzzing --suppress-health-check all --report har --report-har-path "$work/run.har" \
  >"$work/schemathesis.log" || true   # its verdict counts client errors; judged below
grep -E "^Test cases:" -A1 "$work/schemathesis.log" || { cat "$work/schemathesis.log"; exit 1; }
python3 - "$work/run.har" <<'PY'
import json, sys
entries = json.load(open(sys.argv[1]))["log"]["entries"]
bad = [e for e in entries
       if e["response"]["status"] >= 500 or '"INTERNAL"' in e["response"]["content"].get("text", "")]
codes = {}
for e in entries:
    codes[e["response"]["status"]] = codes.get(e["response"]["status"], 0) + 1
print(f"{len(entries)} requests, statuses {dict(sorted(codes.items()))}")
if not entries:
    sys.exit("no requests were recorded")
for e in bad[:5]:
    print("BAD:", e["request"].get("postData", {}).get("text", "")[:300], "->", e["response"]["content"].get("text", "")[:300])
sys.exit(1 if bad else 0)
PY
kill -0 $server || { echo "the server died during fuzzing" >&2; tail -20 "$work/server.log" >&2; exit 1; }
if grep -q "panicked" "$work/server.log"; then
  echo "the server panicked:" >&2; grep -m5 -A5 panicked "$work/server.log" >&2; exit 1
fi
echo "schemathesis: no 5xx, no panic, server alive"
