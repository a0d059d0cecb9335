#!/usr/bin/env bash
# Times `ledd reach --batch --timing` on an imported network against the bare
# single-thread CSR + bitset loop, over the same members, in the same run.
#
#   bench/batch_vs_loop.sh [DB]        (default $LEDD_BENCH_DB, then /tmp/net1m.db)
#   BUILD=build-perf LEDD=build-perf/ledd TRIALS=3 bench/batch_vs_loop.sh
#
# network_bench samples the members with about 500 contacts (seeded) and writes them as
# reach requests; `ledd reach --batch --timing` answers them TRIALS times over (the
# "micros" of each query is measured inside ledd, without process start or loading);
# then network_bench times the bare loop over the same members, TRIALS times. The two
# run back to back and load the same file, so they see the same network and nearly the
# same machine load; network_bench without flags also interleaves the two in one
# process, which is the figure to trust on a busy machine.
set -euo pipefail

db=${1:-${LEDD_BENCH_DB:-/tmp/net1m.db}}
build=${BUILD:-build-perf}
ledd=${LEDD:-$build/ledd}
trials=${TRIALS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

percentiles() {  # reads numbers, prints "p50 p99"
  sort -g | awk '{ v[NR] = $1 } END {
    i50 = int(NR * 0.50) + 1; if (i50 > NR) i50 = NR
    i99 = int(NR * 0.99) + 1; if (i99 > NR) i99 = NR
    printf "%.1f %.1f\n", v[i50], v[i99] }'
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
"$build/bench/network_bench" --db="$db" --write_batch="$work/members.jsonl" >/dev/null
for _ in $(seq "$trials"); do cat "$work/members.jsonl"; done >"$work/requests.jsonl"
members=$(wc -l <"$work/members.jsonl")

"$ledd" reach --db "$db" --batch "$work/requests.jsonl" --timing >"$work/answers.jsonl"
read -r ledd_p50 ledd_p99 < <(grep -o '"micros":[0-9.]*' "$work/answers.jsonl" | cut -d: -f2 | percentiles)

baseline=$("$build/bench/network_bench" --db="$db" --baseline_batch="$work/members.jsonl" \
  --trials="$trials")
base_p50=$(sed -n 's/.*p50_us=\([0-9.]*\).*/\1/p' <<<"$baseline")
base_p99=$(sed -n 's/.*p99_us=\([0-9.]*\).*/\1/p' <<<"$baseline")

echo "reach, $members members with ~500 contacts, $trials trials each"
printf '  %-36s p50 %9s µs   p99 %9s µs\n' "ledd reach --batch --timing" "$ledd_p50" "$ledd_p99"
printf '  %-36s p50 %9s µs   p99 %9s µs\n' "bare CSR + bitset loop" "$base_p50" "$base_p99"
awk -v b="$base_p50" -v l="$ledd_p50" 'BEGIN { printf "  bare loop / ledd (p50): %.2fx\n", b / l }'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
