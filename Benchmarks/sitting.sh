#!/bin/bash
# One sitting of README's speed tables: bw1 against the baselines of ../shared/baselines, then
# the named workloads, in the order the README's sittings used. Every program is timed in the
# same sitting because this VM's speed moves by a fifth within an hour.
#
# usage: bash Benchmarks/sitting.sh [BASELINES_DIR] [BIN_DIR]
#   BASELINES_DIR  the baselines' sources (default ../shared/baselines)
#   BIN_DIR        where their C++ binaries are built (default /tmp/bw1)
# Needs g++; ns-3 needs libns3-dev (skipped without it). Takes about 12 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
BASE=${1:-../shared/baselines}
BIN=${2:-/tmp/bw1}
mkdir -p "$BIN"
[ -x "$BIN/bw1_plain" ] || g++ -O2 -std=c++17 -o "$BIN/bw1_plain" "$BASE/bw1_plain.cpp"
[ -x "$BIN/bw1_ns3" ] || g++ -O2 -std=c++17 -I/usr/include -o "$BIN/bw1_ns3" "$BASE/bw1_ns3.cpp" -lns3-core 2>/dev/null \
  || echo "ns-3 not built (libns3-dev missing): its rows are skipped"
dotnet build Simulator/Simulator.csproj -c Release -v quiet -nologo > /dev/null
G=Simulator/bin/Release/net10.0/gossipsim

picks() { grep -oE "$1" | tr '\n' ' '; }
load() { uptime | sed 's/.*load/load/'; }

echo "start $(date -u +%H:%M:%S) $(load)"
# Single runs, one a process, interleaved with C++ seed by seed.
for s in 1 2 3 4 5; do
  echo "cpp $("$BIN/bw1_plain" 1200 3 600 "$s" | picks 'events=[0-9]+|loop_s=[0-9.]*')"
  echo "gs  $($G bench bw1 --seed "$s" | tail -1 | picks 'events=[0-9]+|loop_s=[0-9.]*|wall_s=[0-9.]*|peak_rss_MiB=[0-9]*')"
done
# Rounds: five runs in one process (its median is issue 9's figure), then C++ over the same seeds.
for r in 1 2 3; do
  out=$($G bench bw1 --runs 5)
  echo "round $r gs: $(echo "$out" | picks ' loop_s=[0-9.]*')| $(echo "$out" | tail -1 | picks 'loop_med_s=[0-9.]*|events_per_s_med=[0-9]*')"
  echo "round $r cpp: $(for s in 1 2 3 4 5; do "$BIN/bw1_plain" 1200 3 600 "$s" | picks 'loop_s=[0-9.]*'; done)"
done
if [ -x "$BIN/bw1_ns3" ]; then
  for s in 1 2 3; do
    echo "ns3 $(/usr/bin/time -f 'rss_kb=%M' "$BIN/bw1_ns3" 1200 3 600 "$s" map ns3 2>&1 | picks 'loop_s=[0-9.]*|rss_kb=[0-9]*')"
  done
fi
echo "py  $(/usr/bin/time -f 'rss_kb=%M' python3 "$BASE/bw1_heapq.py" 1200 3 600 1 2>&1 | picks 'loop_s=[0-9.]*|rss_kb=[0-9]*')"
echo "mid $(date -u +%H:%M:%S) $(load)"
echo "swim-1200 $($G bench swim-1200 | tail -1)"
for i in 1 2 3 4 5; do echo "heartbeat-1200 $($G bench heartbeat-1200 | tail -1)"; done
echo "pushpull-100k $($G bench pushpull-100k | tail -1)"
echo "rumor-1m $($G bench rumor-1m | tail -1)"
echo "end $(date -u +%H:%M:%S) $(load)"
