#!/usr/bin/env bash
# Measures how the build time a #[workflow] adds grows with its size: for each block count
# (each block is an if/else with three task calls and a wait, about seven states), the same
# crate is rebuilt with and without the workflow (the task declarations stay), and the
# difference of the median rebuild times is printed next to the number of states.
# Usage: sfn-macros/compile-time/scaling.sh [runs] [blocks...]   (from the repository root)
set -euo pipefail
runs="${1:-5}"
shift || true
sizes=("${@:-7 14 28 56}")
read -r -a sizes <<< "${sizes[*]}"
PROBE_NAME=compile-time-scaling
source "$(dirname "$0")/probe.sh"
states() { # blocks -> states of the generated workflow, nested included
  python3 "$root/sfn-macros/compile-time/gen.py" --workflow --blocks "$1" > "$work/src/lib.rs"
  echo 'pub fn states() -> usize { fifty::state_machine().all_states().len() }' >> "$work/src/lib.rs"
  echo 'fn main() { println!("{}", compile_time_scaling::states()); }' > "$work/src/main.rs"
  cargo run --quiet --manifest-path "$work/Cargo.toml"
  rm "$work/src/main.rs"
}
echo "| blocks | states | rebuild without (s) | rebuild with (s) | added (s) | added per state (ms) |"
echo "|---:|---:|---:|---:|---:|---:|"
for blocks in "${sizes[@]}"; do
  without=$(median_rebuild --blocks "$blocks")
  with=$(median_rebuild --workflow --blocks "$blocks")
  count=$(states "$blocks")
  awk -v b="$blocks" -v n="$count" -v wo="$without" -v w="$with" \
    'BEGIN { printf "| %d | %d | %.3f | %.3f | %.3f | %.2f |\n", b, n, wo, w, w - wo, (w - wo) * 1000 / n }'
done
