//! JSONata rules beyond syntax (ASL reference §7 and §8), checked on the parsed expression:
//! `$states.result` only in the `Output` and `Assign` of a Task, Map or Parallel state,
//! `$states.errorOutput` only in a catcher's, no other `$states` field than those and
//! `input` and `context`, no input document (a top-level `$`, `$.x` or field name, or `$$`
//! anywhere), no binding of `$states`, no call of a function Step Functions does not
//! provide (`$eval`, or a misspelt built-in), and no value of a kind that fails whatever
//! the input (a string `Seconds`, `'a' + 1`).

use sfn_jsonata::{Expression, Focus, Kinds, Target, TypeMismatch};

use super::code::Code;
use super::cx::{At, Cx};
use crate::model::State;
use crate::source::Pointer;

/// What the rules need to know about one expression text, computed once per distinct text.
#[derive(Debug)]
pub(super) struct Facts {
    /// `$states.result` and `$states.errorOutput`, with their byte offsets.
    states: Vec<(StatesField, usize)>,
    /// Fields of `$states` it does not have (`$states.inputs`), with the offsets of the
    /// `$states` reading them.
    unknown_states_fields: Vec<(String, usize)>,
    /// Reads of the (absent) input document.
    input: Vec<(InputRead, usize)>,
    /// Workflow variables read (`$name` not bound inside the expression, nor `$states`).
    pub(super) variables: Vec<(String, usize)>,
    /// Offsets of `$states := …`.
    binds_states: Vec<usize>,
    /// Calls of functions that neither JSONata 2.0 nor Step Functions provides.
    unknown_functions: Vec<(String, usize)>,
    /// Calls of the functions Step Functions' JSONata provides (`$count(…)`), which a
    /// workflow variable of the same name would hide.
    pub(super) calls: Vec<(String, usize)>,
    /// What the expression can yield, as far as its text shows.
    result: Kinds,
    /// Operators that fail whenever they are evaluated.
    type_mismatches: Vec<TypeMismatch>,
    /// The value of an expression that reads nothing (`-5`, `60 * 60`), computed once.
    constant: Option<serde_json::Value>,
    /// Whether it may read the task token (`$states.context.Task.Token`), for callback
    /// tasks.
    pub(super) may_read_task_token: bool,
}

/// Functions Step Functions adds to JSONata (ASL reference §7.1); the JSONata 2.0
/// built-ins are asked of `sfn-jsonata`.
const STEP_FUNCTIONS_FUNCTIONS: [&str; 6] =
    ["partition", "range", "hash", "random", "uuid", "parse"];

/// Whether `$name` names a function Step Functions' JSONata provides (every JSONata 2.0
/// built-in but `$eval`, and the Step Functions additions).
pub(super) fn is_function(name: &str) -> bool {
    STEP_FUNCTIONS_FUNCTIONS.contains(&name) || sfn_jsonata::builtin_functions().contains(&name)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum StatesField {
    Result,
    ErrorOutput,
}

impl StatesField {
    fn as_str(self) -> &'static str {
        match self {
            Self::Result => "$states.result",
            Self::ErrorOutput => "$states.errorOutput",
        }
    }
}

#[derive(Debug)]
enum InputRead {
    /// `$` or `$.field…`.
    Context(Option<String>),
    /// `$$`.
    Root,
    /// A bare field name, `*` or `**`.
    Field(String),
}

impl Facts {
    pub(super) fn of(expression: &Expression) -> Self {
        let mut facts = Facts {
            states: Vec::new(),
            unknown_states_fields: Vec::new(),
            input: Vec::new(),
            variables: Vec::new(),
            binds_states: Vec::new(),
            unknown_functions: Vec::new(),
            calls: Vec::new(),
            result: expression.result_kinds(),
            type_mismatches: expression.type_mismatches(),
            constant: None,
            may_read_task_token: false,
        };
        let references = expression.references();
        facts.may_read_task_token = super::callback::reads_task_token(&references);
        if references.is_empty() {
            facts.constant = constant_value(expression);
        }
        for reference in references {
            let offset = reference.offset;
            match reference.target {
                Target::Variable("states") => {
                    // Only a plain name counts: `$states[…]` and `$states.($name)` read no
                    // field the text names.
                    let field = match reference.path.first() {
                        Some(&"result") => StatesField::Result,
                        Some(&"errorOutput") => StatesField::ErrorOutput,
                        Some(&("input" | "context")) | None => continue,
                        Some(&other) => {
                            facts.unknown_states_fields.push((other.to_owned(), offset));
                            continue;
                        }
                    };
                    facts.states.push((field, offset));
                }
                Target::Variable(name) => facts.variables.push((name.to_owned(), offset)),
                Target::Function(name) if !is_function(name) => {
                    facts.unknown_functions.push((name.to_owned(), offset));
                }
                Target::Function(name) => facts.calls.push((name.to_owned(), offset)),
                Target::Root => facts.input.push((InputRead::Root, offset)),
                Target::Context if reference.focus == Focus::Input => facts.input.push((
                    InputRead::Context(reference.path.first().map(|&field| field.to_owned())),
                    offset,
                )),
                Target::Field(name) if reference.focus == Focus::Input => {
                    facts
                        .input
                        .push((InputRead::Field(name.to_owned()), offset));
                }
                _ => {}
            }
        }
        facts.binds_states = expression
            .bindings()
            .iter()
            .filter(|binding| binding.name == "states")
            .map(|binding| binding.offset)
            .collect();
        facts
    }

    /// Whether no rule can fire, wherever the expression is.
    fn is_plain(&self) -> bool {
        self.states.is_empty()
            && self.unknown_states_fields.is_empty()
            && self.input.is_empty()
            && self.binds_states.is_empty()
            && self.unknown_functions.is_empty()
            && self.type_mismatches.is_empty()
    }
}

/// Where in its state an expression is, for the `$states` rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    /// The state's own `Output` or `Assign` (at any depth inside them).
    StateOutput,
    /// The `Output` or `Assign` of one of the state's catchers.
    CatcherOutput,
    /// The state's `Arguments`.
    Arguments,
    /// Any other field.
    Other,
}

fn place(at: &At<'_>, pointer: &Pointer<'_>) -> Option<Place> {
    let keys = pointer.keys_below(at.pointer)?;
    Some(match keys.as_slice() {
        [Some("Output" | "Assign"), ..] => Place::StateOutput,
        [Some("Catch"), None, Some("Output" | "Assign"), ..] => Place::CatcherOutput,
        [Some("Arguments"), ..] => Place::Arguments,
        _ => Place::Other,
    })
}

/// The code, message and hint for a read of the input document in a JSONata expression;
/// `rest` is the expression from the read on.
fn input_read_problem(
    read: &InputRead,
    subject: &str,
    rest: Option<&str>,
) -> (Code, String, String) {
    match read {
            InputRead::Root => (
            Code::JsonataRootReference,
            format!("{subject} uses `$$`, which Step Functions does not allow in JSONata"),
            "read the state's input with `$states.input` and the context with `$states.context`"
                .to_owned(),
        ),
        InputRead::Context(None) => (
            Code::JsonataInputReference,
            format!("{subject} reads `$` at the top level of the expression, where there is no input document"),
            "use `$states.input`".to_owned(),
        ),
        InputRead::Context(Some(name)) => (
            Code::JsonataInputReference,
            format!("{subject} reads `$.{name}` at the top level of the expression, where there is no input document"),
            format!("did you mean `$states.input.{name}`?"),
        ),
        // `States.Format(…)` parses as the field `States` followed by a path.
        InputRead::Field(name)
            if name == "States"
                && rest
                    .and_then(|rest| rest.strip_prefix("States."))
                    .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase())) =>
        {
            (
                Code::JsonataInputReference,
                format!("{subject} calls an intrinsic function (`States.…`), which only JSONPath states have"),
                "use JSONata's own functions: `$string`, `&` or `$join` for `States.Format`, `$uuid()`, `$hash(…)`, `$partition(…)`, `$range(…)`, `$parse(…)`, `$random()`".to_owned(),
            )
        }
        InputRead::Field(name) => (
            Code::JsonataInputReference,
            format!("{subject} reads the field `{name}` of the input document, which JSONata expressions in Step Functions do not have"),
            if name.starts_with('*') {
                "use `$states.input`".to_owned()
            } else {
                format!("did you mean `$states.input.{name}` or the variable `${name}`?")
            },
        ),
    }
}

/// Checks the rules for the expression at `pointer`; `start` is the offset of the
/// expression text inside the JSON string (after `{%`).
pub(super) fn check(
    cx: &mut Cx<'_>,
    at: &At<'_>,
    pointer: &Pointer<'_>,
    (facts, expression): (&Facts, &str),
    start: usize,
) {
    if facts.result != Kinds::ANY {
        check_result(cx, at, pointer, facts.result, start);
    }
    if let Some(value) = &facts.constant {
        check_constant(cx, at, pointer, value, start);
    }
    if facts.is_plain() {
        return;
    }
    let field = at.field_path(pointer);
    let subject = format!("`{field}` of state `{}`", at.name);
    for (name, offset) in &facts.unknown_states_fields {
        cx.push(
            at.diagnostic(
                Code::UnknownStatesField,
                pointer,
                format!(
                    "{subject} reads `$states.{name}`, which is undefined: `$states` has only `input`, `context`, `result` and `errorOutput`"
                ),
            )
            .with_hint(unknown_states_field_hint(at.state, place(at, pointer), name))
            .inside_value(start + offset),
        );
    }
    if let Some(place) = place(at, pointer) {
        for &(states_field, offset) in &facts.states {
            if let Some((message, hint)) = misplaced(at.state, place, states_field) {
                let code = match states_field {
                    StatesField::Result => Code::MisplacedStatesResult,
                    StatesField::ErrorOutput => Code::MisplacedStatesErrorOutput,
                };
                cx.push(
                    at.diagnostic(
                        code,
                        pointer,
                        format!("{subject} reads `{}`, {message}", states_field.as_str()),
                    )
                    .with_hint(hint)
                    .inside_value(start + offset),
                );
            }
        }
    }
    for (read, offset) in &facts.input {
        let (code, message, hint) = input_read_problem(read, &subject, expression.get(*offset..));
        cx.push(
            at.diagnostic(code, pointer, message)
                .with_hint(hint)
                .inside_value(start + offset),
        );
    }
    for offset in &facts.binds_states {
        cx.push(
            at.diagnostic(
                Code::JsonataBindsStates,
                pointer,
                format!("{subject} binds `$states` with `:=`, hiding the reserved variable"),
            )
            .with_hint("choose another name")
            .inside_value(start + offset),
        );
    }
    for (name, offset) in &facts.unknown_functions {
        cx.push(
            at.diagnostic(
                Code::UnknownJsonataFunction,
                pointer,
                format!(
                    "{subject} calls `${name}`, a function Step Functions' JSONata does not provide"
                ),
            )
            .with_hint(unknown_function_hint(name))
            .inside_value(start + offset),
        );
    }
    report_type_mismatches(cx, at, pointer, &facts.type_mismatches, &subject, start);
}

/// Reports the operators and calls that fail whenever they are evaluated.
fn report_type_mismatches(
    cx: &mut Cx<'_>,
    at: &At<'_>,
    pointer: &Pointer<'_>,
    mismatches: &[TypeMismatch],
    subject: &str,
    start: usize,
) {
    for mismatch in mismatches {
        let place = match mismatch.function {
            Some(function) => format!("`${function}` is called"),
            None => "this operator is evaluated".to_owned(),
        };
        cx.push(
            at.diagnostic(
                Code::JsonataTypeError,
                pointer,
                format!(
                    "{subject} always fails where {place}: {} (JSONata {})",
                    mismatch.message, mismatch.code
                ),
            )
            .inside_value(start + mismatch.offset),
        );
    }
}

/// Reports an expression that can never yield what its field needs.
fn check_result(cx: &mut Cx<'_>, at: &At<'_>, pointer: &Pointer<'_>, result: Kinds, start: usize) {
    let Some(keys) = pointer.keys_below(at.pointer) else {
        return;
    };
    let Some((needed, what)) = needed_kinds(at.state, &keys) else {
        return;
    };
    if result.intersects(needed) {
        return;
    }
    let field = at.field_path(pointer);
    cx.push(
        at.diagnostic(
            Code::JsonataResultType,
            pointer,
            format!(
                "`{field}` of state `{}` can only yield {result}, but the field needs {what}: the state fails with `States.QueryEvaluationError` whenever it runs",
                at.name
            ),
        )
        .inside_value(start),
    );
}

/// The value of an expression that reads nothing from outside (no input, variable, field or
/// function): evaluated once, within small limits, as it would be at run time. `None` when
/// it yields nothing or fails (other rules report that).
fn constant_value(expression: &Expression) -> Option<serde_json::Value> {
    let env = sfn_jsonata::Environment::new().limits(
        sfn_jsonata::Limits::default()
            .max_steps(10_000)
            .max_items(10_000)
            .max_depth(64),
    );
    expression.evaluate(None, &env).ok().flatten()
}

/// Reports a constant value its field refuses: a number out of the field's range (or not
/// whole where it must be), a `Timestamp` that is not RFC 3339.
fn check_constant(
    cx: &mut Cx<'_>,
    at: &At<'_>,
    pointer: &Pointer<'_>,
    value: &serde_json::Value,
    start: usize,
) {
    let Some(keys) = pointer.keys_below(at.pointer) else {
        return;
    };
    let field = at.field_path(pointer);
    let refused = match (value, accepted_numbers(at.state, &keys)) {
        (serde_json::Value::Number(number), Some(accepted)) => {
            let Some(float) = number.as_f64() else {
                return;
            };
            if accepted.whole && float.fract() != 0.0 {
                format!("{number}, which is not a whole number")
            } else if float < accepted.min && accepted.min == 0.0 {
                format!("{number}, which is negative")
            } else if float < accepted.min {
                format!("{number}, less than {}", accepted.min)
            } else if let Some(max) = accepted.max.filter(|max| float > *max) {
                format!("{number}, more than {max}")
            } else {
                return;
            }
        }
        (serde_json::Value::String(text), _)
            if matches!(
                (at.state, keys.as_slice()),
                (State::Wait(_), [Some("Timestamp")])
            ) && !super::timestamp::is_rfc3339(text) =>
        {
            format!("`{text}`, which is not an RFC 3339 timestamp")
        }
        _ => return,
    };
    cx.push(
        at.diagnostic(
            Code::JsonataInvalidValue,
            pointer,
            format!(
                "`{field}` of state `{}` is always {refused}: the state fails with `States.QueryEvaluationError` whenever it runs",
                at.name
            ),
        )
        .inside_value(start),
    );
}

/// The numbers a numeric field accepts from an expression.
#[derive(Clone, Copy)]
struct Accepted {
    min: f64,
    max: Option<f64>,
    whole: bool,
}

/// The numbers a numeric field accepts from an expression at run time (ASL reference §7: a
/// value out of range fails with `States.QueryEvaluationError`). Only the bounds the
/// executor enforces the same way are used: the largest `Seconds` fails with
/// `States.Runtime` instead, and the upper bounds of the literal forms are not recorded
/// for expressions.
fn accepted_numbers(state: &State, keys: &[Option<&str>]) -> Option<Accepted> {
    let whole = |min| Accepted {
        min,
        max: None,
        whole: true,
    };
    Some(match (state, keys) {
        (State::Task(_), [Some("TimeoutSeconds" | "HeartbeatSeconds")]) => whole(1.0),
        (State::Wait(_), [Some("Seconds")])
        | (
            State::Map(_),
            [Some("MaxConcurrency" | "ToleratedFailureCount")]
            | [
                Some("ItemBatcher"),
                Some("MaxItemsPerBatch" | "MaxInputBytesPerBatch"),
            ],
        ) => whole(0.0),
        (State::Map(_), [Some("ItemReader"), Some("ReaderConfig"), Some("MaxItems")]) => {
            whole(f64::MIN)
        }
        (State::Map(_), [Some("ToleratedFailurePercentage")]) => Accepted {
            min: 0.0,
            max: Some(100.0),
            whole: false,
        },
        _ => return None,
    })
}

/// What a field holding a whole JSONata expression needs it to yield, for the fields of one
/// kind (ASL reference §7: a result of the wrong type fails with
/// `States.QueryEvaluationError`), with the words for it.
fn needed_kinds(state: &State, keys: &[Option<&str>]) -> Option<(Kinds, &'static str)> {
    const NUMBER: (Kinds, &str) = (Kinds::NUMBER, "a number");
    Some(match (state, keys) {
        (State::Choice(_), [Some("Choices"), None, Some("Condition")]) => {
            (Kinds::BOOLEAN, "a boolean")
        }
        (State::Wait(_), [Some("Seconds")])
        | (State::Task(_), [Some("TimeoutSeconds" | "HeartbeatSeconds")])
        | (
            State::Map(_),
            [Some("MaxConcurrency" | "ToleratedFailurePercentage" | "ToleratedFailureCount")]
            | [Some("ItemReader"), Some("ReaderConfig"), Some("MaxItems")]
            | [
                Some("ItemBatcher"),
                Some("MaxItemsPerBatch" | "MaxInputBytesPerBatch"),
            ],
        ) => NUMBER,
        (State::Wait(_), [Some("Timestamp")]) => (Kinds::STRING, "a timestamp string"),
        (State::Fail(_), [Some("Error" | "Cause")]) => (Kinds::STRING, "a string"),
        (State::Map(_), [Some("Items")]) => (Kinds::ARRAY | Kinds::OBJECT, "an array"),
        _ => return None,
    })
}

/// The hint for a call of an unknown function: `$parse` for `$eval`, else a close name.
fn unknown_function_hint(name: &str) -> String {
    if name == "eval" {
        return "Step Functions leaves out `$eval`; use `$parse` to read JSON text".to_owned();
    }
    let builtins = sfn_jsonata::builtin_functions();
    let candidates = STEP_FUNCTIONS_FUNCTIONS.iter().chain(&builtins).copied();
    match crate::suggest::closest(name, candidates) {
        Some(close) => format!("did you mean `${close}`?"),
        None => "JSONata 2.0.6 built-ins and `$partition`, `$range`, `$hash`, `$random`, `$uuid` and `$parse` are available".to_owned(),
    }
}

/// The hint for `$states.<name>`, a field `$states` does not have: the closest of the
/// fields it has at `place`, or those fields.
fn unknown_states_field_hint(state: &State, place: Option<Place>, name: &str) -> String {
    let mut fields = vec!["input", "context"];
    match place {
        Some(Place::StateOutput) if has_result(state) => fields.push("result"),
        Some(Place::CatcherOutput) => fields.push("errorOutput"),
        _ => {}
    }
    match crate::suggest::closest(name, fields.iter().copied()) {
        Some(close) => format!("did you mean `$states.{close}`?"),
        None => format!(
            "here `$states` has {}",
            fields
                .iter()
                .map(|field| format!("`{field}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Whether the state has a result (`$states.result`) after it runs.
fn has_result(state: &State) -> bool {
    matches!(state, State::Task(_) | State::Map(_) | State::Parallel(_))
}

/// Why `$states.result` or `$states.errorOutput` cannot be read here, if it cannot.
fn misplaced(state: &State, place: Place, field: StatesField) -> Option<(String, &'static str)> {
    match (field, place) {
        (StatesField::Result, Place::StateOutput) if has_result(state) => None,
        (StatesField::ErrorOutput, Place::CatcherOutput) => None,
        (_, Place::Arguments) => Some((
            "but `Arguments` is evaluated before the state has a result or an error".to_owned(),
            "read the state's input with `$states.input`",
        )),
        (StatesField::Result, Place::StateOutput) => Some((
            format!(
                "but a {} state has no result; only Task, Map and Parallel states do",
                state.type_name()
            ),
            "use `$states.input`",
        )),
        (StatesField::Result, Place::CatcherOutput) => Some((
            "but a catcher runs when the state failed, without a result".to_owned(),
            "use `$states.errorOutput`",
        )),
        (StatesField::Result, Place::Other) => Some((
            "which exists only in the `Output` and `Assign` of a Task, Map or Parallel state"
                .to_owned(),
            "move the expression to `Output` or `Assign`",
        )),
        (StatesField::ErrorOutput, _) => Some((
            "which exists only in the `Output` and `Assign` of a catcher".to_owned(),
            "move the expression to a catcher's `Output` or `Assign`",
        )),
    }
}
