//! The saga's Fail states: the one that ends the unwinding, and those of a step's action,
//! which record their error and unwind instead.

use super::Saga;
use crate::builder::arg::field_path::string_literal;
use crate::builder::{Chain, NodeState};
use crate::model::{
    Dynamic, DynamicValue, FailState, IntrinsicCall, Jsonata, Nullable, PassState, Payload,
    PayloadObject, QueryLanguage, ReferencePath, Transition,
};

impl Saga {
    /// The end of the unwinding: a Fail state re-raising the original error. An error
    /// output may have no `Cause` (a Fail state without one in a Map or Parallel step,
    /// `SendTaskFailure` without one), and reading a missing field fails the state (with
    /// `States.Runtime` in JSONPath, `States.QueryEvaluationError` in JSONata), which
    /// would replace the original error: the cause defaults to empty. JSONPath needs a
    /// Pass state for it, `<failure>: cause`.
    pub(super) fn failure(&self) -> Chain {
        let field = &self.error_field;
        let fail = FailState::builder(self.failure_state_name.clone());
        match self.language {
            QueryLanguage::JsonPath => {
                let fail = fail
                    .error_path(format!("$.{field}.Error").as_str())
                    .cause_path(format!("$.{field}.Cause").as_str());
                let mut parameters = PayloadObject::new();
                parameters.insert_dynamic(
                    field,
                    DynamicValue::Intrinsic(IntrinsicCall::new(format!(
                        "States.JsonMerge(States.StringToJson('\\{{\"Cause\": \"\"\\}}'), $.{field}, false)"
                    ))),
                );
                PassState::builder(format!("{}: cause", self.failure_state_name))
                    .parameters(Payload::Object(parameters))
                    .next(fail)
            }
            QueryLanguage::Jsonata => {
                let field = super::jsonata_input_field(field);
                fail.error_jsonata(format!("{field}.Error"))
                    .cause_jsonata(format!("$exists({field}.Cause) ? {field}.Cause : ''"))
                    .into()
            }
        }
    }

    /// Turns a Fail state of a step into a Pass state of the same name that keeps the
    /// error it would have raised (`{"Error", "Cause"}`, either absent when the Fail state
    /// has none) in the error field, as the saga's catchers do, and continues with `next`.
    pub(super) fn record_failure(&self, state: &mut NodeState, next: Transition) {
        let NodeState::Fail(fail) = state else {
            return;
        };
        let FailState {
            comment,
            query_language,
            error,
            cause,
        } = std::mem::take(&mut **fail);
        let mut pass = PassState {
            comment,
            query_language,
            transition: next,
            ..PassState::default()
        };
        let field = &self.error_field;
        match query_language.unwrap_or(self.language) {
            QueryLanguage::JsonPath => {
                let mut recorded = PayloadObject::new();
                for (key, value) in [("Error", error), ("Cause", cause)] {
                    match value {
                        Some(Dynamic::Literal(text)) => recorded.insert(key, Payload::from(text)),
                        Some(Dynamic::Placeholder(text)) => {
                            recorded.insert(key, Payload::from(text.as_str()));
                        }
                        Some(Dynamic::Path(path)) => recorded.insert_dynamic(key, path),
                        // A JSONata expression in a JSONPath state: `build()` reports it as
                        // a field of the other language; keep it where it is seen.
                        Some(Dynamic::Jsonata(expression)) => {
                            recorded.insert(key, Payload::from(expression.to_template_string()));
                        }
                        None => {}
                    }
                }
                pass.parameters = Some(Payload::Object(recorded));
                pass.result_path = Some(Nullable::Value(ReferencePath::new(
                    ["$.", field.as_str()].concat(),
                )));
            }
            QueryLanguage::Jsonata => {
                let mut recorded = Vec::new();
                for (key, value) in [("Error", error), ("Cause", cause)] {
                    let value = match value {
                        Some(Dynamic::Literal(text)) => string_literal(&text),
                        Some(Dynamic::Placeholder(text)) => string_literal(text.as_str()),
                        Some(Dynamic::Jsonata(expression)) => {
                            format!("({})", expression.trimmed())
                        }
                        // A path in a JSONata state: `build()` reports it; JSONata has no
                        // reading of it, so it is left out.
                        Some(Dynamic::Path(_)) | None => continue,
                    };
                    recorded.push(format!("{}: {value}", string_literal(key)));
                }
                pass.output = Some(Payload::Jsonata(Jsonata::new(format!(
                    " $merge([$states.input, {{{}: {{{}}}}}]) ",
                    string_literal(field),
                    recorded.join(", ")
                ))));
            }
        }
        *state = NodeState::Pass(Box::new(pass));
    }
}
