//! Build, check and serialize a saga of N steps, against the floor of serializing the same
//! document from a `serde_json::Value`, with the system allocator.
//!
//! Run with `cargo bench -p sfn-benches --bench saga` (and `--bench saga_mimalloc`); `--bench saga_mimalloc` runs the same
//! cases with mimalloc, the allocator the `sfn` binary uses. The saga itself is
//! [`sfn_benches::saga::chain`]; `profile-saga` runs the same work once, for callgrind.

#[path = "common/saga_cases.rs"]
mod saga_cases;

fn main() {
    divan::main();
}
