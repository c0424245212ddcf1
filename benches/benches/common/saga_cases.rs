//! The cases of the saga benchmark, shared by the `saga` (system allocator) and
//! `saga_mimalloc` targets so that both measure exactly the same work.

use divan::Bencher;
use sfn_benches::saga;
use sfn_dsl::prelude::*;

const SIZES: [usize; 4] = [10, 100, 1000, 5000];

/// The whole pipeline: construct the builders, build (with every check), serialize, and
/// drop the machine.
#[divan::bench(args = SIZES)]
fn build_check_serialize(bencher: Bencher<'_, '_>, steps: usize) {
    bencher
        .bench(|| saga::build_check_serialize(divan::black_box(steps)).expect("the saga builds"));
}

/// The floor: serializing the same document from a `serde_json::Value`.
#[divan::bench(args = SIZES)]
fn floor_serde_json_value(bencher: Bencher<'_, '_>, steps: usize) {
    let value = saga::build(steps).expect("the saga builds").to_value();
    bencher.bench(|| serde_json::to_string(divan::black_box(&value)).expect("serializes"));
}

/// Reference, not part of the pipeline: copying a built machine and dropping the copy, which
/// allocates and frees exactly the heap blocks the model types need for this document.
#[divan::bench(args = SIZES)]
fn reference_model_clone_and_drop(bencher: Bencher<'_, '_>, steps: usize) {
    let machine = saga::build(steps).expect("the saga builds");
    bencher.bench(|| divan::black_box(&machine).clone().states.len());
}

/// Reference, not part of the comparison: the same document put together directly with the
/// model types (no builder), its graph checked and serialized, and dropped: what the
/// pipeline would cost if composing and lowering cost nothing.
#[divan::bench(args = SIZES)]
fn reference_model_by_hand(bencher: Bencher<'_, '_>, steps: usize) {
    bencher.bench(|| sfn_benches::saga_by_hand::check_serialize(divan::black_box(steps)));
}

/// Reference, not part of the comparison: the same document written as a
/// `serde_json::Value` with `json!` (the same `format!` inputs, no checks), serialized with
/// `serde_json` and dropped: what producing the document costs with `serde_json` alone.
#[divan::bench(args = SIZES)]
fn reference_serde_json_build_serialize(bencher: Bencher<'_, '_>, steps: usize) {
    bencher.bench(|| sfn_benches::saga_value::build_serialize(divan::black_box(steps)));
}

/// Reference, not part of the pipeline: the caller's own work in [`saga::chain`] (its
/// `format!` strings and `json!` value), made and dropped without the library.
#[divan::bench(args = SIZES)]
fn reference_inputs_only(bencher: Bencher<'_, '_>, steps: usize) {
    bencher.bench(|| saga::inputs_only(divan::black_box(steps)));
}

/// Breakdown: constructing the chain only.
#[divan::bench(args = SIZES)]
fn part_compose(bencher: Bencher<'_, '_>, steps: usize) {
    bencher.bench(|| saga::chain(divan::black_box(steps)));
}

/// Breakdown: `build()` of a composed chain (lowering and all checks).
#[divan::bench(args = SIZES)]
fn part_build(bencher: Bencher<'_, '_>, steps: usize) {
    let chain = saga::chain(steps);
    bencher.with_inputs(|| chain.clone()).bench_values(|chain| {
        StateMachine::builder()
            .start(chain)
            .build()
            .expect("builds")
    });
}

/// Breakdown: serializing a built machine.
#[divan::bench(args = SIZES)]
fn part_serialize(bencher: Bencher<'_, '_>, steps: usize) {
    let machine = saga::build(steps).expect("the saga builds");
    bencher.bench(|| divan::black_box(&machine).to_json());
}
