//! The `hint:` line of `sfn run`'s text report: when a run failed for want of what the
//! command's options supply (a Task state's result, the objects an `ItemReader` reads), the
//! option that supplies it. The executor's own messages name no option, since the library
//! has none.

use super::Fixtures;
use crate::result::Execution;

/// The start of the cause the executor gives a Task state no mock answers.
const UNMOCKED_CAUSE: &str = "No mock answers Task state '";

/// The error of a Distributed Map whose `ItemReader` could not read its object.
const ITEM_READER_FAILED: &str = "States.ItemReaderFailed";

/// The option that supplies what the failed `execution` lacked, given the `fixtures` it ran
/// with; `None` when it succeeded, or failed for another reason. The failure looked at is
/// the execution's and, when a Distributed Map's children failed it, that of the first
/// child to fail (the parent's error does not say why).
pub(super) fn run_hint(execution: &Execution, fixtures: &Fixtures) -> Option<&'static str> {
    if execution.succeeded() {
        return None;
    }
    let child = execution
        .first_failed_child()
        .map(|(_, child)| (child.error.as_deref(), child.cause.as_deref()));
    let failures = [(execution.error.as_deref(), execution.cause.as_deref())]
        .into_iter()
        .chain(child);
    for (error, cause) in failures {
        if cause.is_some_and(|cause| cause.contains(UNMOCKED_CAUSE)) {
            return Some(if fixtures.mock_config.is_some() {
                "give the state a response in the test case of --mock-config (--state-machine NAME, --test-case NAME), or run with --unmocked echo to have each unmocked task return its input"
            } else {
                "give Task states their results with --mock-config FILE (--state-machine NAME, --test-case NAME), or run with --unmocked echo to have each return its input"
            });
        }
        if error == Some(ITEM_READER_FAILED) && fixtures.s3.is_none() {
            return Some(
                "give the objects its ItemReader reads with --s3 DIR (a folder per bucket, a file per object)",
            );
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::Executor;

    fn executed(definition: &str) -> Execution {
        Executor::from_json(definition)
            .expect("a definition")
            .run(json!({"items": [1]}))
            .expect("a run")
    }

    const TASK: &str = r#"{"StartAt": "T", "States": {"T": {"Type": "Task",
        "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}"#;

    /// The hint is found by the executor's own cause: this fails when its wording changes.
    #[test]
    fn an_unmocked_task_is_hinted_at_by_the_executor_s_own_cause() {
        let execution = executed(TASK);
        assert!(
            execution
                .cause
                .as_deref()
                .is_some_and(|cause| cause.contains("No mock answers Task state 'T'")),
            "{:?}",
            execution.cause
        );
        let hint = run_hint(&execution, &Fixtures::default());
        assert!(
            hint.is_some_and(|hint| hint
                .starts_with("give Task states their results with --mock-config FILE")
                && hint.contains("--unmocked echo")),
            "{hint:?}"
        );
        let with_config = Fixtures {
            mock_config: Some("mocks.json".into()),
            ..Fixtures::default()
        };
        assert!(
            run_hint(&execution, &with_config)
                .is_some_and(|hint| hint.contains("in the test case of --mock-config")),
        );
    }

    #[test]
    fn an_unmocked_task_of_a_distributed_map_child_is_hinted_at() {
        let execution = executed(
            r#"{"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items", "End": true,
                "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "T", "States": {"T": {"Type": "Task",
                        "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}}}}"#,
        );
        assert_eq!(
            execution.error.as_deref(),
            Some("States.ExceedToleratedFailureThreshold")
        );
        assert!(
            run_hint(&execution, &Fixtures::default())
                .is_some_and(|hint| hint.contains("--mock-config FILE"))
        );
    }

    #[test]
    fn a_missing_item_reader_object_is_hinted_at_without_s3() {
        let execution = executed(
            r#"{"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
                "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                    "ReaderConfig": {"InputType": "JSON"}, "Parameters": {"Bucket": "b", "Key": "k.json"}},
                "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}"#,
        );
        assert_eq!(execution.error.as_deref(), Some(ITEM_READER_FAILED));
        assert!(
            run_hint(&execution, &Fixtures::default())
                .is_some_and(|hint| hint.contains("--s3 DIR"))
        );
        // Given a folder, the object is simply not in it: the cause names it.
        let with_s3 = Fixtures {
            s3: Some("s3".into()),
            ..Fixtures::default()
        };
        assert_eq!(run_hint(&execution, &with_s3), None);
    }

    #[test]
    fn other_failures_have_no_hint() {
        let failing = executed(
            r#"{"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E", "Cause": "c"}}}"#,
        );
        assert_eq!(run_hint(&failing, &Fixtures::default()), None);
        let succeeding =
            executed(r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#);
        assert_eq!(run_hint(&succeeding, &Fixtures::default()), None);
    }
}
