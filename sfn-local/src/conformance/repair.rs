//! Putting back into a template what the test changed before running it, where the
//! recording shows it: `%NAME%` placeholders and JSONPath parameters from the test's
//! parameter, `_tbd_` values from the recorded events (the resource a task called, the
//! error a catcher caught, the parameters sent, the expression an error message quotes,
//! the value a variable was assigned), and masked input values an error message quotes.
//! What the recording does not show stays, and makes the case not runnable.

use serde_json::{Map, Value};

use super::case::History;

/// Gives Task states whose `Resource` is a placeholder the resource the recording shows.
pub(crate) fn restore_resources(states: &mut sfn_dsl::model::States, history: &History) {
    use sfn_dsl::model::Resource;
    for (name, state) in states.iter_mut() {
        match state {
            sfn_dsl::State::Task(task) => {
                if let Resource::Other(_) = task.resource
                    && let Some(resource) = history.recorded_resource(name.as_str())
                {
                    task.resource = Resource::parse(&resource);
                }
            }
            sfn_dsl::State::Parallel(parallel) => {
                for branch in &mut parallel.branches {
                    restore_resources(&mut branch.states, history);
                }
            }
            sfn_dsl::State::Map(map) => restore_resources(&mut map.item_processor.states, history),
            _ => {}
        }
    }
}

/// Replaces `%NAME%` placeholders the tests filled in with the test's parameter.
pub(super) fn substitute_placeholders(text: &str, param: Option<&str>) -> String {
    let Some(param) = param else {
        return text.to_owned();
    };
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("\"%") {
        let after = &rest[start + 2..];
        match after.find("%\"") {
            Some(end)
                if after[..end]
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c == '_') =>
            {
                out.push_str(&rest[..=start]);
                out.push_str(&param.replace('\\', "\\\\").replace('"', "\\\""));
                out.push('"');
                rest = &after[end + 2..];
            }
            _ => {
                out.push_str(&rest[..start + 2]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// For tests that put their JSONPath parameter in place of the template's only `.$`
/// path, does the same.
pub(super) fn substitute_single_path(text: &str, param: Option<&str>) -> String {
    let Some(param) = param.filter(|param| param.starts_with('$')) else {
        return text.to_owned();
    };
    let Ok(mut value) = serde_json::from_str::<Value>(text) else {
        return text.to_owned();
    };
    let mut slots = Vec::new();
    collect_paths(&value, &mut Vec::new(), &mut slots);
    let [slot] = slots.as_slice() else {
        return text.to_owned();
    };
    let mut node = &mut value;
    for key in slot {
        let Some(next) = node.get_mut(key.as_str()) else {
            return text.to_owned();
        };
        node = next;
    }
    *node = Value::String(param.to_owned());
    value.to_string()
}

fn collect_paths(value: &Value, trail: &mut Vec<String>, slots: &mut Vec<Vec<String>>) {
    if let Value::Object(map) = value {
        for (key, item) in map {
            trail.push(key.clone());
            match item {
                Value::String(path) if key.ends_with(".$") && path.starts_with('$') => {
                    slots.push(trail.clone());
                }
                other => collect_paths(other, trail, slots),
            }
            trail.pop();
        }
    }
}

/// Whether a template value is a placeholder the test fills in.
pub(super) fn is_tbd(value: &Value) -> bool {
    matches!(value, Value::String(text) if text.eq_ignore_ascii_case("_tbd_") || text.eq_ignore_ascii_case("__tbd__"))
}

/// Fills in the `_tbd_` values of a template that the recording reveals.
pub(super) fn restore_values(definition: &mut Value, history: &History) {
    for_each_state(definition, &mut |name, state| {
        restore_error_equals(name, state, history);
        restore_parameters(name, state, history);
        restore_assign(name, state, history);
        restore_expressions(name, state, history);
        restore_result(name, state, history);
    });
}

/// Calls `visit` with every state of a definition, nested ones included.
fn for_each_state(list: &mut Value, visit: &mut dyn FnMut(&str, &mut Map<String, Value>)) {
    let Some(states) = list.get_mut("States").and_then(Value::as_object_mut) else {
        return;
    };
    for (name, state) in states.iter_mut() {
        let Value::Object(state) = state else {
            continue;
        };
        visit(name, state);
        if let Some(Value::Array(branches)) = state.get_mut("Branches") {
            for branch in branches {
                for_each_state(branch, visit);
            }
        }
        for key in ["Iterator", "ItemProcessor"] {
            if let Some(processor) = state.get_mut(key) {
                for_each_state(processor, visit);
            }
        }
    }
}

/// A catcher or retrier whose `ErrorEquals` the test filled in (`[]` or `["_tbd_"]`)
/// gets the error the recording shows it handled: the state's last task error when the
/// catcher's `Next` was entered (recorded: `TestTaskServiceLambda::test_raise_custom_exception`
/// catches `CustomException`), its first when the state was retried.
fn restore_error_equals(name: &str, state: &mut Map<String, Value>, history: &History) {
    let errors = history.task_errors(name);
    let placeholder = |handler: &Map<String, Value>| {
        handler
            .get("ErrorEquals")
            .and_then(Value::as_array)
            .is_some_and(|names| names.is_empty() || names.iter().all(is_tbd))
    };
    if let (Some(Value::Array(catchers)), Some(last)) = (state.get_mut("Catch"), errors.last()) {
        for catcher in catchers.iter_mut().filter_map(Value::as_object_mut) {
            let next = catcher.get("Next").and_then(Value::as_str);
            if placeholder(catcher)
                && next.is_some_and(|next| history.entered.iter().any(|entered| entered == next))
            {
                catcher.insert(
                    "ErrorEquals".into(),
                    Value::Array(vec![Value::String(last.clone())]),
                );
            }
        }
    }
    if let (Some(Value::Array(retriers)), [first, _, ..]) =
        (state.get_mut("Retry"), errors.as_slice())
    {
        for retrier in retriers.iter_mut().filter_map(Value::as_object_mut) {
            if placeholder(retrier) {
                retrier.insert(
                    "ErrorEquals".into(),
                    Value::Array(vec![Value::String(first.clone())]),
                );
            }
        }
    }
}

/// Task `Parameters` the test filled in get the values recorded when the task was
/// scheduled.
fn restore_parameters(name: &str, state: &mut Map<String, Value>, history: &History) {
    let Some(Value::Object(parameters)) = state.get_mut("Parameters") else {
        return;
    };
    if !parameters.values().any(is_tbd) {
        return;
    }
    let Some(Value::Object(recorded)) = history.task_parameters(name) else {
        return;
    };
    for (key, value) in parameters.iter_mut() {
        if is_tbd(value)
            && let Some(recorded) = recorded.get(key)
        {
            *value = recorded.clone();
        }
    }
}

/// `Assign` values the test filled in get the values the state's exit event shows
/// (recorded: `test_map_state_items_variable_sampling`).
fn restore_assign(name: &str, state: &mut Map<String, Value>, history: &History) {
    let Some(Value::Object(assign)) = state.get_mut("Assign") else {
        return;
    };
    for (variable, value) in assign.iter_mut() {
        if is_tbd(value)
            && let Some(recorded) = history.assigned(name, variable)
        {
            *value = recorded;
        }
    }
}

/// A JSONata field the test filled in gets the expression an error message of the state
/// quotes: `The JSONata expression 'true' specified for the field 'Items' …` (recorded:
/// `test_map_state_items_eval_jsonata_fail`).
fn restore_expressions(name: &str, state: &mut Map<String, Value>, history: &History) {
    if !state.values().any(is_tbd) {
        return;
    }
    for cause in history.causes() {
        let Some((expression, field)) = quoted_expression(cause, name) else {
            continue;
        };
        if let Some(value) = state.get_mut(field)
            && is_tbd(value)
        {
            *value = Value::String(format!("{{% {expression} %}}"));
        }
    }
}

/// A Pass state whose output can only be its `Result` (no path or template field) gets
/// the output the recording shows when the two differ: the test replaced the `Result`
/// before running, and a `Result` is always a literal (recorded:
/// `test_state_pass_result_jsonpaths`, whose new `Result` has `.$` keys AWS copied as
/// they were).
fn restore_result(name: &str, state: &mut Map<String, Value>, history: &History) {
    const SHAPING: [&str; 5] = [
        "InputPath",
        "Parameters",
        "ResultPath",
        "OutputPath",
        "QueryLanguage",
    ];
    if state.get("Type").and_then(Value::as_str) != Some("Pass")
        || SHAPING.iter().any(|field| state.contains_key(*field))
    {
        return;
    }
    let Some(result) = state.get("Result") else {
        return;
    };
    if let Some(output) = history.exit_output(name)
        && output != *result
    {
        state.insert("Result".into(), output);
    }
}

/// The expression and field an AWS cause of state `name` quotes, if it quotes one.
fn quoted_expression<'c>(cause: &'c str, name: &str) -> Option<(&'c str, &'c str)> {
    const OPEN: &str = "The JSONata expression '";
    const MIDDLE: &str = "' specified for the field '";
    let state = format!("executing the state '{name}'");
    if !cause.contains(&state) {
        return None;
    }
    let start = cause.find(OPEN)? + OPEN.len();
    let middle = start + cause[start..].rfind(MIDDLE)?;
    let field_start = middle + MIDDLE.len();
    let field_end = field_start + cause[field_start..].find('\'')?;
    Some((&cause[start..middle], &cause[field_start..field_end]))
}

/// The execution input with a masked value put back where an error message quotes it
/// (recorded: `test_wait_timestamp_path[INVALID_DATE]` quotes
/// `$.TimestampValue == 2016-13-05T21:29:29Z`), if the input has exactly one masked value
/// and a cause quotes it.
pub(super) fn revealed_input(history: &History) -> Option<Value> {
    const QUOTE: &str = "format string: ";
    let mut masked = Vec::new();
    masked_leaves(&history.input, &mut Vec::new(), &mut masked);
    let [path] = masked.as_slice() else {
        return None;
    };
    let quoted = history.causes().find_map(|cause| {
        let start = cause.rfind(QUOTE)? + QUOTE.len();
        let value = &cause[start..];
        Some(value.split_once(" == ").map_or(value, |(_, value)| value))
    })?;
    let mut input = history.input.clone();
    let mut node = &mut input;
    for key in path {
        node = match node {
            Value::Object(map) => map.get_mut(key)?,
            _ => return None,
        };
    }
    *node = Value::String(quoted.to_owned());
    Some(input)
}

fn masked_leaves(value: &Value, trail: &mut Vec<String>, into: &mut Vec<Vec<String>>) {
    match value {
        Value::String(text) if super::verdict::is_masked(text) => into.push(trail.clone()),
        Value::Object(map) => {
            for (key, item) in map {
                trail.push(key.clone());
                masked_leaves(item, trail, into);
                trail.pop();
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{quoted_expression, restore_values, revealed_input, substitute_placeholders};
    use crate::conformance::case::History;

    /// Recorded shape of `test_wait_timestamp_path[INVALID_DATE]`: the input is masked and
    /// the failure quotes it.
    #[test]
    fn a_masked_input_comes_back_from_the_cause_quoting_it() {
        let history = History::from_value(&json!({"events": [
            {"id": 1, "previousEventId": 0, "type": "ExecutionStarted",
             "executionStartedEventDetails": {"input": {"TimestampValue": "timestamp"}}},
            {"id": 2, "previousEventId": 0, "type": "WaitStateEntered",
             "stateEnteredEventDetails": {"name": "WaitUntil", "input": {"TimestampValue": "timestamp"}}},
            {"id": 3, "previousEventId": 2, "type": "ExecutionFailed",
             "executionFailedEventDetails": {"error": "States.Runtime",
              "cause": "An error occurred while executing the state 'WaitUntil' (entered at the event id #2). The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: $.TimestampValue == 2016-13-05T21:29:29Z"}}
        ]}))
        .expect("a history");
        assert_eq!(
            revealed_input(&history),
            Some(json!({"TimestampValue": "2016-13-05T21:29:29Z"}))
        );
    }

    /// Recorded shape of `TestTaskServiceLambda::test_raise_custom_exception`: the catcher the
    /// test filled in caught `CustomException`.
    #[test]
    fn a_placeholder_catcher_gets_the_error_it_caught() {
        let history = History::from_value(&json!({"events": [
            {"id": 1, "previousEventId": 0, "type": "ExecutionStarted",
             "executionStartedEventDetails": {"input": {}}},
            {"id": 2, "previousEventId": 0, "type": "TaskStateEntered",
             "stateEnteredEventDetails": {"name": "InvokeLambda", "input": {}}},
            {"id": 3, "previousEventId": 2, "type": "TaskScheduled", "taskScheduledEventDetails": {}},
            {"id": 4, "previousEventId": 3, "type": "TaskFailed",
             "taskFailedEventDetails": {"error": "CustomException", "cause": "boom"}},
            {"id": 5, "previousEventId": 4, "type": "TaskStateExited",
             "stateExitedEventDetails": {"name": "InvokeLambda", "output": {}}},
            {"id": 6, "previousEventId": 5, "type": "PassStateEntered",
             "stateEnteredEventDetails": {"name": "ErrorMatched", "input": {}}}
        ]}))
        .expect("a history");
        let mut definition = json!({"StartAt": "InvokeLambda", "States": {
            "InvokeLambda": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Catch": [{"ErrorEquals": [], "Next": "ErrorMatched"},
                          {"ErrorEquals": ["__tbd__"], "Next": "Elsewhere"}],
                "Next": "ErrorMatched"},
            "ErrorMatched": {"Type": "Pass", "End": true},
            "Elsewhere": {"Type": "Pass", "End": true}}});
        restore_values(&mut definition, &history);
        let catchers = &definition["States"]["InvokeLambda"]["Catch"];
        assert_eq!(catchers[0]["ErrorEquals"], json!(["CustomException"]));
        // A catcher whose Next was never entered gives nothing away.
        assert_eq!(catchers[1]["ErrorEquals"], json!(["__tbd__"]));
    }

    #[test]
    fn causes_quote_expressions() {
        assert_eq!(
            quoted_expression(
                "An error occurred while executing the state 'Map' (entered at the event id #2). The JSONata expression ''string'' specified for the field 'Items' returned an unexpected result type.",
                "Map"
            ),
            Some(("'string'", "Items"))
        );
        assert_eq!(
            quoted_expression(
                "An error occurred while executing the state 'Other' (…). The JSONata expression 'x' specified for the field 'Items'",
                "Map"
            ),
            None
        );
    }

    #[test]
    fn placeholders_take_the_test_parameter() {
        assert_eq!(
            substitute_placeholders(
                r#"{"InputPath": "%CONTEXT_OBJECT_LITERAL_PLACEHOLDER%"}"#,
                Some("$$")
            ),
            r#"{"InputPath": "$$"}"#
        );
        assert_eq!(
            substitute_placeholders(r#"{"a": "%x%"}"#, Some("1")),
            r#"{"a": "%x%"}"#
        );
    }
}
