#!/usr/bin/env bash
# The demo: a generated network of 50,000 members in an SQLite file, its summary, one
# member's view, demo accounts, and the server on 127.0.0.1:8080 until Ctrl-C.
# Usage: scripts/demo.sh path/to/ledd   (make demo passes the built binary)
# LEDD_DEMO_SERVE=0 stops after the summary instead of serving.
set -euo pipefail
ledd=${1:-build/ledd}
out=${LEDD_DEMO_DIR:-demo}
members=${LEDD_DEMO_MEMBERS:-50000}
seed=${LEDD_DEMO_SEED:-2026}
listen=${LEDD_DEMO_LISTEN:-127.0.0.1:8080}

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

[[ ${LEDD_DEMO_SERVE:-1} == 0 ]] && exit 0

# Demo accounts, each signing in with their generated email (seed 2026):
#   Knut Strand (2217), the member above.
#   Jakob Sørensen (40319), the network's largest hub, and Geir Kristiansen (197), an
#   ordinary member: a UX designer in Lillestrøm with 58 contacts, a photo, positions and
#   an education. The generator gives both a received box with the hard cases
#   (docs/generator.md, "Showcase"): an invitation from their post that the sender had
#   read, one from a gamed account hours old, one whose note claims a post they never
#   wrote, and for Jakob also one from his talk and one from a colleague without a photo.
#   Linnea Henriksen (10429), a contact of Knut's.
echo
echo "== demo accounts"
# The sign-in page lists them (ledd serve --demo-accounts serves this file).
accounts_file="$out/demo-accounts.json"
separator="["
: >"$accounts_file"
for account in "2217 knut.strand.2@example.net Knut Strand" \
               "40319 jakob.sorensen.5@example.org Jakob Sørensen" \
               "197 geir.kristiansen@example.org Geir Kristiansen" \
               "10429 linnea.henriksen.2@example.com Linnea Henriksen"; do
  read -r id email name <<<"$account"
  password="ledd-demo-$id"
  "$ledd" accounts create --db "$out/ledd.db" "$id" --email "$email" --password "$password" >/dev/null
  echo "  $email  password: $password"
  printf '%s{"email":"%s","password":"%s","name":"%s"}\n' "$separator" "$email" "$password" "$name" \
    >>"$accounts_file"
  separator=","
done
echo "]" >>"$accounts_file"
echo
echo "== serving http://$listen/ (Ctrl-C stops)"
echo "   the web UI:  open http://$listen/ in a browser and sign in as a demo account"
echo "   the JSON API under /api/v1, e.g."
echo "   curl -s -X POST http://$listen/api/v1/signin -H 'Content-Type: application/json' \\"
echo "          -d '{\"email\":\"knut.strand.2@example.net\",\"password\":\"ledd-demo-2217\"}'"
exec "$ledd" serve --db "$out/ledd.db" --listen "$listen" --demo-accounts "$accounts_file"
