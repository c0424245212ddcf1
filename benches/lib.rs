//! Benchmarks of the sfn workspace; the benchmark targets are declared in `Cargo.toml`.

pub mod executor;
