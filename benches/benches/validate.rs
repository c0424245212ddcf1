//! Validation of generated machines of 1,000 and 5,000 states: from text (read, then
//! validate, as `sfn validate` does) and from an already parsed machine.

use divan::Bencher;
use sfn_dsl::StateMachine;
use sfn_dsl::validate::{validate, validate_str};

fn main() {
    divan::main();
}

#[divan::bench(args = [1000, 5000])]
fn validate_text(bencher: Bencher<'_, '_>, states: usize) {
    let text = sfn_benches::chain(states);
    bencher.bench(|| validate_str(divan::black_box(&text)));
}

#[divan::bench(args = [1000, 5000])]
fn validate_machine(bencher: Bencher<'_, '_>, states: usize) {
    let machine = StateMachine::from_json(&sfn_benches::chain(states)).expect("valid chain");
    bencher.bench(|| validate(divan::black_box(&machine)));
}

#[divan::bench(args = [1000, 5000])]
fn parse_only(bencher: Bencher<'_, '_>, states: usize) {
    let text = sfn_benches::chain(states);
    bencher.bench(|| StateMachine::from_json(divan::black_box(&text)));
}
