#!/usr/bin/env bash
# bw1 on the plain C++ loop of this folder beside `gossipsim bench bw1`, in alternating pairs
# (C++ then gossipsim, seed by seed) so that both see the same machine load, then the median
# loop time and events/s of each. Both programs print one line a run with events and
# convergence, so the two can be checked to run the same workload (docs/performance.md).
#
# usage: bash Benchmarks/peers/run.sh [PAIRS] [NODES] [SECONDS]     (default 5 1200 600)
# Needs g++ and the .NET SDK. The default takes about a minute on a 2-core machine.
# THREADS=N (N > 1) also runs gossipsim split across N threads (--threads N) in each pair, after
# the one-thread run, and prints its median too.
# WITH_PYTHON=1 also runs bw1.py (Python heapq) once, seed 1: about 40 s more at 600 s virtual.
set -euo pipefail
cd "$(dirname "$0")/../.."
pairs=${1:-5} nodes=${2:-1200} seconds=${3:-600} threads=${THREADS:-1}
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
source Benchmarks/figures.sh
build_both "$bin"

: > "$bin/cpp" ; : > "$bin/gs" ; : > "$bin/split"
keep() { echo "$2"; echo "$(echo "$2" | field loop_s) $(echo "$2" | field events_per_s)" >> "$bin/$1"; }
for seed in $(seq 1 "$pairs"); do
  keep cpp "$("$bin/bw1" "$nodes" 3 "$seconds" "$seed")"
  keep gs "$("$gossipsim" bench bw1 --nodes "$nodes" --duration "${seconds}s" --seed "$seed" | tail -1)"
  if [ "$threads" -gt 1 ]; then
    keep split "$("$gossipsim" bench bw1 --nodes "$nodes" --duration "${seconds}s" --seed "$seed" --threads "$threads" | tail -1)"
  fi
done
report() { echo "$1  pairs=$pairs loop_med_s=$(cut -d' ' -f1 "$bin/$2" | median 3) events_per_s_med=$(cut -d' ' -f2 "$bin/$2" | median 0)"; }
report "C++ loop " cpp
report "gossipsim" gs
if [ "$threads" -gt 1 ]; then report "gossipsim --threads $threads" split; fi
if [ "${WITH_PYTHON:-0}" = 1 ]; then python3 Benchmarks/peers/bw1.py "$nodes" 3 "$seconds" 1; fi
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
