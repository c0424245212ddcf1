//! The smallest workflow: greet, then succeed.

use serde_json::json;
use sfn_dsl::prelude::*;

/// A two-state machine.
///
/// # Errors
///
/// Never in practice; building checks the machine.
pub fn definition() -> Result<StateMachine, sfn_dsl::Error> {
    let machine = StateMachine::builder()
        .comment("Hello, Step Functions")
        .start(
            PassState::builder("Greet")
                .result(json!({"greeting": "hello"}))
                .result_path("$.message")
                .next(SucceedState::builder("Done")),
        )
        .build()?;
    Ok(machine)
}
