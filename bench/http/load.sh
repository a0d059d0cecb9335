#!/usr/bin/env bash
# Load benchmark of `ledd serve` with wrk on an imported network (issue 5's targets):
# profile reads, 2-degree searches and accepts through HTTP, and the same searches
# answered in-process by `ledd search --batch` on both cores, as the baseline.
#
#   bench/http/load.sh DB          (DB: an imported network, e.g. the 1M one of
#                                   docs/performance.md; it is CHANGED: accounts are
#                                   added and pending invitations accepted: use a copy)
#   LEDD=build/ledd DURATION=20s CONNECTIONS=8 CALLERS=32 RECIPIENTS=4000 \
#     RUNS="profile search accept" bench/http/load.sh DB
#
# IDLE=500 holds 500 idle keep-alive connections open to the server during every run
# (bench/http/idle.py: each asks /healthz every ~3.5 s, below the server's keep-alive
# timeout, and reconnects when closed), the condition of issue 15's HTTP target; the
# count of connections the server has open is printed before each run and the idle
# clients' own summary at the end. WRK_THREADS=2 runs wrk with two threads (default 1).
# SERVE_FLAGS="--threads 4" adds flags to `ledd serve`. SEARCHES_OUT=FILE keeps the
# in-process baseline's searches (`ledd search --batch` requests) in FILE.
#
# Needs wrk, curl, sqlite3 and python3 (Debian packages). The server and wrk share the
# machine, as the targets assume; the script prints the load average next to each figure.
set -euo pipefail

db=${1:?usage: bench/http/load.sh DB}
ledd=${LEDD:-build/ledd}
duration=${DURATION:-20s}
connections=${CONNECTIONS:-8}
callers=${CALLERS:-32}
recipients=${RECIPIENTS:-4000}
runs=" ${RUNS:-profile search accept} "
idle=${IDLE:-0}
wrk_threads=${WRK_THREADS:-1}
read -r -a extra_serve_flags <<<"${SERVE_FLAGS:-}"
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
server_pid=""
idle_pid=""
cleanup() {
  [[ -n "$idle_pid" ]] && kill "$idle_pid" 2>/dev/null && wait "$idle_pid" 2>/dev/null
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

for tool in wrk curl sqlite3 python3; do
  command -v "$tool" >/dev/null || { echo "load.sh: $tool is needed (apt-get install $tool)" >&2; exit 1; }
done

# ---- accounts ----
# Callers: members with 400 to 600 contacts (the article's "500 contacts"), every 101st
# member id until enough are found (the same ones on every run). Recipients: members with pending invitations, so
# that they can accept them. (connections_by_b is a table from schema version 18 on: a
# database an older ledd left is migrated by any ledd command that opens it.)
sqlite3 "$db" "SELECT id FROM (SELECT id, (SELECT count(*) FROM connections WHERE a = m.id)
                 + (SELECT count(*) FROM connections_by_b WHERE b = m.id) AS degree
               FROM members m WHERE id % 101 = 7)
               WHERE degree BETWEEN 400 AND 600 LIMIT $callers" >"$work/callers.members"
sqlite3 "$db" "SELECT to_member FROM invitations WHERE state = 'pending'
               AND to_member NOT IN (SELECT member FROM accounts) AND to_member % 101 <> 7
               GROUP BY to_member ORDER BY count(*) DESC, to_member LIMIT $recipients" \
  >"$work/recipients.members"
cat "$work/callers.members" "$work/recipients.members" >"$work/members"
# The same callers on every run over one database (so that runs compare); the accounts of
# an earlier run are reused.
sqlite3 "$db" "SELECT member FROM accounts WHERE email LIKE 'load-%@example.invalid'" |
  sort >"$work/existing"
sort "$work/members" | comm -23 - "$work/existing" >"$work/new"
echo "== creating $(wc -l <"$work/new") accounts ($(wc -l <"$work/callers.members") callers)"
while read -r member; do
  "$ledd" accounts create --db "$db" "$member" --email "load-$member@example.invalid" \
    --password "load-password-$member" --password-hashing fast >/dev/null
done <"$work/new"

# ---- the server ----
port=$((20000 + RANDOM % 20000))
base="http://127.0.0.1:$port"
# /metrics is on its own listener where the binary has one (--metrics-listen), on the
# main one in older binaries, so that one script compares both. Where the binary has
# request rate limits, --rate-limit-per-second 0 lifts them (burst 300, 30/s by
# default): this benchmark makes ~15,000 profile reads a second from a few accounts,
# which is exactly what the limit refuses to a scraper.
metrics_base=$base
serve_flags=()
serve_help=$("$ledd" serve --help 2>/dev/null || true)
if grep -q -- --metrics-listen <<<"$serve_help"; then
  metrics_base="http://127.0.0.1:$((port + 1))"
  serve_flags+=(--metrics-listen "127.0.0.1:$((port + 1))")
fi
if grep -q -- --rate-limit-per-second <<<"$serve_help"; then
  serve_flags+=(--rate-limit-per-second 0)
fi
"$ledd" serve --db "$db" --listen "127.0.0.1:$port" "${serve_flags[@]}" "${extra_serve_flags[@]}" \
  >"$work/server.log" 2>&1 &
server_pid=$!
echo "== loading the network into ledd serve on port $port"
for _ in $(seq 600); do
  curl -sf "$base/healthz" >/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.5
done
curl -sf "$base/healthz"; echo

while read -r member; do
  token=$(curl -sf -X POST "$base/api/v1/signin" -H 'Content-Type: application/json' \
            -d "{\"email\":\"load-$member@example.invalid\",\"password\":\"load-password-$member\"}" |
          sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
  [[ -n "$token" ]] || { echo "load.sh: cannot sign in as $member" >&2; exit 1; }
  printf '%s\t%s\n' "$member" "$token"
done <"$work/members" >"$work/tokens"
head -n "$(wc -l <"$work/callers.members")" "$work/tokens" >"$work/callers"

# ---- idle keep-alive clients (IDLE=N) ----
if (( idle > 0 )); then
  "$here/idle.py" 127.0.0.1 "$port" "$idle" --ready "$work/idle.ready" >"$work/idle.out" 2>&1 &
  idle_pid=$!
  for _ in $(seq 600); do
    [[ -s "$work/idle.ready" ]] && break
    kill -0 "$idle_pid" 2>/dev/null || { cat "$work/idle.out" >&2; exit 1; }
    sleep 0.1
  done
  [[ -s "$work/idle.ready" ]] || { echo "load.sh: $idle idle connections did not open" >&2; exit 1; }
fi
# Connections the server has open (established on its port), idle ones included.
open_connections() { ss -Htn state established "( sport = :$port )" | wc -l; }

# ---- the requests ----
max_id=$(sqlite3 "$db" "SELECT max(id) FROM members")
# Profile reads: any member, seen by one of the callers.
awk -v max="$max_id" -v n=50000 'BEGIN { srand(1) } { token[NR] = $2 }
  END { for (i = 0; i < n; i++) printf "GET\t/api/v1/members/%d\t%s\n", 1 + int(rand() * max), token[1 + int(rand() * NR)] }' \
  FS='\t' "$work/callers" >"$work/profile.txt"
# Searches: common titles in the five largest cities, 1st and 2nd degree, first page
# (written only when RUNS has search; each title URL-encoded once).
titles=("Konsulent" "Ingeniør" "Utvikler" "Business Analyst" "Sykepleier" "Rådgiver" "Analytiker" "Systemutvikler")
cities=("Oslo" "Bergen" "Trondheim" "Stavanger" "Stockholm")
declare -A encoded
for title in "${titles[@]}"; do
  encoded[$title]=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$title")
done
: >"$work/search.txt"
: >"$work/search.jsonl"
[[ $runs == *" search "* ]] && while IFS=$'\t' read -r member token; do
  for title in "${titles[@]}"; do
    for city in "${cities[@]}"; do
      query="title=${encoded[$title]}&city=$city&degree=1,2&limit=10"
      printf 'GET\t/api/v1/search?%s\t%s\n' "$query" "$token" >>"$work/search.txt"
      printf '{"as":%s,"title":"%s","city":"%s","degree":"1,2","limit":10}\n' \
        "$member" "$title" "$city" >>"$work/search.jsonl"
    done
  done
done <"$work/callers"
# Accepts: every pending invitation to the members with accounts, each once.
sqlite3 -separator $'\t' "$db" "SELECT id, to_member FROM invitations WHERE state = 'pending'
  AND to_member IN (SELECT member FROM accounts WHERE email LIKE 'load-%@example.invalid')
  ORDER BY id" >"$work/pending"
awk -F'\t' 'NR == FNR { token[$1] = $2; next }
  ($2 in token) { printf "POST\t/api/v1/invitations/%s/accept\t%s\n", $1, token[$2] }' \
  "$work/tokens" "$work/pending" >"$work/accept.txt"

# ---- wrk ----
show() { grep -E 'Requests/sec|Non-2xx|Socket errors|^ +(50|99)%' "$work/$1.out"; }
# The server's CPU time so far (user + system, clock ticks): fields 14 and 15 of
# /proc/PID/stat, counted after the command name, which may hold spaces.
server_ticks() { sed 's/.*) //' "/proc/$server_pid/stat" | awk '{ print $12 + $13 }'; }
run() {  # name, file, extra wrk flags...
  local name=$1 file=$2
  shift 2
  echo "== $name ($(wc -l <"$file") distinct requests, load average $(cut -d' ' -f1 /proc/loadavg), $(open_connections) connections open before wrk's)"
  local ticks_before
  ticks_before=$(server_ticks)
  wrk -t"$wrk_threads" -c"$connections" --latency "$@" -s "$here/replay.lua" "$base" -- "$file" random 1 \
    >"$work/$name.out"
  show "$name"
  # Server CPU per answer: what the other processes on the machine change least.
  awk -v ticks="$(( $(server_ticks) - ticks_before ))" -v hz="$(getconf CLK_TCK)" \
    '/requests in/ { printf "server CPU per request: %.1f us (%.1f CPU-seconds for %d requests)\n", 1e6 * ticks / hz / $1, ticks / hz, $1 }' \
    "$work/$name.out"
}
run warmup "$work/profile.txt" -d5s >/dev/null
[[ $runs == *" profile "* ]] && run profile "$work/profile.txt" -d"$duration"
[[ $runs == *" search "* ]] && run search "$work/search.txt" -d"$duration"

if [[ $runs == *" accept "* ]]; then
  # Each accept succeeds once, so the list is sent once, and the rate is taken from the
  # server's own count of answered accepts (polled every 50 ms): from the start until the
  # last one answered. wrk's own rate would divide by all of -d.
  accepts=$(wc -l <"$work/accept.txt")
  answered() {
    curl -sf "$metrics_base/metrics" | awk '/^ledd_http_requests_total\{route="\/api\/v1\/invitations\/\{id\}\/accept"/ { n += $2 } END { print n + 0 }'
  }
  before=$(answered)
  echo "== accept ($accepts pending invitations, each once, load average $(cut -d' ' -f1 /proc/loadavg))"
  start=$(date +%s.%N)
  wrk -t1 -c"$connections" --latency -d600s -s "$here/replay.lua" "$base" -- "$work/accept.txt" once 1 \
    >"$work/accept.out" &
  wrk_pid=$!
  count=0; last=$start
  while (( count < accepts )) && kill -0 "$wrk_pid" 2>/dev/null; do
    sleep 0.05
    now=$(date +%s.%N); current=$(( $(answered) - before ))
    if (( current > count )); then count=$current; last=$now
    elif awk -v a="$now" -v b="$last" 'BEGIN { exit !(a - b > 3) }'; then break; fi  # Stalled.
  done
  kill -INT "$wrk_pid" 2>/dev/null || true
  wait "$wrk_pid" 2>/dev/null || true
  grep -E '^ +(50|99)%|Socket errors' "$work/accept.out" || true
  awk -v n="$count" -v a="$start" -v b="$last" -v all="$accepts" \
    'BEGIN { printf "Accepts/sec: %.1f (%d of %d answered in %.2f s)\n", n / (b - a), n, all, b - a }'
  curl -sf "$metrics_base/metrics" | grep -E '^ledd_http_requests_total\{route="/api/v1/invitations/\{id\}/accept"'
fi

if [[ -n "$idle_pid" ]]; then
  kill "$idle_pid"; wait "$idle_pid" 2>/dev/null || true; idle_pid=""
  cat "$work/idle.out"
fi
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
[[ $runs == *" search "* ]] || exit 0
http_search=$(awk '/Requests\/sec/ { print $2 }' "$work/search.out")

# ---- the same searches in-process, one `ledd search --batch` per core ----
# Each process gets the searches REPEAT times over, so that answering them takes about as
# long as the HTTP run; its rate is by the wall clock from its first answer to its last
# (answer_rate.py), so that waiting for a core counts as it does for the server. The
# processes run side by side; their rates add up.
repeat=${REPEAT:-10}
for _ in $(seq "$repeat"); do cat "$work/search.jsonl"; done >"$work/search.repeated.jsonl"
[[ -n "${SEARCHES_OUT:-}" ]] && cp "$work/search.repeated.jsonl" "$SEARCHES_OUT"
echo "== in-process: the same searches x $repeat, ledd search --batch on each of $(nproc) cores (load average $(cut -d' ' -f1 /proc/loadavg))"
for core in $(seq "$(nproc)"); do
  "$ledd" search --db "$db" --batch "$work/search.repeated.jsonl" | "$here/answer_rate.py" \
    >"$work/batch.$core" &
done
wait
in_process=$(cat "$work"/batch.* | awk '{ rate += $1 / $2 } END { printf "%.0f", rate }')
echo "in-process searches/s (both cores): $in_process ($(cat "$work"/batch.* | tr '\n' ' '))"
echo "HTTP searches/s: $http_search"
awk -v h="$http_search" -v p="$in_process" 'BEGIN { printf "HTTP / in-process: %.2f\n", h / p }'
