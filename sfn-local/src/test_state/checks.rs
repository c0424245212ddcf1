//! The checks AWS makes of a state test's request before it runs anything: the mock's
//! shape, the context object, the state settings.

use serde_json::Value;
use sfn_dsl::model::{IntegrationPattern, Nested, State, States};

use super::{StateTest, TaskMock, TestStateError};

impl StateTest {
    /// Refuses state settings that do not fit the state or its mock, as AWS does.
    pub(super) fn check_configuration(&self, state: &State) -> Result<(), TestStateError> {
        let invalid = |message: &str| Err(TestStateError::InvalidConfiguration(message.to_owned()));
        if let Some(failed) = self.map_failures {
            if !matches!(state, State::Map(_)) {
                return invalid("TestState supports MapIterationFailureCount only for Map states.");
            }
            match &self.mock {
                None => {
                    return invalid(
                        "TestState does not support MapIterationFailureCount when a mock is not specified.",
                    );
                }
                Some(TaskMock::Result(Value::Array(results))) if failed > results.len() as u64 => {
                    return invalid(
                        "Map iteration failure count must be less than or equal to the number of Map iterations",
                    );
                }
                Some(_) => {}
            }
        }
        if let Some(items) = &self.reader_data {
            if !matches!(state, State::Map(map) if map.item_reader.is_some()) {
                return invalid(
                    "MapItemReaderData applies only to a Map state with an ItemReader.",
                );
            }
            if !items.is_array() {
                return invalid("MapItemReaderData must be a JSON array.");
            }
        }
        if let Some(name) = &self.error_caused_by {
            let nested = state.nested().into_iter().any(|list| {
                list.states().get(name).is_some() || containing_list(list.states(), name).is_some()
            });
            if !nested {
                return Err(TestStateError::InvalidConfiguration(format!(
                    "ErrorCausedByState '{name}' is not a state inside the tested Parallel or Map state"
                )));
            }
        }
        Ok(())
    }
}

/// Refuses a mocked result of the wrong shape for a Parallel or Map state, as AWS does: the
/// list of branch or item results, or the object a Map with a `ResultWriter` gives.
pub(super) fn check_result_shape(state: &State, result: &Value) -> Result<(), TestStateError> {
    let writes = matches!(state, State::Map(map) if map.result_writer.is_some());
    match (writes, result) {
        (false, Value::Array(_)) | (true, Value::Object(_)) => Ok(()),
        (false, _) => Err(TestStateError::InvalidMock(
            "Mocked result must be an array.".to_owned(),
        )),
        (true, _) => Err(TestStateError::InvalidMock(
            "Mocked result must be a JSON object.".to_owned(),
        )),
    }
}

/// Refuses a context object the state cannot have, as AWS does.
pub(super) fn check_context(context: &Value, state: &State) -> Result<(), TestStateError> {
    let Some(fields) = context.as_object() else {
        return Err(TestStateError::InvalidContext(
            "the context object must be a JSON object".to_owned(),
        ));
    };
    for key in fields.keys() {
        match key.as_str() {
            "Execution" | "State" | "StateMachine" => {}
            "Task" => {
                let waits = matches!(state, State::Task(task) if matches!(
                    task.resource.pattern(),
                    IntegrationPattern::Sync | IntegrationPattern::Sync2 | IntegrationPattern::WaitForTaskToken
                ));
                if !waits {
                    return Err(TestStateError::InvalidContext(
                        "Context object contains 'Task' when state is not a Task state with a '.sync' or '.waitForTaskToken' service integration pattern".to_owned(),
                    ));
                }
            }
            "Map" => {
                return Err(TestStateError::InvalidContext(
                    "'Map' field is not supported when mocking a Context object".to_owned(),
                ));
            }
            other => {
                return Err(TestStateError::InvalidContext(format!(
                    "Field '{other}' is not allowed"
                )));
            }
        }
    }
    Ok(())
}

/// The nested state list (of a Parallel branch or a Map item processor) holding `name`.
pub(super) fn containing_list<'a>(states: &'a States, name: &str) -> Option<Nested<'a>> {
    states.iter().find_map(|(_, state)| {
        state.nested().into_iter().find_map(|nested| {
            if nested.states().get(name).is_some() {
                Some(nested)
            } else {
                containing_list(nested.states(), name)
            }
        })
    })
}
