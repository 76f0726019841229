#!/usr/bin/env bash
# MCP client tests: builds the api and, on a fresh SQLite database and then (when
# TEST_DATABASE_URL names a PostgreSQL server; required with REQUIRE_POSTGRES=1) a fresh
# PostgreSQL database, starts it with the shipped O*NET and BLS data on a free loopback port and
# drives /mcp with the official MCP Python SDK (client.py; the SDK version is pinned in
# requirements.txt and installed into tests/mcp/.venv on first run).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
. "$root/tests/support/serve.sh"
built_api
if [ ! -x "$here/.venv/bin/python" ] || ! "$here/.venv/bin/python" -c 'import mcp' 2>/dev/null; then
  python3 -m venv "$here/.venv"
  "$here/.venv/bin/pip" install -q --disable-pip-version-check -r "$here/requirements.txt"
fi
python="$here/.venv/bin/python"

echo "-- SQLite"
serve "$bin_copy" IMPORT_ONET_ON_START=true
"$python" "$here/client.py" "http://127.0.0.1:$port"
kill "$server"; wait "$server" 2>/dev/null || true; rm -rf "$work"

if [ -z "${TEST_DATABASE_URL:-}" ]; then
  if [ "${REQUIRE_POSTGRES:-0}" = 1 ]; then
    echo "REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set" >&2
    exit 1
  fi
  echo "-- PostgreSQL skipped (TEST_DATABASE_URL not set)"
  exit 0
fi
echo "-- PostgreSQL"
db="career_mcp_$$"
psql "$TEST_DATABASE_URL" -qc "create database $db" >/dev/null
pg_url="${TEST_DATABASE_URL%/*}/$db"
serve_cleanup="rm -f $bin_copy; psql '$TEST_DATABASE_URL' -qc 'drop database if exists $db with (force)' >/dev/null"
serve "$bin_copy" IMPORT_ONET_ON_START=true DATABASE_URL="$pg_url"
"$python" "$here/client.py" "http://127.0.0.1:$port"
