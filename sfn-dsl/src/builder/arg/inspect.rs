//! What an [`Arg`] needs and reads: its query language, the task token, floats JSON cannot
//! hold, and whether the field it is written in can read it.

use super::Arg;
use crate::model::{Payload, PayloadField, QueryLanguage};

impl Arg {
    /// The query language the value needs, when `language` cannot express it.
    pub(crate) fn mismatch(&self, language: QueryLanguage) -> Option<QueryLanguage> {
        match (self, language) {
            (Self::Object(fields), _) => fields
                .fields
                .iter()
                .find_map(|entry| entry.arg.mismatch(language)),
            (Self::Array(items), _) => items.iter().find_map(|item| {
                let literal = matches!(
                    item,
                    Self::Value(_) | Self::Object(_) | Self::Array(_) | Self::NonFinite(_)
                );
                if language == QueryLanguage::JsonPath && !literal {
                    Some(QueryLanguage::Jsonata)
                } else {
                    item.mismatch(language)
                }
            }),
            (Self::Path(_) | Self::Intrinsic(_), QueryLanguage::Jsonata) => {
                Some(QueryLanguage::JsonPath)
            }
            (Self::Jsonata(_), QueryLanguage::JsonPath) => Some(QueryLanguage::Jsonata),
            // `json!({"S.$": "$.id"})`: a JSONata state would send the key `S.$` as written.
            (Self::Value(payload), QueryLanguage::Jsonata) if holds_path_template(payload) => {
                Some(QueryLanguage::JsonPath)
            }
            _ => None,
        }
    }

    /// Whether the value reads the context's `Task` ([`Arg::task_token`], or
    /// `Arg::context("Task…")`), which only callback, `.sync` and activity tasks have.
    pub(crate) fn reads_task_token(&self) -> bool {
        match self {
            Self::Context(path) => path
                .strip_prefix("Task")
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '['])),
            Self::Object(fields) => fields
                .fields
                .iter()
                .any(|entry| entry.arg.reads_task_token()),
            Self::Array(items) => items.iter().any(Self::reads_task_token),
            _ => false,
        }
    }

    /// The first float in the value that JSON cannot hold, if any.
    pub(crate) fn non_finite(&self) -> Option<f64> {
        match self {
            Self::NonFinite(value) => Some(*value),
            Self::Object(fields) => fields
                .fields
                .iter()
                .find_map(|entry| entry.arg.non_finite()),
            Self::Array(items) => items.iter().find_map(Self::non_finite),
            _ => None,
        }
    }

    /// Why the value cannot be read where it is written (`reads` says what the field can
    /// read in `language`), if it cannot: the reason, such as "reads the state's input".
    pub(crate) fn misplaced(&self, language: QueryLanguage, reads: Reads) -> Option<Misplaced> {
        match self {
            Self::Object(fields) => fields
                .fields
                .iter()
                .find_map(|entry| entry.arg.misplaced(language, reads)),
            Self::Array(items) => items
                .iter()
                .find_map(|item| item.misplaced(language, reads)),
            Self::Input | Self::InputField(_)
                if language == QueryLanguage::JsonPath && reads != Reads::Input =>
            {
                Some(Misplaced::Input(reads))
            }
            Self::Result(_) if reads != Reads::Result => Some(Misplaced::Result),
            Self::ErrorOutput(_) if reads != Reads::ErrorOutput => Some(Misplaced::ErrorOutput),
            _ => None,
        }
    }

    /// What to write instead of a value `language` cannot express (see [`Arg::mismatch`]).
    pub(crate) fn mismatch_hint(&self, language: QueryLanguage) -> &'static str {
        if language == QueryLanguage::JsonPath && self.computes_array_items() {
            "JSONPath cannot compute an array's items: build the array with an intrinsic call, `Arg::intrinsic(\"States.Array($.a, $.b)\")`, or use JSONata"
        } else {
            "use a portable value such as `Arg::input_field(...)` or `Arg::var(...)`, or one written for the state's query language"
        }
    }

    /// Whether an array in the value has an item that is computed (a path, a variable, …).
    fn computes_array_items(&self) -> bool {
        match self {
            Self::Array(items) => items.iter().any(|item| {
                !matches!(
                    item,
                    Self::Value(_) | Self::Object(_) | Self::Array(_) | Self::NonFinite(_)
                ) || item.computes_array_items()
            }),
            Self::Object(fields) => fields
                .fields
                .iter()
                .any(|entry| entry.arg.computes_array_items()),
            _ => false,
        }
    }

    /// How the value is described in a message about using it in the wrong language.
    pub(crate) fn describe(&self) -> &'static str {
        match self {
            Self::Path(_) => "a JSONPath path",
            Self::Intrinsic(_) => "an intrinsic function call",
            Self::Jsonata(_) => "a JSONata expression",
            Self::Object(_) => "an object with a field",
            Self::Array(_) => "an array with an item",
            Self::Value(payload) if holds_path_template(payload) => {
                "a value with a `key.$` field (a JSONPath template)"
            }
            _ => "a value",
        }
    }
}

/// What a field can read besides variables and the context object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Reads {
    /// The state's input: requests, and the `Assign` of Choice and Wait states, of Choice
    /// rules, and of Pass states without `Result` or `Parameters` (and of any JSONata Pass).
    Input,
    /// The state's result: the `Assign` of Task, Map and Parallel states and of JSONPath
    /// Pass states with `Result` or `Parameters` (`$` in JSONPath; JSONata also reads
    /// `$states.input`).
    Result,
    /// A catcher's error output: the catcher's `Assign` (`$` in JSONPath; JSONata also
    /// reads `$states.input`).
    ErrorOutput,
}

/// Why an [`Arg`] cannot be read where it is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Misplaced {
    /// The state's input, in a JSONPath field whose `$` is something else.
    Input(Reads),
    /// The state's result, where there is none.
    Result,
    /// A catcher's error output, outside a catcher.
    ErrorOutput,
}

impl Misplaced {
    /// What the value reads and why the field cannot, in words.
    pub(crate) fn reason(self) -> &'static str {
        match self {
            Self::Input(Reads::ErrorOutput) => {
                "reads the state's input, but `$` in a catcher's JSONPath `Assign` is the error output"
            }
            Self::Input(_) => {
                "reads the state's input, but `$` in this JSONPath `Assign` is the state's result"
            }
            Self::Result => {
                "reads the state's result, which only the `Assign` of a Task, Map or Parallel state (or of a JSONPath Pass state with `Result` or `Parameters`) can read"
            }
            Self::ErrorOutput => {
                "reads a catcher's error output, which only the catcher's `Assign` can read"
            }
        }
    }

    /// What to do instead.
    pub(crate) fn hint(self) -> &'static str {
        match self {
            Self::Input(_) => {
                "read the result with `Arg::result_field(...)` (or the error with `Arg::error_output_field(...)`), assign the input field in an earlier state, or use JSONata, where `$states.input` is readable"
            }
            Self::Result | Self::ErrorOutput => {
                "read the state's input with `Arg::input_field(...)`, or move the assignment to the state that has the result"
            }
        }
    }
}

/// Whether `payload` holds a `"key.$"` field, which only JSONPath states evaluate.
fn holds_path_template(payload: &Payload) -> bool {
    match payload {
        Payload::Array(items) => items.iter().any(holds_path_template),
        Payload::Object(object) => object.iter().any(|(_, field)| match field {
            PayloadField::Dynamic(_) => true,
            PayloadField::Value(value) => holds_path_template(value),
        }),
        _ => false,
    }
}
