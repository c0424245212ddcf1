#!/usr/bin/env bash
# Measures the build time a ~50-state #[workflow] adds: the same crate (42 task
# declarations and their types) is rebuilt with and without the workflow, several times.
# Usage: sfn-macros/compile-time/measure.sh [runs]   (from the repository root)
set -euo pipefail
runs="${1:-5}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$root/target/compile-time"
mkdir -p "$work/src"
cat > "$work/Cargo.toml" <<TOML
[package]
name = "compile-time-probe"
version = "0.0.0"
edition = "2024"
publish = false

[workspace]

[dependencies]
sfn-dsl = { path = "$root/sfn-dsl" }
serde = { version = "1", features = ["derive"] }
TOML
cp "$root/Cargo.lock" "$work/Cargo.lock"
export CARGO_TARGET_DIR="$work/target"
measure() {
  local label="$1"; shift
  python3 "$root/sfn-macros/compile-time/gen.py" "$@" > "$work/src/lib.rs"
  cargo build --quiet --manifest-path "$work/Cargo.toml"
  local times=()
  for _ in $(seq "$runs"); do
    touch "$work/src/lib.rs"
    local start end
    start=$(date +%s.%N)
    cargo build --quiet --manifest-path "$work/Cargo.toml"
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc)")
  done
  echo "$label: ${times[*]}"
  printf '%s\n' "${times[@]}" | sort -n | awk -v label="$label" '{ t[NR] = $1; sum += $1 } END { printf "%s mean %.3f s, median %.3f s\n", label, sum / NR, t[int((NR + 1) / 2)] }'
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
