//! Reading literal settings out of a task's `Parameters` or `Arguments`.

use crate::model::{Payload, PayloadField};

/// A setting of a task's input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Field {
    /// Written as a string literal.
    Literal(String),
    /// Computed at run time (a path, an intrinsic or JSONata).
    Dynamic,
    /// Not given.
    Absent,
}

/// The setting `name` of `Parameters` (JSONPath) or `Arguments` (JSONata).
pub(crate) fn field(payload: Option<&Payload>, name: &str) -> Field {
    let Some(Payload::Object(object)) = payload else {
        return match payload {
            Some(Payload::Jsonata(_)) => Field::Dynamic,
            _ => Field::Absent,
        };
    };
    for (key, value) in object.fields() {
        if key != name {
            continue;
        }
        return match value {
            PayloadField::Value(Payload::String(text)) => Field::Literal(text.clone()),
            PayloadField::Value(_) | PayloadField::Dynamic(_) => Field::Dynamic,
        };
    }
    Field::Absent
}

/// The setting at `path` inside nested objects, such as
/// `["QueryExecutionContext", "Database"]`: dynamic when the setting or any object around it
/// is computed at run time.
pub(crate) fn nested_field(payload: Option<&Payload>, path: &[&str]) -> Field {
    let [name, rest @ ..] = path else {
        return Field::Absent;
    };
    if rest.is_empty() {
        return field(payload, name);
    }
    let Some(Payload::Object(object)) = payload else {
        return field(payload, name);
    };
    match object.fields().find(|(key, _)| key == name) {
        Some((_, PayloadField::Value(nested))) => nested_field(Some(nested), rest),
        Some((_, PayloadField::Dynamic(_))) => Field::Dynamic,
        None => Field::Absent,
    }
}

/// Every value of the setting at `path`, where an array on the way stands for each of its
/// items: `["Entries", "EventBusName"]` reads `Entries[*].EventBusName`. Pushes one [`Field`]
/// per place the setting can be: [`Field::Dynamic`] where it or anything around it is computed
/// at run time (a path, an intrinsic or JSONata), so that no run-time value goes unnoticed, and
/// [`Field::Absent`] where an item leaves it out.
pub(crate) fn every_field(payload: Option<&Payload>, path: &[&str], into: &mut Vec<Field>) {
    match (payload, path) {
        (Some(Payload::Jsonata(_)), _) => into.push(Field::Dynamic),
        (Some(Payload::String(text)), []) => into.push(Field::Literal(text.clone())),
        (Some(Payload::Array(items)), [_, ..]) => {
            for item in items {
                every_field(Some(item), path, into);
            }
        }
        (Some(Payload::Object(object)), [name, rest @ ..]) => {
            match object.fields().find(|(key, _)| key == name) {
                Some((_, PayloadField::Value(nested))) => every_field(Some(nested), rest, into),
                Some((_, PayloadField::Dynamic(_))) => into.push(Field::Dynamic),
                None => into.push(Field::Absent),
            }
        }
        // Nothing there, or a value that cannot hold the setting.
        _ => into.push(Field::Absent),
    }
}

#[cfg(test)]
mod tests {
    use super::{Field, every_field, nested_field};
    use crate::StateMachine;
    use crate::model::{Payload, State};

    fn parameters(json: &str) -> Payload {
        StateMachine::from_json(&format!(
            r#"{{"StartAt": "T", "States": {{"T": {{"Type": "Pass", "Parameters": {json}, "End": true}}}}}}"#
        ))
        .ok()
        .and_then(|machine| match machine.states.get("T") {
            Some(State::Pass(pass)) => pass.parameters.clone(),
            _ => None,
        })
        .expect("a Pass state with Parameters")
    }

    #[test]
    fn nested_settings_are_literal_dynamic_or_absent() {
        let payload = parameters(
            r#"{"Context": {"Catalog": "lake", "Database.$": "$.db"}, "Results.$": "$.results"}"#,
        );
        let at = |path: &[&str]| nested_field(Some(&payload), path);
        assert_eq!(
            at(&["Context", "Catalog"]),
            Field::Literal("lake".to_owned())
        );
        assert_eq!(at(&["Context", "Database"]), Field::Dynamic);
        assert_eq!(at(&["Context", "Schema"]), Field::Absent);
        assert_eq!(at(&["Results", "OutputLocation"]), Field::Dynamic);
        assert_eq!(at(&["Missing", "OutputLocation"]), Field::Absent);
        assert_eq!(at(&[]), Field::Absent);
    }

    #[test]
    fn every_item_of_an_array_is_read_and_run_time_values_are_dynamic() {
        let at = |json: &str| {
            let payload = parameters(json);
            let mut found = Vec::new();
            every_field(Some(&payload), &["Entries", "EventBusName"], &mut found);
            found
        };
        assert_eq!(
            at(
                r#"{"Entries": [{"EventBusName": "orders"}, {"Source": "shop"}, {"EventBusName.$": "$.bus"}]}"#
            ),
            [
                Field::Literal("orders".to_owned()),
                Field::Absent,
                Field::Dynamic
            ]
        );
        assert_eq!(
            at(
                r#"{"Entries": [{"EventBusName": "{% $states.input.bus %}"}, "{% $states.input.entry %}"]}"#
            ),
            [Field::Dynamic, Field::Dynamic]
        );
        assert_eq!(at(r#"{"Entries.$": "$.entries"}"#), [Field::Dynamic]);
        assert_eq!(
            at(r#"{"Entries": "{% $states.input.entries %}"}"#),
            [Field::Dynamic]
        );
        assert_eq!(at(r#"{"Detail": {}}"#), [Field::Absent]);
        assert_eq!(at(r#"{"Entries": []}"#), []);
    }
}
