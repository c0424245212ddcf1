//! Reading a [`Document`] into the model: structural and lossless.
//!
//! Every field is checked for its JSON type and every object for unknown and missing
//! fields, and all problems are collected before giving up, each with its JSON pointer.
//! What a value *means* (is this a valid ARN, path, expression, label?) is left to the
//! validator, so placeholders and test scaffolding parse.

mod choice;
mod fields;
mod machine;
mod map;
mod payload;
mod state;

use crate::error::{ParseError, ParseIssue, ParseIssueKind};
use crate::model::{QueryLanguage, StateMachine, StateName};
use crate::shorten::quoted;
use crate::source::{Document, Node, Pointer, Span};

/// Collects the problems found while reading.
pub(crate) struct Cx {
    issues: Vec<ParseIssue>,
    /// State names read recently, so that a state's name and the `Next`, `Default` and
    /// `StartAt` fields naming it share one allocation: a small cache indexed by the end of
    /// the name, not a hash set (hashing every name cost more than the allocations it
    /// saved). A miss only costs an allocation; names are equal by value either way.
    names: [Option<StateName>; NAME_SLOTS],
    /// The machine's query language, which nested lists without their own inherit.
    machine_language: QueryLanguage,
    /// The query language of the states of the list being read, unless they set their own.
    list_language: QueryLanguage,
    /// The query language of the fields being read, for hints that hold in one language
    /// only.
    language: QueryLanguage,
}

/// The slots of [`Cx::names`].
const NAME_SLOTS: usize = 64;

/// The slot of a state name in [`Cx::names`]: names that differ usually differ at the end
/// (`Step 9`, `Step 10`) or in length.
fn name_slot(text: &str) -> usize {
    let bytes = text.as_bytes();
    let last = bytes.last().copied().map_or(0, usize::from);
    let before_last = bytes
        .len()
        .checked_sub(2)
        .and_then(|index| bytes.get(index))
        .copied()
        .map_or(0, usize::from);
    (last ^ (before_last << 3) ^ (bytes.len() << 1)) % NAME_SLOTS
}

impl Cx {
    fn new() -> Self {
        Self {
            issues: Vec::new(),
            names: [const { None }; NAME_SLOTS],
            machine_language: QueryLanguage::JsonPath,
            list_language: QueryLanguage::JsonPath,
            language: QueryLanguage::JsonPath,
        }
    }

    /// The state name `text`, shared with a recent occurrence of the same name.
    fn state_name(&mut self, text: &str) -> StateName {
        let Some(slot) = self.names.get_mut(name_slot(text)) else {
            return StateName::from(text);
        };
        match slot {
            Some(name) if name.as_str() == text => name.clone(),
            _ => {
                let name = StateName::from(text);
                *slot = Some(name.clone());
                name
            }
        }
    }

    /// A marker to ask later whether anything went wrong since.
    fn mark(&self) -> usize {
        self.issues.len()
    }

    fn failed_since(&self, mark: usize) -> bool {
        self.issues.len() > mark
    }

    fn report(&mut self, kind: ParseIssueKind, pointer: &Pointer<'_>, span: Span, message: String) {
        self.issues
            .push(ParseIssue::new(kind, pointer.to_string(), span, message));
    }

    fn report_with_hint(
        &mut self,
        kind: ParseIssueKind,
        pointer: &Pointer<'_>,
        span: Span,
        message: String,
        hint: String,
    ) {
        self.issues
            .push(ParseIssue::new(kind, pointer.to_string(), span, message).with_hint(hint));
    }

    fn wrong_type(&mut self, pointer: &Pointer<'_>, node: Node<'_>, expected: &str) {
        let message = wrong_type_message(pointer, node, expected);
        self.report(ParseIssueKind::WrongType, pointer, node.span(), message);
    }

    /// [`wrong_type`](Self::wrong_type), with a hint saying what to write instead.
    fn wrong_type_with_hint(
        &mut self,
        pointer: &Pointer<'_>,
        node: Node<'_>,
        expected: &str,
        hint: String,
    ) {
        let message = wrong_type_message(pointer, node, expected);
        self.report_with_hint(
            ParseIssueKind::WrongType,
            pointer,
            node.span(),
            message,
            hint,
        );
    }
}

/// "`Field` must be EXPECTED, found WHAT": an array item is named with its index
/// (`ErrorEquals[0]`); the root has no name.
fn wrong_type_message(pointer: &Pointer<'_>, node: Node<'_>, expected: &str) -> String {
    let field = if pointer.is_root() {
        String::new()
    } else {
        format!("`{}` ", quoted(&pointer.field_name()))
    };
    format!("{field}must be {expected}, found {}", node.describe())
}

/// Reads a whole state machine from a parsed document.
pub(crate) fn state_machine(document: &Document) -> Result<StateMachine, ParseError> {
    let mut cx = Cx::new();
    let machine = machine::state_machine(&mut cx, document.root(), &Pointer::root());
    match machine {
        Some(machine) if cx.issues.is_empty() => Ok(machine),
        _ => {
            if cx.issues.is_empty() {
                // Every failure path reports; this keeps the error non-empty regardless.
                cx.report(
                    ParseIssueKind::InvalidValue,
                    &Pointer::root(),
                    document.root().span(),
                    "the definition could not be read".to_owned(),
                );
            }
            Err(ParseError::new(
                cx.issues
                    .into_iter()
                    .map(|issue| document.locate_issue(issue))
                    .collect(),
            ))
        }
    }
}

impl StateMachine {
    /// Parses an ASL definition from JSON text.
    ///
    /// Parsing is structural and lossless: [`to_json`](Self::to_json) of the result gives
    /// back the same JSON value. Placeholders such as `${FunctionArn}` parse; whether paths,
    /// ARNs and expressions are valid is the validator's job.
    ///
    /// # Errors
    ///
    /// Invalid JSON, duplicate keys, unknown or missing fields and values of the wrong type,
    /// all of them at once, each with its JSON pointer, line and column.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::StateMachine;
    ///
    /// let machine = StateMachine::from_json(r#"{
    ///     "StartAt": "Wait",
    ///     "States": { "Wait": { "Type": "Wait", "Seconds": 10, "End": true } }
    /// }"#)?;
    /// assert_eq!(machine.states.len(), 1);
    ///
    /// let error = StateMachine::from_json(r#"{"StartAt": "A", "States": {"A": {"Type": "Wait"}}}"#)
    ///     .unwrap_err();
    /// assert_eq!(error.issues().len(), 2); // no duration, no Next/End
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    pub fn from_json(text: &str) -> Result<Self, ParseError> {
        let document = Document::parse(text)?;
        state_machine(&document)
    }

    /// Reads a YAML definition (SAM's `statemachine/*.asl.yaml`), as the JSON it stands
    /// for (see [`YamlDocument`](crate::source::YamlDocument) for how YAML maps to JSON).
    ///
    /// # Errors
    ///
    /// The YAML problems (syntax, several documents, tags such as `!Ref`, repeated keys),
    /// then those of [`from_json`](Self::from_json), each with its line and column in the
    /// YAML text.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::StateMachine;
    ///
    /// let machine = StateMachine::from_yaml(
    ///     "StartAt: Pause\nStates:\n  Pause: {Type: Wait, Seconds: 5, End: true}\n",
    /// )?;
    /// assert_eq!(
    ///     machine.to_json(),
    ///     r#"{"StartAt":"Pause","States":{"Pause":{"Type":"Wait","Seconds":5,"End":true}}}"#
    /// );
    ///
    /// let error = StateMachine::from_yaml("StartAt: Pause\nStates:\n  Pause: {Type: Wiat}\n")
    ///     .unwrap_err();
    /// assert_eq!((error.issues()[0].line, error.issues()[0].column), (3, 17));
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[cfg(feature = "yaml")]
    pub fn from_yaml(text: &str) -> Result<Self, ParseError> {
        let document = crate::source::YamlDocument::parse(text)?;
        Self::from_json(document.json()).map_err(|error| document.relocate_error(&error))
    }

    /// Reads a definition from a parsed [`Document`], keeping its spans for error
    /// positions.
    ///
    /// # Errors
    ///
    /// As [`from_json`](Self::from_json), minus the JSON syntax errors.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::StateMachine;
    /// use sfn_dsl::source::Document;
    ///
    /// let text = r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Nxt": "Q", "End": true}}}"#;
    /// let document = Document::parse(text)?;
    /// let error = StateMachine::from_document(&document).unwrap_err();
    /// assert_eq!(error.issues()[0].pointer, "/States/P/Nxt");
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    pub fn from_document(document: &Document) -> Result<Self, ParseError> {
        state_machine(document)
    }

    /// Reads a definition from a `serde_json` value (problems have pointers but no
    /// positions; duplicate keys cannot be detected, as the value has none).
    ///
    /// # Errors
    ///
    /// As [`from_json`](Self::from_json), minus the JSON syntax errors.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::StateMachine;
    ///
    /// let machine = StateMachine::from_value(&json!({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}))?;
    /// assert_eq!(machine.start_at, "P");
    /// assert!(StateMachine::from_value(&json!({"StartAt": "P"})).is_err()); // no `States`
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    pub fn from_value(value: &serde_json::Value) -> Result<Self, ParseError> {
        state_machine(&Document::try_from_value(value)?)
    }
}

/// Reads a definition from any serde format, through a `serde_json::Value`: the rules of
/// [`StateMachine::from_value`] apply, so problems have pointers but no line or column,
/// and a key given twice in the input is resolved by the format before the definition is
/// read (`serde_json` keeps the last). Use [`StateMachine::from_json`] on JSON text to
/// have duplicate keys refused and problems placed.
///
/// # Examples
///
/// ```
/// let machine: sfn_dsl::StateMachine = serde_json::from_str(
///     r#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}"#,
/// )?;
/// assert_eq!(machine.start_at, "A");
/// # Ok::<(), serde_json::Error>(())
/// ```
impl<'de> serde::Deserialize<'de> for StateMachine {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        Self::from_value(&value).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::{Cx, NAME_SLOTS, name_slot};
    use crate::StateMachine;
    use crate::model::{ErrorName, State, Transition};

    #[test]
    fn a_name_and_the_fields_naming_it_share_one_allocation() {
        let machine = StateMachine::from_json(
            r#"{"StartAt": "A", "States": {
                "A": {"Type": "Pass", "Next": "B"},
                "B": {"Type": "Pass", "End": true}}}"#,
        )
        .expect("valid");
        let names: Vec<_> = machine.states.names().collect();
        assert_eq!(names.len(), 2);
        assert_eq!(
            machine.start_at.as_str().as_ptr(),
            names[0].as_str().as_ptr()
        );
        let Some((_, State::Pass(first))) = machine.states.iter().next() else {
            unreachable!("a Pass state first")
        };
        let Transition::Next(next) = &first.transition else {
            unreachable!("A continues")
        };
        assert_eq!(next, "B");
        assert_eq!(next.as_str().as_ptr(), names[1].as_str().as_ptr());
    }

    #[test]
    fn a_catch_of_just_states_all_points_at_the_shared_list() {
        let machine = StateMachine::from_json(
            r#"{"StartAt": "A", "States": {
                "A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
                      "Retry": [{"ErrorEquals": ["Transient"]}, {"ErrorEquals": []}],
                      "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "B"},
                                {"ErrorEquals": ["States.Timeout", "States.ALL"], "Next": "B"}]},
                "B": {"Type": "Succeed"}}}"#,
        )
        .expect("valid");
        let Some((_, State::Task(task))) = machine.states.iter().next() else {
            unreachable!("a Task state first")
        };
        let catchers = task.catch.as_deref().expect("catchers");
        assert!(matches!(
            catchers[0].error_equals,
            Cow::Borrowed([ErrorName::All])
        ));
        assert!(matches!(
            &catchers[1].error_equals,
            Cow::Owned(list) if list[..] == [ErrorName::Timeout, ErrorName::All]
        ));
        let retriers = task.retry.as_deref().expect("retriers");
        assert_eq!(&*retriers[0].error_equals, [ErrorName::parse("Transient")]);
        assert!(retriers[1].error_equals.is_empty());
    }

    #[test]
    fn names_that_meet_in_one_slot_stay_distinct() {
        let colliding: Vec<String> = (0..2000)
            .map(|number| format!("Step {number}"))
            .filter(|name| name_slot(name) == name_slot("Step 0"))
            .take(3)
            .collect();
        assert_eq!(colliding.len(), 3);
        let mut cx = Cx::new();
        for _ in 0..2 {
            for name in &colliding {
                assert_eq!(cx.state_name(name).as_str(), name);
            }
        }
        assert_eq!(cx.state_name("").as_str(), "");
        assert!(name_slot("") < NAME_SLOTS && name_slot("x") < NAME_SLOTS);
    }

    #[test]
    fn problems_of_a_value_have_no_made_up_position() {
        let value = serde_json::json!({"StartAt": "A", "States": {"A": {"Type": "Wait", "Seconds": -1, "End": true}}});
        let error = StateMachine::from_value(&value).expect_err("negative seconds");
        let issue = &error.issues()[0];
        assert_eq!(issue.pointer, "/States/A/Seconds");
        assert_eq!((issue.line, issue.column), (0, 0));
        assert!(!error.to_string().contains("line"), "{error}");
    }

    #[test]
    fn a_wrong_type_names_its_field_and_the_item_of_a_list() {
        let messages = |text: &str| -> Vec<(String, String)> {
            StateMachine::from_json(text)
                .err()
                .map(|error| {
                    error
                        .issues()
                        .iter()
                        .map(|issue| (issue.pointer.clone(), issue.message.clone()))
                        .collect()
                })
                .unwrap_or_default()
        };
        assert_eq!(
            messages(
                r#"{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Retry": [{"ErrorEquals": [1]}], "End": true}}}"#
            ),
            [(
                "/States/A/Retry/0/ErrorEquals/0".to_owned(),
                "`ErrorEquals[0]` must be a string, found a number".to_owned()
            )]
        );
        // The document itself has no name to give.
        assert_eq!(
            messages("[1]"),
            [(
                String::new(),
                "must be an object, found an array".to_owned()
            )]
        );
    }

    #[test]
    fn a_problem_of_the_whole_document_says_so_where_its_pointer_would_be() {
        let Err(error) = StateMachine::from_json("[1]") else {
            unreachable!("an array is no machine")
        };
        assert_eq!(
            error.to_string(),
            "invalid state machine definition at the document root (line 1, column 1): must be an object, found an array"
        );
    }

    /// A value or key of any size is quoted in at most [`QUOTED`] characters, so that a
    /// generated definition cannot make a message of megabytes; short ones stay whole.
    ///
    /// [`QUOTED`]: crate::shorten::QUOTED
    #[test]
    fn messages_quote_long_values_and_keys_cut() {
        let long = |c: &str| c.repeat(100_000);
        let cut = |c: &str| format!("{}…", c.repeat(crate::shorten::QUOTED - 1));
        let state = |fields: &str| {
            format!(
                r#"{{"StartAt": "A", "States": {{"A": {{"Type": "Pass", "End": true{fields}}}}}}}"#
            )
        };
        let cases = [
            (
                format!(
                    r#"{{"StartAt": "A", "States": {{"A": {{"Type": "{}", "End": true}}}}}}"#,
                    long("P")
                ),
                format!("unknown state type `{}`; the types are", cut("P")),
            ),
            (
                state(&format!(r#", "{}": 1"#, long("K"))),
                format!("unknown field `{}` in a Pass state `A`", cut("K")),
            ),
            (
                state(&format!(r#", "Result": {}"#, "1".repeat(2_000_001))),
                format!(
                    "number `{}` is beyond the range of a 64-bit float",
                    cut("1")
                ),
            ),
            (
                state(&format!(r#", "Result": 0{}"#, long("1"))),
                format!(
                    "number `0{}` has a leading zero",
                    cut("1").get(1..).unwrap_or_default()
                ),
            ),
            (
                state(&format!(r#", "{k}": 1, "{k}": 2"#, k = long("K"))),
                format!("duplicate key `{}`: JSON parsers", cut("K")),
            ),
            (
                format!(
                    r#"{{"QueryLanguage": "{}", "StartAt": "A", "States": {{}}}}"#,
                    long("Q")
                ),
                format!(
                    "`QueryLanguage` must be `JSONPath` or `JSONata`, found `{}`",
                    cut("Q")
                ),
            ),
            (
                format!(
                    r#"{{"StartAt": "A", "States": {{"{}": {{"Type": "Pass"}}}}}}"#,
                    long("N")
                ),
                format!("Pass state `{}` has neither `Next` nor `End`", cut("N")),
            ),
            (
                format!(
                    r#"{{"StartAt": "A", "States": {{"A": {{"Type": "Wait", "Seconds": {}, "End": true}}}}}}"#,
                    "9".repeat(100)
                ),
                format!(
                    "`Seconds` is too large: at most {} is read, found {}",
                    u64::MAX,
                    cut("9")
                ),
            ),
        ];
        for (text, start) in cases {
            let error = StateMachine::from_json(&text).expect_err("refused");
            let messages: Vec<&str> = error
                .issues()
                .iter()
                .map(|issue| issue.message.as_str())
                .collect();
            assert!(
                messages.iter().any(|message| message.starts_with(&start)),
                "{start}: {:?}",
                messages
                    .iter()
                    .map(|message| crate::shorten::shorten(message, 300))
                    .collect::<Vec<_>>()
            );
            assert!(
                messages.iter().all(|message| message.len() < 1_000),
                "{start}"
            );
        }
        // Values of normal size are quoted whole.
        let error = StateMachine::from_json(&state(r#", "Nxt": "B""#)).expect_err("refused");
        assert_eq!(
            error.issues()[0].message,
            "unknown field `Nxt` in a Pass state `A`"
        );
    }
}
