#!/usr/bin/env bash
# peers.sh [RUNS]: time `sfn run` and the peer executors (aws-local-stepfunctions, moto) on
# the same generated definitions, whole process, median of RUNS (default 5), in one run.
# Needs the peers installed (../shared/peers/setup) and a release `sfn`
# (cargo build --release -p sfn-cli; SFN=path picks another binary). Wall time comes from
# hyperfine when it is installed (no shell in between), else from `date` around each run;
# every tool gets one untimed run first. Prints a markdown
# table of wall seconds and, where `perf` is available, CPU seconds (task-clock, all
# threads), with the ratio to the fastest peer that ran the workload. On a loaded machine
# a short process waits for a core longer than it runs, so the CPU ratio is the steadier
# one. A peer that exits with an error (moto rejects some definitions) shows `fails` and
# is not compared.
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
PERF=""
command -v perf >/dev/null && perf stat -x, -e task-clock -o /dev/null true 2>/dev/null && PERF=perf
HYPERFINE=""
command -v hyperfine >/dev/null && HYPERFINE=hyperfine
measure() { # cmd... -> "wall cpu" median seconds (0.1 ms resolution; cpu "-" without perf), or "fails"
  local walls=() cpus=() i start end
  # One untimed run first, the same for every tool: it checks that the command succeeds
  # and warms the file cache.
  "$@" > "$WORK/out" 2> "$WORK/err" || { echo fails; return; }
  if [ -n "$HYPERFINE" ]; then
    # hyperfine starts the command without a shell and times it with its own clock.
    hyperfine -N --runs "$RUNS" --export-json "$WORK/hyperfine.json" --style none \
      -- "$(printf '%q ' "$@")" > /dev/null 2>&1 || { echo fails; return; }
    walls=($(python3 -c 'import json,sys; print(*json.load(open(sys.argv[1]))["results"][0]["times"])' "$WORK/hyperfine.json"))
  fi
  for i in $(seq "$RUNS"); do
    if [ -z "$HYPERFINE" ]; then
      start=$(date +%s.%N)
      "$@" > "$WORK/out" 2> "$WORK/err" || { echo fails; return; }
      end=$(date +%s.%N)
      walls+=("$(awk -v s="$start" -v e="$end" 'BEGIN{printf "%.4f", e - s}')")
    fi
    # CPU time in a separate run: perf's own start-up would count as wall time.
    if [ -n "$PERF" ]; then
      perf stat -x, -e task-clock -o "$WORK/perf" -- "$@" > "$WORK/out" 2> "$WORK/err"
      cpus+=("$(awk -F, '/task-clock/{printf "%.4f", $1 / 1000}' "$WORK/perf")")
    fi
  done
  local cpu=-
  [ -n "$PERF" ] && cpu=$(printf '%s\n' "${cpus[@]}" | median)
  echo "$(printf '%s\n' "${walls[@]}" | median | awk '{printf "%.4f", $1}') $cpu"
}

echo "| workload | sfn run: wall (CPU) s | aws-local-stepfunctions: wall (CPU) s | moto: wall (CPU) s | fastest peer ÷ sfn run: wall (CPU) |"
echo "|---|---|---|---|---|"
cell() { [ "$1" = fails ] && echo fails || echo "$1 ($2)"; }
ratio() { awk -v f="$1" -v o="$2" 'BEGIN{ if (f == "" || f == "-" || o == "-" || o == "") print "-"; else if (o > 0) printf "%.0fx", f/o; else print "inf" }'; }
labels=("1,000-state Pass chain" "inline Map over 10,000 items" "1,000 states, 500 Tasks with Retry and Catch")
defs=("$WORK/pass1000.json" "$WORK/map.json" "$WORK/chain1000t.json")
inputs=("$WORK/empty.json" "$WORK/items10000.json" "$WORK/empty.json")
# sfn and aws-local-stepfunctions first, moto last: moto's server goes on working after a
# client gives up on a long execution, and would otherwise take a core from the next runs.
declare -a ours local_sfn moto
for i in "${!labels[@]}"; do
  ours[i]=$(measure "$SFN" run "${defs[i]}" --input "@${inputs[i]}" --unmocked echo --type express --format json)
  local_sfn[i]=$(measure "$PEERS_DIR/exec-local-sfn" "${defs[i]}" "${inputs[i]}")
done
for i in "${!labels[@]}"; do
  moto[i]=$(measure "$PEERS_DIR/exec-moto" "${defs[i]}" "${inputs[i]}")
done
for i in "${!labels[@]}"; do
  # The fastest peer by wall time, with its CPU time (moto's is its client's alone: the
  # server does the work, so its CPU column understates it).
  fastest=$(printf '%s\n%s\n' "${local_sfn[i]}" "${moto[i]}" | grep -v fails | sort -g | head -1)
  read -r ours_wall ours_cpu <<< "${ours[i]}"
  read -r peer_wall peer_cpu <<< "${fastest:-- -}"
  echo "| ${labels[i]} | $(cell ${ours[i]}) | $(cell ${local_sfn[i]}) | $(cell ${moto[i]}) | $(ratio "$peer_wall" "$ours_wall") ($(ratio "$peer_cpu" "$ours_cpu")) |"
done
