#!/usr/bin/env bash
# The demo: a generated network of 50,000 members in an SQLite file, and its summary.
# Usage: scripts/demo.sh path/to/ledd   (make demo passes the built binary)
set -euo pipefail
ledd=${1:-build/ledd}
out=${LEDD_DEMO_DIR:-demo}
members=${LEDD_DEMO_MEMBERS:-50000}
seed=${LEDD_DEMO_SEED:-2026}

mkdir -p "$out"
echo "== generating $members members (seed $seed) into $out/network"
"$ledd" generate --members "$members" --seed "$seed" --out "$out/network"
echo "== importing into $out/ledd.db"
rm -f "$out/ledd.db" "$out/ledd.db-wal" "$out/ledd.db-shm"
"$ledd" import --db "$out/ledd.db" "$out/network"
echo "== the network"
"$ledd" stats --db "$out/ledd.db"
