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

/// A nested setting such as `Entries[*].EventBusName`: every literal value found under the
/// key `name` at any depth.
pub(crate) fn all_literals(payload: Option<&Payload>, name: &str, into: &mut Vec<Field>) {
    match payload {
        Some(Payload::Object(object)) => {
            for (key, value) in object.fields() {
                match value {
                    PayloadField::Value(Payload::String(text)) if key == name => {
                        into.push(Field::Literal(text.clone()));
                    }
                    PayloadField::Dynamic(_) if key == name => into.push(Field::Dynamic),
                    PayloadField::Value(nested) => all_literals(Some(nested), name, into),
                    PayloadField::Dynamic(_) => {}
                }
            }
        }
        Some(Payload::Array(items)) => {
            for item in items {
                all_literals(Some(item), name, into);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::{Field, nested_field};
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
}
