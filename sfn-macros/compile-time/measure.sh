#!/usr/bin/env bash
# Measures the build time a ~50-state #[workflow] adds: the same crate (42 task
# declarations and their types) is rebuilt with and without the workflow, several times.
# Usage: sfn-macros/compile-time/measure.sh [runs]   (from the repository root)
set -euo pipefail
runs="${1:-5}"
PROBE_NAME=compile-time-probe
source "$(dirname "$0")/probe.sh"
measure() {
  local label="$1"; shift
  local times
  times=$(rebuild_times "$@")
  echo "$label: $(echo $times)"
  sort -n <<< "$times" | awk -v label="$label" '{ t[NR] = $1; sum += $1 } END { printf "%s mean %.3f s, median %.3f s\n", label, sum / NR, t[int((NR + 1) / 2)] }'
}
measure "without workflow"
measure "with workflow   " --workflow
python3 "$root/sfn-macros/compile-time/gen.py" --workflow > "$work/src/lib.rs"
cat >> "$work/src/lib.rs" <<'RS'
pub fn states() -> usize { fifty::state_machine().all_states().len() }
RS
cargo build --quiet --manifest-path "$work/Cargo.toml"
RS_TEST="$work/src/main.rs"
echo 'fn main() { println!("states in the workflow (nested included): {}", compile_time_probe::states()); }' > "$RS_TEST"
cargo run --quiet --manifest-path "$work/Cargo.toml"
rm "$RS_TEST"
