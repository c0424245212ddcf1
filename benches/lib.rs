//! Benchmarks of the sfn workspace; the benchmark targets are declared in `Cargo.toml`.
//!
//! [`chain`] generates the machines the validation benchmark and the peer comparison
//! (`scripts/bench-validate`) use: the same shape as the peers' `gen-asl chain N --tasks`.

use std::fmt::Write;

pub mod executor;
pub mod saga;
pub mod saga_by_hand;
pub mod saga_value;

/// A chain of `count` states, every other one a Task with small `Parameters`, `ResultPath`,
/// a `Retry` and a `Catch` to a shared Fail state, the others Pass states; as JSON text.
///
/// # Examples
///
/// ```
/// let text = sfn_benches::chain(3);
/// assert!(sfn_dsl::validate::validate_str(&text).is_clean());
/// ```
#[must_use]
pub fn chain(count: usize) -> String {
    let mut states = String::new();
    for index in 0..count {
        let name = format!("S{index:05}");
        let transition = if index + 1 < count {
            format!(r#""Next": "S{:05}""#, index + 1)
        } else {
            r#""End": true"#.to_owned()
        };
        let body = if index % 2 == 1 {
            format!(
                r#"{{"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:step{}", "Parameters": {{"step": {index}, "last.$": "$.last"}}, "ResultPath": "$.r", "Retry": [{{"ErrorEquals": ["Transient"], "IntervalSeconds": 1, "MaxAttempts": 3, "BackoffRate": 2.0}}], "Catch": [{{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Failed"}}], {transition}}}"#,
                index % 10
            )
        } else {
            format!(
                r#"{{"Type": "Pass", "Result": {index}, "ResultPath": "$.last", {transition}}}"#
            )
        };
        let _ = write!(states, "\n  \"{name}\": {body},");
    }
    let _ = write!(
        states,
        "\n  \"Failed\": {{\"Type\": \"Fail\", \"Error\": \"ChainFailed\", \"Cause\": \"a step failed\"}}"
    );
    format!(
        "{{\"Comment\": \"generated chain of {count} states\", \"StartAt\": \"S00000\", \"States\": {{{states}\n}}}}\n"
    )
}

#[cfg(test)]
mod tests {
    use super::chain;

    #[test]
    fn generated_chains_are_valid() {
        for count in [2, 1000] {
            let report = sfn_dsl::validate::validate_str(&chain(count));
            assert!(report.is_clean(), "{report}");
        }
        let machine = sfn_dsl::StateMachine::from_json(&chain(5000)).expect("parses");
        assert_eq!(machine.states.len(), 5001);
    }

    /// The saga benchmark's references write the pipeline's document byte for byte, at
    /// sizes whose names and unwinding differ from the doctests' (two-digit steps).
    #[test]
    fn saga_references_write_the_pipelines_document() {
        for steps in [1, 12, 101] {
            let pipeline = crate::saga::build_check_serialize(steps).expect("builds");
            assert_eq!(crate::saga_by_hand::machine(steps).to_json(), pipeline);
            assert_eq!(crate::saga_value::build_serialize(steps), pipeline);
        }
    }
}
