#!/usr/bin/env bash
# Where one core's speed on bw1 comes from, and what two cores could add (docs/performance.md,
# "Where bw1 at 100,000 nodes stands"):
#   1. events/s of gossipsim and of the C++ peer as the cluster grows (seed 1, about 20 M events
#      each): how fast each is while its state fits in the cache, and after;
#   2. one run of 100,000 nodes beside two runs of 50,000 at the same time, one per core: the most
#      that handling the nodes in two halves, one per core, could gain, before any cost of keeping
#      the two halves in step.
# Run it on an otherwise idle machine.
#
# usage: bash Benchmarks/ceiling.sh [REPEATS]     (default 3; about 4 minutes on a 2-core machine)
# Needs g++, taskset and the .NET SDK.
set -euo pipefail
cd "$(dirname "$0")/.."
repeats=${1:-3}
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
source Benchmarks/figures.sh
build_both "$bin"

echo "sitting: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for nodes in 1200 5000 20000 50000 100000 200000; do
  # About 20 M events at every size (a node makes about 20 events a virtual second), at least 10 s virtual.
  seconds=$(( 1000000 / nodes )); [ "$seconds" -lt 10 ] && seconds=10
  gs=$("$gossipsim" bench bw1 --nodes "$nodes" --duration "${seconds}s" --seed 1 | tail -1 | field events_per_s)
  cpp=$("$bin/bw1" "$nodes" 3 "$seconds" 1 | field events_per_s)
  echo "curve n=$nodes D_s=$seconds gossipsim_events_per_s=$gs cpp_events_per_s=$cpp"
done

: > "$bin/whole"; : > "$bin/halves"
for i in $(seq 1 "$repeats"); do
  "$gossipsim" bench bw1 --nodes 100000 --duration 10s --seed "$i" | tail -1 | field loop_s >> "$bin/whole"
  taskset -c 0 "$gossipsim" bench bw1 --nodes 50000 --duration 10s --seed "$i" | tail -1 | field loop_s > "$bin/a" &
  taskset -c 1 "$gossipsim" bench bw1 --nodes 50000 --duration 10s --seed "$((i + 100))" | tail -1 | field loop_s > "$bin/b"
  wait
  # The pair is done when its slower half is.
  sort -g "$bin/a" "$bin/b" | tail -1 >> "$bin/halves"
  echo "halves $i: one run of 100,000 $(tail -1 "$bin/whole") s; two of 50,000 at once $(cat "$bin/a") s and $(cat "$bin/b") s"
done
whole=$(median 3 < "$bin/whole") halves=$(median 3 < "$bin/halves")
echo "bound: 100,000 nodes in one run ${whole} s, as two halves at once ${halves} s: at most $(awk -v a="$whole" -v b="$halves" 'BEGIN { printf "%.2f", a / b }')x from two cores"
