#!/usr/bin/env bash
# The scale figures of docs/performance.md in one sitting, each beside its target:
#   1. bw1 at 100,000 nodes (10 s virtual) beside the project's C++ peer, alternating pairs, on
#      one thread and split across the machine's cores (--threads, the same results);
#   2. bw1 at 1,000,000 nodes (5 s virtual), the same;
#   3. swim-100k (60 s virtual), loop time;
#   4. swim-1m (1,000,000 nodes, 60 s virtual, one crash): loop time, peak memory, detection;
#   5. the shipped fanout x interval sweep at --parallel 1 and 2, alternating: the sweep's own
#      time (the progress line's "elapsed"; figures and report are drawn after it).
# Every target is printed with the measured figure and met / not met. Run it on an otherwise idle
# machine: the figures of one sitting are compared with each other, never with another sitting's.
#
# usage: bash Benchmarks/scale.sh [PAIRS]     (default 3; about 20 minutes on a 2-core machine)
# Needs g++ and the .NET SDK.
set -euo pipefail
cd "$(dirname "$0")/.."
pairs=${1:-3}
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT
dotnet build Simulator/Simulator.csproj -c Release -v quiet -nologo > /dev/null
gossipsim=Simulator/bin/Release/net10.0/gossipsim

source Benchmarks/figures.sh
verdict() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN { ok = (op == ">=") ? v >= t : v <= t; print ok ? "met" : "NOT met" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo "sitting: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"

for size in "100000 10 2.0" "1000000 5 1.5"; do
  set -- $size
  THREADS=$(nproc) bash Benchmarks/peers/run.sh "$pairs" "$1" "$2" | tee "$log/bw1-$1"
  cpp=$(grep '^C++ loop' "$log/bw1-$1" | field loop_med_s)
  gs=$(grep '^gossipsim  ' "$log/bw1-$1" | field loop_med_s)
  split=$(grep '^gossipsim --threads' "$log/bw1-$1" | field loop_med_s)
  echo "TARGET bw1 n=$1 ${2}s: C++ ${cpp} s / gossipsim ${gs} s on one thread = $(ratio "$cpp" "$gs")x, ${split} s on $(nproc) = $(ratio "$cpp" "$split")x (target >= ${3}x): $(verdict "$(ratio "$cpp" "$split")" "$3" '>=')"
done

"$gossipsim" bench swim-100k --runs "$pairs" | tee "$log/swim-100k"
swim=$(grep '^SUMMARY' "$log/swim-100k" | field loop_med_s)
echo "TARGET swim-100k 60 s: loop ${swim} s (target <= 20 s): $(verdict "$swim" 20 '<=')"

"$gossipsim" bench swim-1m | tee "$log/swim-1m"
rss=$(field peak_rss_MiB < "$log/swim-1m") wall=$(field wall_s < "$log/swim-1m")
echo "TARGET swim-1m: wall ${wall} s (target <= 900 s): $(verdict "$wall" 900 '<='), peak RSS ${rss} MiB (target <= 8192): $(verdict "$rss" 8192 '<='), detect_all_s=$(field detect_all_s < "$log/swim-1m")"

# The sweep's elapsed time is on the progress line (stderr): "runs 60/60 done ..., 20.4s elapsed"
# (or "1m05s elapsed"), in seconds here.
sweep() {
  rm -rf "$log/sweep"
  "$gossipsim" run scenarios.yaml --scenario fanout-interval-sweep --parallel "$1" --no-timing --out "$log/sweep" 2>&1 > /dev/null |
    grep -oE '([0-9]+m)?[0-9.]+s elapsed' | tail -1 | awk '{ split($1, p, "m"); print (length(p) > 1) ? p[1] * 60 + p[2] : p[1] + 0 }'
}
: > "$log/p1"; : > "$log/p2"
for i in $(seq 1 "$pairs"); do
  sweep 1 >> "$log/p1"
  sweep 2 >> "$log/p2"
  echo "sweep pair $i: --parallel 1 $(tail -1 "$log/p1") s, --parallel 2 $(tail -1 "$log/p2") s"
done
p1=$(median 2 < "$log/p1") p2=$(median 2 < "$log/p2")
speedup=$(ratio "$p1" "$p2")
echo "TARGET --parallel 2 on fanout-interval-sweep: ${p1} s / ${p2} s = ${speedup}x (target >= 1.7x): $(verdict "$speedup" 1.7 '>=')"
