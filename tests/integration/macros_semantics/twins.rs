//! The two authoring styles side by side: a workflow written with the macros and the same
//! workflow written with the builder and patterns run against the same services on the
//! same input, and must behave the same way apart from their state names.

use serde_json::Value;
use sfn_dsl::StateMachine;

use super::world::{Run, World, numbers_as_floats};

/// A macro-written workflow and its builder-written twin.
pub(crate) struct Twins {
    macros: StateMachine,
    builder: StateMachine,
}

/// What two runs must share: how they ended, and what the services saw and when.
fn observable(run: &Run) -> Value {
    let calls: Vec<Value> = run
        .calls
        .iter()
        .map(|call| {
            serde_json::json!({
                "service": call.service,
                "input": numbers_as_floats(&call.input),
                "at": call.at_secs,
            })
        })
        .collect();
    serde_json::json!({
        "status": run.execution.status.as_str(),
        "output": run.execution.output.as_ref().map(numbers_as_floats),
        "error": run.execution.error,
        "cause": run.execution.cause,
        "calls": calls,
        "seconds": run.seconds(),
    })
}

impl Twins {
    pub(crate) fn new(
        macros: Result<StateMachine, sfn_dsl::Error>,
        builder: Result<StateMachine, sfn_dsl::Error>,
    ) -> Self {
        let twins = Self {
            macros: macros.expect("the macro example builds"),
            builder: builder.expect("the builder example builds"),
        };
        for (style, machine) in [("macro", &twins.macros), ("builder", &twins.builder)] {
            let report = sfn_dsl::validate::validate(machine);
            let diagnostics: Vec<String> = report
                .diagnostics()
                .iter()
                .map(ToString::to_string)
                .collect();
            assert_eq!(diagnostics, Vec::<String>::new(), "the {style} twin");
        }
        twins
    }

    /// Runs both on `input` against `world` and asserts that they behave the same: status,
    /// output, error and cause, every service call with its input and virtual time, and
    /// the duration. Returns the macro run and the builder run, for their state paths.
    #[track_caller]
    pub(crate) fn run(&self, world: &World, input: &Value) -> (Run, Run) {
        let macros = world.run(&self.macros, input);
        let builder = world.run(&self.builder, input);
        assert_eq!(
            observable(&macros),
            observable(&builder),
            "the twins differ (left: macros {:?}, right: builder {:?})",
            macros.execution.states,
            builder.execution.states
        );
        (macros, builder)
    }
}
