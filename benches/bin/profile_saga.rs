//! Runs one part of the `saga` benchmark once, for instruction counts under callgrind:
//! `profile-saga pipeline|by-hand|value|floor|clone|serialize N [TIMES]`; `TIMES` repeats it,
//! for sampling profilers such as `perf record`.
//!
//! The measured work is in the `measured_*` functions, so that
//! `valgrind --tool=callgrind --toggle-collect='*measured_*' target/release/profile-saga floor 1000`
//! counts only it (the floor's `serde_json::Value` is made outside).

use std::io::Write;
use std::process::ExitCode;

#[inline(never)]
fn measured_pipeline(steps: usize) -> usize {
    sfn_benches::saga::build_check_serialize(std::hint::black_box(steps))
        .map_or(0, |json| json.len())
}

/// The model's own cost: allocating a copy of every part of the machine, and freeing it.
#[inline(never)]
fn measured_clone(machine: &sfn_dsl::StateMachine) -> usize {
    let copy = std::hint::black_box(machine).clone();
    copy.states.len()
}

/// Serialization alone.
#[inline(never)]
fn measured_serialize(machine: &sfn_dsl::StateMachine) -> usize {
    std::hint::black_box(machine).to_json().len()
}

/// The same document made without the builder (`saga_by_hand`), checked and serialized.
#[inline(never)]
fn measured_by_hand(steps: usize) -> usize {
    sfn_benches::saga_by_hand::check_serialize(std::hint::black_box(steps)).len()
}

/// The same document written as a `serde_json::Value` with `json!`, serialized and dropped.
#[inline(never)]
fn measured_value(steps: usize) -> usize {
    sfn_benches::saga_value::build_serialize(std::hint::black_box(steps)).len()
}

#[inline(never)]
fn measured_floor(value: &serde_json::Value) -> usize {
    serde_json::to_string(std::hint::black_box(value)).map_or(0, |json| json.len())
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(part), Some(Ok(steps))) =
        (args.next(), args.next().map(|text| text.parse::<usize>()))
    else {
        let _ = writeln!(
            std::io::stderr(),
            "usage: profile-saga pipeline|by-hand|value|floor|clone|serialize N [TIMES]"
        );
        return ExitCode::from(2);
    };
    let times = args
        .next()
        .and_then(|text| text.parse::<usize>().ok())
        .unwrap_or(1);
    let repeat = |run: &dyn Fn() -> usize| (0..times).map(|_| run()).last().unwrap_or(0);
    let bytes = match part.as_str() {
        "pipeline" => repeat(&|| measured_pipeline(steps)),
        "by-hand" => repeat(&|| measured_by_hand(steps)),
        "value" => repeat(&|| measured_value(steps)),
        "floor" | "clone" | "serialize" => match sfn_benches::saga::build(steps) {
            Ok(machine) if part == "clone" => repeat(&|| measured_clone(&machine)),
            Ok(machine) if part == "serialize" => repeat(&|| measured_serialize(&machine)),
            Ok(machine) => {
                let value = machine.to_value();
                repeat(&|| measured_floor(&value))
            }
            Err(error) => {
                let _ = writeln!(std::io::stderr(), "{error}");
                return ExitCode::FAILURE;
            }
        },
        _ => {
            let _ = writeln!(
                std::io::stderr(),
                "usage: profile-saga pipeline|by-hand|value|floor|clone|serialize N [TIMES]"
            );
            return ExitCode::from(2);
        }
    };
    let _ = writeln!(std::io::stdout(), "{part} {steps}: {bytes} bytes");
    ExitCode::SUCCESS
}
