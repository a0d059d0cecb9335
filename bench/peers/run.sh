#!/usr/bin/env bash
# Peer comparison: ledd against SQLite, PostgreSQL, DuckDB and Kùzu on one generated network.
#
#   bench/peers/run.sh [--members N] [--seed S] [--sample K] [--systems sqlite,postgres,duckdb,kuzu]
#                      [--timeout SECONDS] [--csv DIR --ledd-db FILE] [--dir WORKDIR] [--reload]
#
# Work files go to $LEDD_BENCH_DIR (default /tmp)/ledd-peers-N-sS; databases loaded there
# are reused by the next run with the same size and seed unless --reload is given.
# --csv and --ledd-db reuse a network generated and imported before (same --members and --seed).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

if [[ ! -x "$repo/build/ledd" ]]; then
  echo "build/ledd is missing: build ledd first (make demo, or cmake --build build --target ledd)" >&2
  exit 1
fi

sudo_if_needed() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

if [[ ",$*," == *postgres* || "$*" != *--systems* ]]; then
  if ! command -v initdb >/dev/null && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    sudo_if_needed apt-get install -y postgresql >&2
  fi
fi

if [[ ! -d "$here/node_modules" || "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]]; then
  (cd "$here" && npm ci --no-audit --no-fund >&2)
fi

exec node "$here/bench.mjs" "$@"
