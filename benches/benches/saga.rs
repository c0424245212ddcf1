//! Build, check and serialize a saga of N steps, against the floor of serializing the same
//! document from a `serde_json::Value`.
//!
//! Run with `cargo bench -p sfn-benches --bench saga`.

use divan::Bencher;
use serde_json::json;
use sfn_dsl::patterns::Saga;
use sfn_dsl::prelude::*;

fn main() {
    divan::main();
}

const SIZES: [usize; 4] = [10, 100, 1000, 5000];

/// A saga of `steps` Lambda steps, each with a compensation, retries and a result path:
/// `2 * steps` states plus the final Fail state.
fn saga(steps: usize) -> Chain {
    let mut saga = Saga::new();
    for step in 0..steps {
        saga = saga.step(
            TaskState::lambda_invoke(
                format!("Step {step}"),
                format!("${{Step{step}FunctionArn}}"),
            )
            .result_selector(json!({"result.$": "$.Payload"}))
            .result_path(format!("$.results.step{step}").as_str())
            .retry(Retrier::builder(ErrorName::lambda_transient()).max_attempts(3)),
            TaskState::lambda_invoke(
                format!("Undo {step}"),
                format!("${{Undo{step}FunctionArn}}"),
            ),
        );
    }
    Chain::from(saga).next(SucceedState::builder("Done"))
}

fn build(steps: usize) -> StateMachine {
    StateMachine::builder()
        .comment("benchmark saga")
        .start(saga(steps))
        .build()
        .expect("the saga builds")
}

/// The whole pipeline: construct the builders, build (with every check) and serialize.
#[divan::bench(args = SIZES)]
fn build_check_serialize(bencher: Bencher<'_, '_>, steps: usize) {
    bencher.bench(|| build(divan::black_box(steps)).to_json());
}

/// The floor: serializing the same document from a `serde_json::Value`.
#[divan::bench(args = SIZES)]
fn floor_serde_json_value(bencher: Bencher<'_, '_>, steps: usize) {
    let value = build(steps).to_value();
    bencher.bench(|| serde_json::to_string(divan::black_box(&value)).expect("serializes"));
}

/// Breakdown: constructing the chain only.
#[divan::bench(args = SIZES)]
fn part_compose(bencher: Bencher<'_, '_>, steps: usize) {
    bencher.bench(|| saga(divan::black_box(steps)));
}

/// Breakdown: `build()` of a composed chain (lowering and all checks).
#[divan::bench(args = SIZES)]
fn part_build(bencher: Bencher<'_, '_>, steps: usize) {
    let chain = saga(steps);
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
    let machine = build(steps);
    bencher.bench(|| divan::black_box(&machine).to_json());
}
