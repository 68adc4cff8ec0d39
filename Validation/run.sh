#!/usr/bin/env bash
# Runs real hashicorp/memberlist (Debian's golang-github-hashicorp-memberlist-dev) and GossipSim's
# memberlist-lan model through the same cases and writes the comparison table. See
# docs/validation.md.
#
#   Validation/run.sh [--ci] [--sizes "50 100"] [--cases "quiet crash join partition loss"]
#                     [--seeds 5] [--parallel 1] [--encrypt] [--out DIR]
#
# --parallel: real replications run at the same time in one process (the machine must keep up:
# each run checks its timer lag and is refused when a timer fired more than 200 ms late or the 99th percentile of lag is above 20 ms).
#
# --encrypt: both sides encrypt their gossip with a key (memberlist's SecretKey; the model's
# protocol.encryption), so the bytes compared include the encryption's.
#
# --ci: the CI case only (n = 30, one crash, 3 seeds); installs Go and memberlist from Debian
# when missing; exits 1 when the harness fails, when the real run is refused twice for timer
# lag, or when a detection time is missing or its means differ by more than a factor 2.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

ci=0 sizes="100" cases="quiet crash join partition loss" seeds=5 parallel=1 out="" encrypt=0
while [ $# -gt 0 ]; do
  case "$1" in
    --ci) ci=1; shift ;;
    --sizes) sizes="$2"; shift 2 ;;
    --cases) cases="$2"; shift 2 ;;
    --seeds) seeds="$2"; shift 2 ;;
    --parallel) parallel="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --encrypt) encrypt=1; shift ;;
    *) echo "run.sh: unknown argument '$1' (--ci, --sizes, --cases, --seeds, --parallel, --encrypt, --out)" >&2; exit 2 ;;
  esac
done
if [ "$ci" = 1 ]; then sizes=30 cases=crash seeds=3 parallel=3; fi
out=${out:-$(mktemp -d)}
mkdir -p "$out"

memberlist_src=/usr/share/gocode/src/github.com/hashicorp/memberlist
if ! command -v go > /dev/null || [ ! -d "$memberlist_src" ]; then
  if [ "$ci" = 1 ]; then
    echo "validation: installing Go and memberlist from Debian"
    apt-get update -qq > "$out/apt.log" 2>&1 && \
      apt-get install -y -qq golang-go golang-github-hashicorp-memberlist-dev >> "$out/apt.log" 2>&1 || {
        cat "$out/apt.log"; exit 1; }
  else
    echo "run.sh: needs Go and memberlist: apt-get install -y golang-go golang-github-hashicorp-memberlist-dev" >&2
    exit 2
  fi
fi
# GOPATH mode against Debian's sources: nothing is downloaded. Go keeps its build cache under
# HOME; without one (a bare CI environment) it goes to the output folder.
mkdir -p "$out/gopath"
[ -n "${GOCACHE:-}" ] || [ -n "${HOME:-}" ] || export GOCACHE="$out/gocache"
(cd Validation/memberlist && GO111MODULE=off GOPATH="$out/gopath:/usr/share/gocode" go test -count=1 . > "$out/go-test.log" 2>&1) || { cat "$out/go-test.log"; exit 1; }
(cd Validation/memberlist && GO111MODULE=off GOPATH="$out/gopath:/usr/share/gocode" go build -o "$out/mlvalidate" .)
gossipsim=Simulator/bin/Release/net10.0/gossipsim.dll
[ -f "$gossipsim" ] || dotnet build GossipSim.sln -c Release > "$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }
memberlist_version=$(dpkg-query -W -f='${Version}' golang-github-hashicorp-memberlist-dev 2>/dev/null || echo unknown)

table="$out/table.md"
{
  echo "Real: hashicorp/memberlist $memberlist_version (Debian), DefaultLANConfig, in-process transport."
  echo "Model: GossipSim \`protocol: {preset: memberlist-lan}\`. Seeds a side: $seeds. Latency uniform 1-10 ms."
  [ "$encrypt" = 0 ] || echo "Gossip encryption on both sides (a SecretKey; \`encryption: true\`)."
  echo
  echo "| case | n | metric | real mean [95% CI] (runs) | simulated mean [95% CI] (runs) | sim − real | verdict |"
  echo "|---|---|---|---|---|---|---|"
} > "$table"

# One case at one size: the GossipSim scenario and the harness flags carry the same numbers.
# The partition cuts off the last tenth of the ids; the crash takes id 7; the joiner is the last id.
status=0
for n in $sizes; do
  for c in $cases; do
    name="$c-n$n"
    faults="" extra="" flags=() duration=60s
    # memberlist's scaled push-pull period (util.go pushPullScale): 30 s up to 32 nodes, times
    # ceil(log2(n/32)) + 1 above. A real cluster started together pushes-pulls in one 30 s band of
    # each period (below), so a window shorter than the period sees all or none of it: the quiet
    # case, which compares bytes, measures over a whole period, and at least 60 s.
    mult=1; while [ $(( 32 << (mult - 1) )) -lt "$n" ]; do mult=$((mult + 1)); done
    case "$c" in
      quiet) duration=$(( 30 * mult > 60 ? 30 * mult : 60 ))s ;;
      crash)
        duration=$([ "$n" -le 50 ] && echo 45s || echo 50s)
        faults="[{at: 5s, crash: {ids: [7]}}]"; flags=(-crash-at 5s -crash-id 7) ;;
      join)
        duration=20s
        extra="initial_nodes: $((n - 1))"
        faults="[{at: 5s, join: {ids: [$((n - 1))]}}]"; flags=(-join-at 5s) ;;
      partition)
        duration=150s
        k=$(( (n + 5) / 10 )); ids=$(seq -s, $((n - k)) $((n - 1)))
        extra="heal_at: 35s"
        faults="[{at: 5s, partition: {ids: [$ids]}, for: 30s}]"
        flags=(-partition-at 5s -partition-for 30s -partition-count "$k") ;;
      loss) flags=(-loss 0.05) ;;
      *) echo "run.sh: unknown case '$c' (quiet, crash, join, partition, loss)" >&2; exit 2 ;;
    esac
    loss=0; [ "$c" = loss ] && loss=0.05
    # The real cluster settles after its bootstrap until every node push-pulls at the steady rate
    # the model's running cluster has from time 0: memberlist's pushPullTrigger waits a random
    # stagger below PushPullInterval (30 s) and then a whole scaled period (above) before a node's
    # first push-pull. CI compares detection times only and keeps a short settle.
    settle=10
    [ "$ci" = 1 ] || settle=$(( 30 + 30 * mult ))
    cat > "$out/$name.yaml" <<EOF
scenarios:
  - name: $name
    nodes: $n
    duration: $duration
    seeds: $seeds
    protocol: {preset: memberlist-lan$([ "$encrypt" = 1 ] && echo ", encryption: true")}
    network: {latency: {dist: uniform, min: 1ms, max: 10ms}, loss: $loss}
    ${extra}
    ${faults:+faults: $faults}
EOF
    dotnet "$gossipsim" run "$out/$name.yaml" --out "$out/sim-$name" --quiet > "$out/sim-$name.log" 2>&1 || {
      cat "$out/sim-$name.log"; exit 1; }
    real_status=1
    for attempt in 1 2; do
      real_status=0
      "$out/mlvalidate" run -case "$name" -n "$n" -seeds "$seeds" -parallel "$parallel" -duration "$duration" -settle "${settle}s" \
        -latency uniform:1ms:10ms "${flags[@]}" $([ "$encrypt" = 1 ] && echo -encrypt) -out "$out/real-$name.csv" \
        -observations "$out/real-$name-observations.csv" || real_status=$?
      [ "$real_status" = 3 ] || break
      echo "validation: $name refused for timer lag (attempt $attempt)"
    done
    if [ "$real_status" != 0 ]; then
      echo "| $name | $n | (real run) | $([ "$real_status" = 3 ] && echo 'refused: timer lag' || echo "failed ($real_status)") | | | |" >> "$table"
      status=1
      continue
    fi
    "$out/mlvalidate" compare -real "$out/real-$name.csv" -sim "$out/sim-$name" -scenario "$name" \
      -table "$table" $([ "$ci" = 1 ] && echo -gross) || status=1
  done
done
cat "$table"
echo "validation: outputs in $out"
exit "$status"
