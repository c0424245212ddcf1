//! Executor benchmarks: a 1,000-state Pass chain, an inline Map over 10,000 items, and
//! sagas with retries (the same definitions the peer comparison uses, see `peers.sh`).

use divan::Bencher;
use serde_json::json;
use sfn_benches::executor::{chain, map_definition, map_items, saga};
use sfn_dsl::StateMachine;
use sfn_local::{Executor, HistoryMode, Limits, Mocks, Unmocked};

fn main() {
    divan::main();
}

fn unlimited(machine: StateMachine) -> Executor {
    Executor::new(machine).limits(Limits {
        max_history_events: None,
        max_state_transitions: None,
        ..Limits::default()
    })
}

#[divan::bench]
fn pass_chain_1000(bencher: Bencher<'_, '_>) {
    let executor = unlimited(chain(1000, false));
    bencher.bench_local(|| executor.run(json!({})).expect("runs"));
}

#[divan::bench]
fn inline_map_10000(bencher: Bencher<'_, '_>) {
    let executor = unlimited(map_definition());
    let input = map_items(10_000);
    bencher.bench_local(|| executor.run(input.clone()).expect("runs"));
}

#[divan::bench]
fn inline_map_10000_counting_events_only(bencher: Bencher<'_, '_>) {
    let executor = unlimited(map_definition()).history(HistoryMode::CountOnly);
    let input = map_items(10_000);
    bencher.bench_local(|| executor.run(input.clone()).expect("runs"));
}

#[divan::bench]
fn task_chain_1000_with_retry_and_catch(bencher: Bencher<'_, '_>) {
    let executor = unlimited(chain(1000, true)).mocks(Mocks::new().unmocked(Unmocked::Echo));
    bencher.bench_local(|| executor.run(json!({})).expect("runs"));
}

#[divan::bench]
fn saga_with_retries(bencher: Bencher<'_, '_>) {
    let (machine, mocks) = saga();
    let executor = Executor::new(machine).mocks(mocks);
    bencher.bench_local(|| {
        let execution = executor.run(json!({"trip": "T-1"})).expect("runs");
        assert!(execution.succeeded());
        execution
    });
}
