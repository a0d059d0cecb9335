#!/usr/bin/env bash
# Two `ledd serve` replicas on one PostgreSQL database against one: the HTTP load of
# load.sh (profile reads, 2-degree searches, accepts) through one replica and then split
# evenly over two, alternating ROUNDS times; then the replication lag between them under
# paced writes, and how long a read through one replica waits for the position token of
# a write made through the other (read-your-writes).
#
#   bench/http/replicas.sh NETWORK      (a directory `ledd generate` wrote, or any that
#                                        `ledd import` reads: imported into a new database)
#   bench/http/replicas.sh              (no import: DATABASE must hold an imported network;
#                                        it is CHANGED: accounts, accepts, follows)
#   PG_URI=postgresql://postgres@127.0.0.1:PORT/postgres DATABASE=ledd_replicas \
#   LEDD=build/ledd DURATION=15s CONNECTIONS=8 CALLERS=32 RECIPIENTS=2000 ROUNDS=2 \
#   FOLLOW_SECONDS=0.01 RATE=1000 LAG_SECONDS=20 WRITERS=16 \
#   RUNS="profile search accept lag ryw" bench/http/replicas.sh [NETWORK]
#
# Without PG_URI a private, durable cluster is started in a temporary directory
# (tests/testing/postgres_cluster.py; PG_SETTINGS adds settings) and removed at the end.
# Both replicas run throughout (replica B idles through the one-replica runs, following
# the log every FOLLOW_SECONDS); the one-replica runs send every wrk thread to A, the
# two-replica runs half of them to each (bench/http/replay.lua, LEDD_REPLICA_PORTS), so that wrk costs the
# same in both. Accepts: RECIPIENTS members with the most pending invitations, dealt
# into one set per accept run, so that every run accepts its own invitations.
#
# The machine's cores are shared by the replicas, PostgreSQL, wrk and the Python lag
# driver: two replicas cannot double the throughput of one here. Each figure is printed
# with the load average. Needs wrk, curl, psql and python3.
set -euo pipefail

network=${1:-}
ledd=${LEDD:-build/ledd}
database=${DATABASE:-ledd_replicas}
duration=${DURATION:-15s}
connections=${CONNECTIONS:-8}
callers=${CALLERS:-32}
recipients=${RECIPIENTS:-2000}
rounds=${ROUNDS:-2}
follow_seconds=${FOLLOW_SECONDS:-0.01}
rate=${RATE:-1000}
lag_seconds=${LAG_SECONDS:-20}
writers=${WRITERS:-16}
runs=" ${RUNS:-profile search accept lag ryw} "
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
chmod 755 "$work"  # The cluster's server user must reach $work/pg when we are root.
pids=()
cluster=""
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done
  [[ -n "$cluster" ]] && python3 "$repo/tests/testing/postgres_cluster.py" stop "$cluster" >/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

for tool in wrk curl psql python3; do
  command -v "$tool" >/dev/null || { echo "replicas.sh: $tool is needed" >&2; exit 1; }
done
load() { cut -d' ' -f1 /proc/loadavg; }

# ---- the database ----
server_uri=${PG_URI:-}
if [[ -z "$server_uri" ]]; then
  cluster=$work/pg
  settings=()
  for setting in shared_buffers=1GB max_wal_size=8GB checkpoint_timeout=30min ${PG_SETTINGS:-}; do
    settings+=(--set "$setting")
  done
  server_uri=$(python3 "$repo/tests/testing/postgres_cluster.py" start "$cluster" --durable \
                 --owner-pid $$ "${settings[@]}")
fi
db=${server_uri%/*}/$database
if [[ -n "$network" ]]; then
  psql -q "$server_uri" -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" -c "CREATE DATABASE $database"
  echo "== importing $network into $db"
  "$ledd" import --db "$db" "$network"
fi
sql() { psql -qAtX -F $'\t' "$db" -c "$1"; }

# ---- accounts (as load.sh) ----
# Callers: members with 400 to 600 contacts, every 101st member id (the same ones on
# every run). Recipients: the members with the most pending invitations, dealt in turn
# into one set per accept run.
sql "SELECT id FROM (SELECT id, (SELECT count(*) FROM connections WHERE a = m.id)
       + (SELECT count(*) FROM connections WHERE b = m.id) AS degree
     FROM members m WHERE id % 101 = 7) c WHERE degree BETWEEN 400 AND 600 ORDER BY id
     LIMIT $callers" >"$work/callers.members"
[[ -s "$work/callers.members" ]] || { echo "replicas.sh: no member has 400-600 contacts" >&2; exit 1; }
sql "SELECT to_member FROM invitations WHERE state = 'pending'
       AND to_member NOT IN (SELECT member FROM accounts) AND to_member % 101 <> 7
     GROUP BY to_member ORDER BY count(*) DESC, to_member LIMIT $recipients" \
  >"$work/recipients.members"
# Writers of the lag runs: members without accounts yet, two per writer thread.
sql "SELECT id FROM members WHERE id % 101 = 8 AND id NOT IN (SELECT member FROM accounts)
     ORDER BY id LIMIT $((writers * 2))" >"$work/writers.members"
cat "$work/callers.members" "$work/recipients.members" "$work/writers.members" >"$work/members"
sql "SELECT member FROM accounts WHERE email LIKE 'load-%@example.invalid'" | sort >"$work/existing"
sort "$work/members" | comm -23 - "$work/existing" >"$work/new"
echo "== creating $(wc -l <"$work/new") accounts ($(wc -l <"$work/callers.members") callers," \
  "$(wc -l <"$work/recipients.members") recipients, $(wc -l <"$work/writers.members") writers)"
xargs -P 2 -I MEMBER "$ledd" accounts create --db "$db" MEMBER --email load-MEMBER@example.invalid \
  --password load-password-MEMBER --password-hashing fast <"$work/new" >/dev/null

# ---- the replicas ----
# Both load the network from the database; /metrics and /healthz on a second listener.
start_replica() {  # name, port (the metrics listener on the next one)
  "$ledd" serve --db "$db" --listen "127.0.0.1:$2" --metrics-listen "127.0.0.1:$(($2 + 1))" \
    --rate-limit-per-second 0 --follow-seconds "$follow_seconds" >"$work/$1.log" 2>&1 &
  pids+=($!)
}
# Two pairs of consecutive ports that are free now.
free_pairs() {
  python3 -c 'import socket
found = []
for attempt in range(100):
    with socket.socket() as probe, socket.socket() as next_one:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        try:
            next_one.bind(("127.0.0.1", port + 1))
        except OSError:
            continue
    if all(abs(port - other) > 1 for other in found):
        found.append(port)
    if len(found) == 2:
        break
print(*found)'
}
read -r port_a port_b < <(free_pairs)
[[ -n "$port_b" ]] || { echo "replicas.sh: no free ports" >&2; exit 1; }
start_replica a "$port_a"
start_replica b "$port_b"
echo "== loading the network into replicas A (port $port_a) and B (port $port_b)"
for port in "$port_a" "$port_b"; do
  for _ in $(seq 1200); do
    curl -sf "http://127.0.0.1:$((port + 1))/healthz" >/dev/null && break
    for pid in "${pids[@]}"; do
      kill -0 "$pid" 2>/dev/null || { cat "$work"/*.log >&2; exit 1; }
    done
    sleep 0.5
  done
  curl -sf "http://127.0.0.1:$((port + 1))/healthz"; echo
done
base=http://127.0.0.1:$port_a

# Sessions are in the database: a token from A works on B.
while read -r member; do
  token=$(curl -sf -X POST "$base/api/v1/signin" -H 'Content-Type: application/json' \
            -d "{\"email\":\"load-$member@example.invalid\",\"password\":\"load-password-$member\"}" |
          sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
  [[ -n "$token" ]] || { echo "replicas.sh: cannot sign in as $member" >&2; exit 1; }
  printf '%s\t%s\n' "$member" "$token"
done <"$work/members" >"$work/tokens"
head -n "$(wc -l <"$work/callers.members")" "$work/tokens" >"$work/callers"
tail -n "$(wc -l <"$work/writers.members")" "$work/tokens" >"$work/writers"

# ---- the requests (as load.sh) ----
max_id=$(sql "SELECT max(id) FROM members")
awk -v max="$max_id" -v n=50000 'BEGIN { srand(1) } { token[NR] = $2 }
  END { for (i = 0; i < n; i++) printf "GET\t/api/v1/members/%d\t%s\n", 1 + int(rand() * max), token[1 + int(rand() * NR)] }' \
  FS='\t' "$work/callers" >"$work/profile.txt"
titles=("Konsulent" "Ingeni%C3%B8r" "Utvikler" "Business%20Analyst" "Sykepleier" "R%C3%A5dgiver" "Analytiker" "Systemutvikler")
cities=("Oslo" "Bergen" "Trondheim" "Stavanger" "Stockholm")
while IFS=$'\t' read -r member token; do
  for title in "${titles[@]}"; do
    for city in "${cities[@]}"; do
      printf 'GET\t/api/v1/search?title=%s&city=%s&degree=1,2&limit=10\t%s\n' "$title" "$city" "$token"
    done
  done
done <"$work/callers" >"$work/search.txt"
# Accepts: one set of recipients per accept run (recipients dealt in turn), every pending
# invitation to a set's members once.
accept_runs=$((rounds * 2))
awk -v sets="$accept_runs" '{ print $1 "\t" (NR - 1) % sets }' "$work/recipients.members" >"$work/recipient.sets"
sql "SELECT id, to_member FROM invitations WHERE state = 'pending' ORDER BY id" >"$work/pending"
awk -F'\t' -v dir="$work" 'FILENAME ~ /tokens$/ { token[$1] = $2; next }
  FILENAME ~ /sets$/ { set[$1] = $2; next }
  ($2 in set) { printf "POST\t/api/v1/invitations/%s/accept\t%s\n", $1, token[$2] > (dir "/accept." set[$2] ".txt") }' \
  "$work/tokens" "$work/recipient.sets" "$work/pending"

# ---- wrk ----
# Two wrk threads in every run: both to A (one replica), or one to A and one to B.
wrk_ports() { [[ $1 == one ]] && echo "$port_a,$port_a" || echo "$port_a,$port_b"; }
show() { grep -E 'Requests/sec|Non-2xx|Socket errors|^ +(50|99)%' "$work/$1.out" | sed 's/^/  /'; }
run() {  # replicas (one|two), name, file, wrk flags...
  local replicas=$1 name=$2 file=$3
  shift 3
  echo "== $replicas: $name ($(wc -l <"$file") distinct requests, load average $(load))"
  LEDD_REPLICA_PORTS=$(wrk_ports "$replicas") wrk -t2 -c"$connections" --latency "$@" \
    -s "$here/replay.lua" "$base" -- "$file" random 2 >"$work/$name.$replicas.out"
  show "$name.$replicas"
  echo "  load average after: $(load)"
}
answered() {  # accepts answered by both replicas so far
  for port in "$port_a" "$port_b"; do curl -sf "http://127.0.0.1:$((port + 1))/metrics"; done |
    awk '/^ledd_http_requests_total\{route="\/api\/v1\/invitations\/\{id\}\/accept"/ { n += $2 } END { print n + 0 }'
}
run_accepts() {  # replicas, set
  local replicas=$1 file=$work/accept.$2.txt
  [[ -s "$file" ]] || { echo "== $replicas: accept: no pending invitations in set $2"; return; }
  local accepts before start count last now current
  accepts=$(wc -l <"$file")
  before=$(answered)
  echo "== $replicas: accept ($accepts pending invitations, each once, load average $(load))"
  start=$(date +%s.%N)
  LEDD_REPLICA_PORTS=$(wrk_ports "$replicas") wrk -t2 -c"$connections" --latency -d600s \
    -s "$here/replay.lua" "$base" -- "$file" once 2 >"$work/accept.$replicas.out" &
  local wrk_pid=$!
  count=0; last=$start
  while (( count < accepts )) && kill -0 "$wrk_pid" 2>/dev/null; do
    sleep 0.05
    now=$(date +%s.%N); current=$(( $(answered) - before ))
    if (( current > count )); then count=$current; last=$now
    elif awk -v a="$now" -v b="$last" 'BEGIN { exit !(a - b > 3) }'; then break; fi  # Stalled.
  done
  kill -INT "$wrk_pid" 2>/dev/null || true
  wait "$wrk_pid" 2>/dev/null || true
  grep -E '^ +(50|99)%|Socket errors|Non-2xx' "$work/accept.$replicas.out" | sed 's/^/  /' || true
  awk -v n="$count" -v a="$start" -v b="$last" -v all="$accepts" \
    'BEGIN { printf "  Accepts/sec: %.1f (%d of %d answered in %.2f s)\n", n / (b - a), n, all, b - a }'
  echo "  load average after: $(load)"
}
statuses() {  # answers by status code of each replica, from /metrics
  local name port
  for name in A B; do
    [[ $name == A ]] && port=$port_a || port=$port_b
    printf '%s: ' "$name"
    curl -sf "http://127.0.0.1:$((port + 1))/metrics" |
      awk '/^ledd_http_requests_total\{/ && match($0, /code="[0-9]+"/) {
             n[substr($0, RSTART + 6, RLENGTH - 7)] += $NF }
           END { for (code in n) printf "%s x %d  ", code, n[code] }'
  done
  echo
}

LEDD_REPLICA_PORTS=$port_a,$port_b wrk -t2 -c"$connections" -d5s -s "$here/replay.lua" "$base" \
  -- "$work/profile.txt" random 2 >/dev/null  # Warm-up, both replicas.
set_index=0
for round in $(seq "$rounds"); do
  for replicas in one two; do
    [[ $runs == *" profile "* ]] && run "$replicas" profile "$work/profile.txt" -d"$duration"
    [[ $runs == *" search "* ]] && run "$replicas" search "$work/search.txt" -d"$duration"
    if [[ $runs == *" accept "* ]]; then run_accepts "$replicas" "$set_index"; fi
    set_index=$((set_index + 1))
    cp "$work/profile.$replicas.out" "$work/profile.$replicas.$round.out" 2>/dev/null || true
    cp "$work/search.$replicas.out" "$work/search.$replicas.$round.out" 2>/dev/null || true
    cp "$work/accept.$replicas.out" "$work/accept.$replicas.$round.out" 2>/dev/null || true
  done
done
echo "== answers by status so far (both replicas): $(statuses)"

# ---- two replicas / one ----
rate_of() { awk '/Requests\/sec/ { print $2 }' "$1" 2>/dev/null; }
for name in profile search; do
  [[ $runs == *" $name "* ]] || continue
  for round in $(seq "$rounds"); do
    one=$(rate_of "$work/$name.one.$round.out"); two=$(rate_of "$work/$name.two.$round.out")
    awk -v n="$name" -v r="$round" -v o="$one" -v t="$two" \
      'BEGIN { printf "%s, round %d: one replica %.0f/s, two %.0f/s, two / one = %.2f\n", n, r, o, t, t / o }'
  done
done

# ---- lag and read-your-writes ----
replica_args=(--replica "$base" "http://127.0.0.1:$((port_a + 1))"
              --replica "http://127.0.0.1:$port_b" "http://127.0.0.1:$((port_b + 1))")
for mode in lag ryw; do
  [[ $runs == *" $mode "* ]] || continue
  echo "== $mode: $rate writes/s through both replicas for $lag_seconds s ($writers writers each," \
    "follow every $follow_seconds s, load average $(load))"
  python3 "$here/replicas_lag.py" "$mode" "${replica_args[@]}" --accounts "$work/writers" \
    --max-member "$max_id" --rate "$rate" --seconds "$lag_seconds" --threads "$writers" |
    sed 's/^/  /'
  echo "  load average after: $(load)"
done
echo "== answers by status (both replicas): $(statuses)"
echo "== reloads of the network: A $(curl -sf "http://127.0.0.1:$((port_a + 1))/metrics" | awk '/^ledd_network_reloads_total/ { print $2 }')," \
  "B $(curl -sf "http://127.0.0.1:$((port_b + 1))/metrics" | awk '/^ledd_network_reloads_total/ { print $2 }')"
# What the replicas said about waits, catch-ups, reloads and failed requests (5xx), counted.
grep -hE "waits for position|could not catch up|was saved;|again from the store|gave up|error|: (GET|POST|PUT|DELETE) /" \
  "$work/a.log" "$work/b.log" | sed "s/[0-9][0-9.]*/N/g" | cut -c1-160 | sort | uniq -c | sort -rn | head -5 || true
