# Sourced by measure.sh and scaling.sh: sets up a throwaway crate depending on sfn-dsl in
# $work (PROBE_NAME names its package) and defines `rebuild_times GEN_ARGS...` (writes its
# lib.rs with gen.py, prints each of $runs incremental rebuild times) and `median_rebuild`.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$root/target/$PROBE_NAME"
mkdir -p "$work/src"
cat > "$work/Cargo.toml" <<TOML
[package]
name = "$PROBE_NAME"
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

# Every rebuild time, one per line, then nothing else: callers take the median or mean.
rebuild_times() {
  python3 "$root/sfn-macros/compile-time/gen.py" "$@" > "$work/src/lib.rs"
  cargo build --quiet --manifest-path "$work/Cargo.toml"
  local start end
  for _ in $(seq "$runs"); do
    touch "$work/src/lib.rs"
    start=$(date +%s.%N)
    cargo build --quiet --manifest-path "$work/Cargo.toml"
    end=$(date +%s.%N)
    echo "$end - $start" | bc
  done
}

median_rebuild() {
  rebuild_times "$@" | sort -n | awk '{ t[NR] = $1 } END { printf "%.3f", t[int((NR + 1) / 2)] }'
}
