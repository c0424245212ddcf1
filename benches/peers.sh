#!/usr/bin/env bash
# peers.sh [RUNS]: time `sfn run` and the peer executors (aws-local-stepfunctions, moto) on
# the same generated definitions, whole process, median wall time of RUNS (default 5), in
# one run. Needs the peers installed (../shared/peers/setup) and a release `sfn`
# (cargo build --release -p sfn-cli). Prints a markdown table with the ratio to the
# fastest peer.
set -uo pipefail
RUNS="${1:-5}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PEERS_DIR="${PEERS_DIR:-$ROOT/../../shared/peers}"
[ -d "$PEERS_DIR" ] || PEERS_DIR=/work/shared/peers
SFN="${SFN:-$ROOT/target/release/sfn}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
G="$PEERS_DIR/gen-asl"
"$G" chain 1000 > "$WORK/pass1000.json"
"$G" chain 1000 --tasks > "$WORK/chain1000t.json"
"$G" map > "$WORK/map.json"
"$G" items 10000 > "$WORK/items10000.json"
echo '{}' > "$WORK/empty.json"
# Warm moto's server so its start-up is not counted.
"$PEERS_DIR/exec-moto" "$WORK/pass1000.json" "$WORK/empty.json" >/dev/null 2>&1

median() { sort -g | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
measure() { # cmd... -> median wall seconds
  local walls=() i
  for i in $(seq "$RUNS"); do
    /usr/bin/time -f %e -o "$WORK/time" "$@" > "$WORK/out" 2> "$WORK/err"
    walls+=("$(tail -1 "$WORK/time")")
  done
  printf '%s\n' "${walls[@]}" | median
}

echo "| workload | sfn run (s) | aws-local-stepfunctions (s) | moto (s) | fastest peer / sfn |"
echo "|---|---|---|---|---|"
row() { # label definition input
  local label="$1" def="$2" input="$3"
  local ours local_sfn moto fastest
  ours=$(measure "$SFN" run "$def" --input "@$input" --unmocked echo --type express --format json)
  local_sfn=$(measure "$PEERS_DIR/exec-local-sfn" "$def" "$input")
  moto=$(measure "$PEERS_DIR/exec-moto" "$def" "$input")
  fastest=$(printf '%s\n%s\n' "$local_sfn" "$moto" | sort -g | head -1)
  echo "| $label | $ours | $local_sfn | $moto | $(awk -v f="$fastest" -v o="$ours" 'BEGIN{ if (o > 0) printf "%.0fx", f/o; else print "inf" }') |"
}
row "1,000-state Pass chain" "$WORK/pass1000.json" "$WORK/empty.json"
row "inline Map over 10,000 items" "$WORK/map.json" "$WORK/items10000.json"
row "1,000 states, 500 Tasks with Retry and Catch" "$WORK/chain1000t.json" "$WORK/empty.json"
