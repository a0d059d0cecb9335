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

# One member's view. Knut Strand (2217) lives in Oslo and has about 500 contacts in the
# seed-2026 network: the article's "500 contacts" case.
member=${LEDD_DEMO_MEMBER:-2217}
echo
echo "== how big is member $member's network really? (the blog: 500 x 500 = 250,500, minus 20 %)"
"$ledd" reach --db "$out/ledd.db" "$member"
echo
echo "== engineers (\"ingeniør\") in Oslo within 2 degrees of member $member, and who can introduce"
"$ledd" search --db "$out/ledd.db" --as "$member" --title ingeniør --city Oslo --degree 1,2 --limit 5
echo
echo "== ... of them, the 2nd-degree ones: ask a mutual contact for an introduction"
"$ledd" search --db "$out/ledd.db" --as "$member" --title ingeniør --city Oslo --degree 2 --limit 8 \
  | sed -n '1,9p'
