#!/usr/bin/env bash
# Profile reads through `ledd serve`, one short run per binary (and flags), in the order
# given, so that alternating binaries see the same machine: for each, a fresh server on
# DB, IDLE (500) idle keep-alive clients (idle.py), a 5 s warm-up and DURATION (15s) of
# wrk -t1 -c8 with the profile requests of load.sh; one line per run with the load
# average, the rate, the server's CPU time per answer, p50/p99 and the idle clients.
# REQUESTS=search sends load.sh's searches instead (titles in the largest cities, 1st and
# 2nd degree, first page).
#
#   bench/http/compare.sh DB "build/ledd" "/tmp/ledd-before" "build/ledd --threads 4" ...
#
# DB must hold load.sh's callers (run load.sh on it once: it creates the accounts
# load-MEMBER@example.invalid). Needs wrk, curl, sqlite3, python3 and ss.
set -euo pipefail

db=${1:?usage: bench/http/compare.sh DB "LEDD [FLAGS]"...}
shift
duration=${DURATION:-15s}
idle=${IDLE:-500}
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

sqlite3 "$db" "SELECT member FROM accounts WHERE email LIKE 'load-%@example.invalid'
               AND member % 101 = 7 ORDER BY member" >"$work/callers.members"
[[ -s "$work/callers.members" ]] || { echo "compare.sh: no load.sh callers in $db" >&2; exit 1; }
max_id=$(sqlite3 "$db" "SELECT max(id) FROM members")
server_ticks() { sed 's/.*) //' "/proc/$server_pid/stat" | awk '{ print $12 + $13 }'; }

for config in "$@"; do
  read -r -a command <<<"$config"
  # Any free port: the server says which once it listens (a port picked here at random
  # was once in use).
  "${command[0]}" serve --db "$db" --listen 127.0.0.1:0 --metrics-listen 127.0.0.1:0 \
    --rate-limit-per-second 0 \
    "${command[@]:1}" >"$work/server.log" 2>&1 &
  server_pid=$!
  port=""
  for _ in $(seq 600); do
    port=$(sed -n 's|^ledd: listening on http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$work/server.log")
    [[ -n "$port" ]] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
    sleep 0.5
  done
  [[ -n "$port" ]] || { echo "compare.sh: the server did not start" >&2; exit 1; }
  base="http://127.0.0.1:$port"
  metrics=$(sed -n 's|^ledd: metrics on \(http://[^ ]*\)$|\1|p' "$work/server.log")
  while read -r member; do
    token=$(curl -sf -X POST "$base/api/v1/signin" -H 'Content-Type: application/json' \
              -d "{\"email\":\"load-$member@example.invalid\",\"password\":\"load-password-$member\"}" |
            sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
    [[ -n "$token" ]] || { echo "compare.sh: cannot sign in as $member" >&2; exit 1; }
    printf '%s\t%s\n' "$member" "$token"
  done <"$work/callers.members" >"$work/callers"
  # load.sh's requests: profiles of any member, or its searches, by one of the callers.
  if [[ ${REQUESTS:-profile} == search ]]; then
    awk -F'\t' '{ n = split("Konsulent Ingeni%C3%B8r Utvikler Business%20Analyst Sykepleier R%C3%A5dgiver Analytiker Systemutvikler", titles, " ")
      split("Oslo Bergen Trondheim Stavanger Stockholm", cities, " ")
      for (t = 1; t <= n; t++) for (c = 1; c <= 5; c++)
        printf "GET\t/api/v1/search?title=%s&city=%s&degree=1,2&limit=10\t%s\n", titles[t], cities[c], $2 }' \
      "$work/callers" >"$work/requests.txt"
  else
    awk -v max="$max_id" -v n=50000 'BEGIN { srand(1) } { token[NR] = $2 }
      END { for (i = 0; i < n; i++) printf "GET\t/api/v1/members/%d\t%s\n", 1 + int(rand() * max), token[1 + int(rand() * NR)] }' \
      FS='\t' "$work/callers" >"$work/requests.txt"
  fi
  rm -f "$work/idle.ready"
  "$here/idle.py" 127.0.0.1 "$port" "$idle" --ready "$work/idle.ready" >"$work/idle.out" 2>&1 &
  idle_pid=$!
  for _ in $(seq 600); do [[ -s "$work/idle.ready" ]] && break; sleep 0.1; done
  wrk -t1 -c8 -d5s -s "$here/replay.lua" "$base" -- "$work/requests.txt" random 1 >/dev/null
  load=$(cut -d' ' -f1 /proc/loadavg)
  open=$(ss -Htn state established "( sport = :$port )" | wc -l)
  ticks=$(server_ticks)
  wrk -t1 -c8 -d"$duration" --latency -s "$here/replay.lua" "$base" -- "$work/requests.txt" random 1 \
    >"$work/wrk.out"
  ticks=$(( $(server_ticks) - ticks ))
  # Handlers that let another run (servers that count them).
  stalls=$(curl -sf "$metrics" | awk '/^ledd_handler_stalls_total / { print " | handler stalls " $2 }')
  kill "$idle_pid"; wait "$idle_pid" 2>/dev/null || true; idle_pid=""
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
  awk -v config="$config" -v load="$load" -v open="$open" -v ticks="$ticks" \
      -v hz="$(getconf CLK_TCK)" -v stalls="$stalls" -v idle="$(cat "$work/idle.out")" '
    /requests in/ { requests = $1 }
    /Requests\/sec/ { rate = $2 }
    $1 == "50%" { p50 = $2 }
    $1 == "99%" { p99 = $2 }
    /Non-2xx/ { errors = $NF }
    END { printf "%s | load %s | %d connections open before wrk | %.0f/s | server CPU %.1f us/request | p50 %s p99 %s | non-2xx %d%s | %s\n",
                 config, load, open, rate, 1e6 * ticks / hz / requests, p50, p99, errors, stalls, idle }' \
    "$work/wrk.out"
done
