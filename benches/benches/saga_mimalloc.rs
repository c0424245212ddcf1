//! The saga benchmark (see `saga.rs`) with mimalloc as the global allocator, as in the `sfn`
//! binary: the pipeline allocates many small blocks and the floor almost none, so the
//! allocator moves the ratio between them.
//!
//! Run with `cargo bench -p sfn-benches --bench saga_mimalloc`.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "common/saga_cases.rs"]
mod saga_cases;

fn main() {
    divan::main();
}
