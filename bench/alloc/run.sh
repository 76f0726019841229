#!/usr/bin/env bash
# Allocator A/B: the release api built with mimalloc (the default feature) and with the system
# allocator (glibc malloc, `--no-default-features`), compared by bench/ab/run.sh (side by side
# on copies of one SQLite database, response cache off, role page, alternating rounds).
# Usage: bench/alloc/run.sh [rounds=3] [seconds=10]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/career-graph-target}
work=$(mktemp -d /tmp/career-alloc.XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$root"
cargo build -q --release -p api --no-default-features
cp "$CARGO_TARGET_DIR/release/api" "$work/api-system"
cargo build -q --release -p api
cp "$CARGO_TARGET_DIR/release/api" "$work/api-mimalloc"
bench/ab/run.sh "$work/api-system" "$work/api-mimalloc" "${1:-3}" "${2:-10}" system mimalloc
