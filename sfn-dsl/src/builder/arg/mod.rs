//! Values of task requests and variables that are written differently in JSONPath and
//! JSONata states: [`Arg`] and the ordered field list [`Request`].

pub(crate) mod field_path;
pub(crate) mod malformed;
mod numeric;
mod request;

use crate::model::{
    DYNAMIC_KEY_SUFFIX, DynamicValue, IntrinsicCall, JsonPath, Jsonata, Key, Payload, PayloadField,
    PayloadObject, QueryLanguage,
};

pub use numeric::Numeric;
pub(crate) use request::Entry;
pub use request::Request;

/// The value of one field of a task request (`Parameters` or `Arguments`), of an `Assign`
/// variable, or of an item reader or result writer request.
///
/// Some forms mean the same in both query languages and are written in the right one when
/// the machine is built ([`Arg::input`], [`Arg::input_field`], [`Arg::var`],
/// [`Arg::context`], [`Arg::task_token`], [`Arg::result`], [`Arg::error_output`],
/// literals); the others belong to one language and using them in a state of the other is
/// a build error.
///
/// **What a field can read.** A request and the `Assign` of a Choice or Wait state read
/// the state's input. The `Assign` of a Task, Map or Parallel state also reads the state's
/// result ([`Arg::result_field`]), and a catcher's `Assign` the error output
/// ([`Arg::error_output_field`]); in JSONPath `$` *is* that result or error output there,
/// so the state's input cannot be read at all, and [`Arg::input_field`] in such an
/// `Assign` of a JSONPath state is a build error rather than a silent read of the wrong
/// data (JSONata reads it as `$states.input`). A JSONPath Pass state with `Result` or
/// `Parameters` is the same: `$` in its `Assign` is that result.
///
/// Field paths are dotted names, each optionally followed by array indices (`order.id`,
/// `items[0].sku`, `[0]` for an item of an array input); a name that is not a plain
/// identifier is quoted as each language needs (`$['unit price']`,
/// ``$states.input.`order-id` ``), and a leading `$.` (or `$$.` for
/// [`Arg::context`], `$` for [`Arg::var`]) is dropped. A path the two languages would read
/// differently (an empty segment, `[*]`, a negative index, other brackets) is a build
/// error: use [`Arg::path`] or [`Arg::jsonata`] for those.
///
/// | `Arg` | in a JSONPath state | in a JSONata state |
/// |---|---|---|
/// | `Arg::value(json!(5))` | `"Key": 5` | `"Key": 5` |
/// | `Arg::input()` | `"Key.$": "$"` | `"Key": "{% $states.input %}"` |
/// | `Arg::input_field("order.id")` | `"Key.$": "$.order.id"` | `"Key": "{% $states.input.order.id %}"` |
/// | `Arg::var("total")` | `"Key.$": "$total"` | `"Key": "{% $total %}"` |
/// | `Arg::context("Execution.Id")` | `"Key.$": "$$.Execution.Id"` | `"Key": "{% $states.context.Execution.Id %}"` |
/// | `Arg::result_field("total")` | `"Key.$": "$.total"` | `"Key": "{% $states.result.total %}"` |
/// | `Arg::error_output_field("Cause")` | `"Key.$": "$.Cause"` | `"Key": "{% $states.errorOutput.Cause %}"` |
/// | `Arg::path("$.a[0]")` | `"Key.$": "$.a[0]"` | build error |
/// | `Arg::intrinsic("States.UUID()")` | `"Key.$": "States.UUID()"` | build error |
/// | `Arg::jsonata("$sum($states.input.x)")` | build error | `"Key": "{% $sum($states.input.x) %}"` |
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::prelude::*;
///
/// let machine = StateMachine::builder()
///     .start(
///         PassState::builder("Remember")
///             .assign("orderId", Arg::input_field("order.id"))
///             .assign("attempts", 0),
///     )
///     .build()?;
/// assert_eq!(
///     machine.to_value()["States"]["Remember"]["Assign"],
///     json!({"orderId.$": "$.order.id", "attempts": 0})
/// );
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    /// A value written as is (a payload template in JSONPath, JSON with `{% %}` strings in
    /// JSONata).
    Value(Payload),
    /// The state's whole input.
    Input,
    /// A field of the input, as a dotted path such as `order.id`.
    InputField(String),
    /// A workflow variable, by name (without `$`).
    Var(String),
    /// A field of the context object, as a dotted path such as `Execution.Id`.
    Context(String),
    /// The state's result, or a field of it as a dotted path (`None` for the whole
    /// result); only the `Assign` of a Task, Map or Parallel state (or of a JSONPath Pass
    /// state with `Result` or `Parameters`) can read it.
    Result(Option<String>),
    /// A catcher's error output (`Error` and `Cause`), or a field of it; only a catcher's
    /// `Assign` can read it.
    ErrorOutput(Option<String>),
    /// A JSONPath path (JSONPath states only).
    Path(JsonPath),
    /// An intrinsic function call (JSONPath states only).
    Intrinsic(IntrinsicCall),
    /// A JSONata expression (JSONata states only).
    Jsonata(Jsonata),
    /// An object whose fields are written per query language.
    Object(Request),
    /// An array whose items are written per query language. In JSONPath states, items can
    /// only be literals and objects, since a payload template evaluates object fields only.
    Array(Vec<Arg>),
    /// A float JSON cannot hold (NaN or an infinity), as `Arg::from(f64)` keeps it so that
    /// `build()` reports it with the field it is in; a finite float is an [`Arg::Value`].
    NonFinite(f64),
}

/// Why an [`Arg`] cannot be written in a state. One byte: writing every request returns
/// it in a `Result` (the float itself is found again by [`Arg::non_finite`] for messages).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unwritable {
    /// The value belongs to this query language, not the state's.
    Needs(QueryLanguage),
    /// The value is a float JSON cannot hold.
    NonFinite,
}

impl Arg {
    /// A value written as is.
    #[must_use]
    pub fn value(value: impl Into<Payload>) -> Self {
        Self::Value(value.into())
    }

    /// The state's whole input.
    #[must_use]
    pub fn input() -> Self {
        Self::Input
    }

    /// A field of the input, as a dotted path such as `order.id` or `items[0].sku` (a
    /// leading `$.` is dropped; `[0]` or `$[0]` is an item of an array input). The path
    /// means the same in both languages: an empty segment (`a..b`), a wildcard (`[*]`), a
    /// negative index or other brackets are a build error, with a hint to use
    /// [`Arg::path`] or [`Arg::jsonata`]. A name other than letters, digits, `_` and `-`
    /// is quoted as each language reads it back whole: `$['unit price']` or `$["it's"]` in
    /// JSONPath (quoted text is taken as written, so a `\` stays part of the name),
    /// `` `unit price` `` in JSONata, where `true`, `null`, `and` and the like are quoted
    /// too and a name holding a `` ` `` is read with `$lookup`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let show = |language| -> Result<serde_json::Value, sfn_dsl::Error> {
    ///     let machine = StateMachine::builder()
    ///         .query_language(language)
    ///         .start(TaskState::call("Ship", sqs::SendMessage::new("${Queue}", Arg::input_field("order-id"))))
    ///         .build()?;
    ///     Ok(machine.to_value()["States"]["Ship"].clone())
    /// };
    /// assert_eq!(show(QueryLanguage::JsonPath)?["Parameters"]["MessageBody.$"], "$.order-id");
    /// assert_eq!(
    ///     show(QueryLanguage::Jsonata)?["Arguments"]["MessageBody"],
    ///     "{% $states.input.`order-id` %}"
    /// );
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    #[must_use]
    pub fn input_field(path: impl Into<String>) -> Self {
        let path = path.into();
        if path == "$" {
            return Self::Input;
        }
        Self::InputField(relative(path))
    }

    /// A workflow variable set by `Assign`, by name (a leading `$` is dropped), or a field
    /// of it (`config.region`). A name `Assign` could not set, such as an empty one (in
    /// JSONPath `$` alone is the whole input), is a build error.
    #[must_use]
    pub fn var(name: impl Into<String>) -> Self {
        let name = name.into();
        match name.strip_prefix('$') {
            Some(rest) => Self::Var(rest.to_owned()),
            None => Self::Var(name),
        }
    }

    /// A field of the context object, as a dotted path such as `Execution.Id` or
    /// `Map.Item.Value` (a leading `$$.` is dropped).
    #[must_use]
    pub fn context(path: impl Into<String>) -> Self {
        let path = path.into();
        match path.strip_prefix("$$.") {
            Some(rest) => Self::Context(rest.to_owned()),
            None => Self::Context(path),
        }
    }

    /// The state's whole result, for the `Assign` of a Task, Map or Parallel state:
    /// `$` in JSONPath, `$states.result` in JSONata.
    #[must_use]
    pub fn result() -> Self {
        Self::Result(None)
    }

    /// A field of the state's result, for the `Assign` of a Task, Map or Parallel state:
    /// `$.path` in JSONPath, `$states.result.path` in JSONata.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let charge = TaskState::lambda_invoke("Charge", "charge")
    ///     .assign("receipt", Arg::result_field("Payload.receipt"))
    ///     .assign("orderId", Arg::input_field("orderId"));
    /// let jsonata = StateMachine::builder()
    ///     .query_language(QueryLanguage::Jsonata)
    ///     .start(charge.clone())
    ///     .build()?;
    /// assert_eq!(
    ///     jsonata.to_value()["States"]["Charge"]["Assign"],
    ///     json!({"receipt": "{% $states.result.Payload.receipt %}", "orderId": "{% $states.input.orderId %}"})
    /// );
    /// // In JSONPath `$` is the result in a Task's `Assign`: its input cannot be read there.
    /// let error = StateMachine::builder().start(charge).build().unwrap_err();
    /// assert!(error.to_string().contains("`orderId` of state `Charge` reads the state's input"));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    #[must_use]
    pub fn result_field(path: impl Into<String>) -> Self {
        Self::Result(Some(relative(path.into())))
    }

    /// A catcher's whole error output (`{"Error": …, "Cause": …}`), for the catcher's
    /// `Assign`: `$` in JSONPath, `$states.errorOutput` in JSONata.
    #[must_use]
    pub fn error_output() -> Self {
        Self::ErrorOutput(None)
    }

    /// A field of a catcher's error output, such as `Cause`, for the catcher's `Assign`.
    #[must_use]
    pub fn error_output_field(path: impl Into<String>) -> Self {
        Self::ErrorOutput(Some(relative(path.into())))
    }

    /// The task token of a `.waitForTaskToken` task: `$$.Task.Token` or
    /// `$states.context.Task.Token`. Only callback, `.sync` and activity tasks have one:
    /// reading it in another task is a build error.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let ask = || sqs::SendMessage::new("${Queue}", Arg::object(Request::new().field("token", Arg::task_token())));
    /// let machine = StateMachine::builder()
    ///     .start(TaskState::call("Ask", ask().wait_for_task_token()))
    ///     .build()?;
    /// assert_eq!(machine.to_value()["States"]["Ask"]["Parameters"]["MessageBody"]["token.$"], "$$.Task.Token");
    ///
    /// // Without `.wait_for_task_token()` the task has no token to read.
    /// let error = StateMachine::builder().start(TaskState::call("Ask", ask())).build().unwrap_err();
    /// assert_eq!(error.issues()[0].kind, BuildIssueKind::UnreadableValue);
    /// assert!(error.issues()[0].hint.as_deref().unwrap_or_default().contains(".wait_for_task_token()"));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    #[must_use]
    pub fn task_token() -> Self {
        Self::Context("Task.Token".to_owned())
    }

    /// A JSONPath path such as `$.items[0]` (JSONPath states only).
    #[must_use]
    pub fn path(path: impl Into<JsonPath>) -> Self {
        Self::Path(path.into())
    }

    /// An intrinsic function call such as `States.Format('order {}', $.id)` (JSONPath states
    /// only).
    #[must_use]
    pub fn intrinsic(call: impl Into<IntrinsicCall>) -> Self {
        Self::Intrinsic(call.into())
    }

    /// A JSONata expression, written without the `{% %}` markers (JSONata states only).
    #[must_use]
    pub fn jsonata(expression: impl AsRef<str>) -> Self {
        Self::Jsonata(jsonata(expression.as_ref()))
    }

    /// An object whose fields are written per query language.
    #[must_use]
    pub fn object(fields: Request) -> Self {
        Self::Object(fields)
    }

    /// An array whose items are written per query language.
    #[must_use]
    pub fn array(items: impl IntoIterator<Item = impl Into<Arg>>) -> Self {
        Self::Array(items.into_iter().map(Into::into).collect())
    }

    /// Writes the field `key` into `object` as `language` spells it, or says why it cannot.
    pub(crate) fn write(
        self,
        key: Key,
        language: QueryLanguage,
        object: &mut PayloadObject,
    ) -> Result<(), Unwritable> {
        let (key, field) = self.into_entry(key, language)?;
        object.insert_key(key, field);
        Ok(())
    }

    /// The field `key` as `language` spells it (`key.$` for dynamic JSONPath values), or why
    /// it cannot be written.
    pub(crate) fn into_entry(
        self,
        key: Key,
        language: QueryLanguage,
    ) -> Result<(Key, PayloadField), Unwritable> {
        let dynamic =
            |key: Key, value: DynamicValue| (dynamic_key(key), PayloadField::Dynamic(value));
        let path = |prefix: &str, rest: &str| {
            DynamicValue::Path(JsonPath::new(field_path::json_path(prefix, rest)))
        };
        let expression = |prefix: &str, rest: &str| {
            PayloadField::Value(Payload::Jsonata(Jsonata::new(field_path::jsonata(
                prefix, rest,
            ))))
        };
        let whole = |key: Key, root: &'static str| {
            (
                key,
                PayloadField::Value(Payload::Jsonata(Jsonata::new(format!(" {root} ")))),
            )
        };
        let entry = match (self, language) {
            (Self::Value(value), _) => (key, PayloadField::Value(value)),
            (Self::Object(fields), _) => (
                key,
                PayloadField::Value(Payload::Object(fields.write(language)?)),
            ),
            (Self::Array(items), _) => {
                let items = items
                    .into_iter()
                    .map(|item| item.into_item(language))
                    .collect::<Result<Vec<_>, _>>()?;
                (key, PayloadField::Value(Payload::Array(items)))
            }
            (
                Self::Input | Self::Result(None) | Self::ErrorOutput(None),
                QueryLanguage::JsonPath,
            ) => dynamic(key, DynamicValue::Path(JsonPath::from_static("$"))),
            (Self::Input, QueryLanguage::Jsonata) => (
                key,
                PayloadField::Value(Payload::Jsonata(Jsonata::from_static(" $states.input "))),
            ),
            (
                Self::InputField(field)
                | Self::Result(Some(field))
                | Self::ErrorOutput(Some(field)),
                QueryLanguage::JsonPath,
            ) => dynamic(key, path("$", &field)),
            (Self::InputField(field), QueryLanguage::Jsonata) => {
                (key, expression("$states.input.", &field))
            }
            (Self::Var(var), QueryLanguage::JsonPath) => match var_parts(&var) {
                (_, "") => (
                    dynamic_key(key),
                    PayloadField::Dynamic(DynamicValue::Path(JsonPath::new(concat("$", &var)))),
                ),
                // The fields below the variable, quoted as those of the input are.
                (name, fields) => dynamic(key, path(&concat("$", name), fields)),
            },
            (Self::Var(var), QueryLanguage::Jsonata) => match var_parts(&var) {
                (_, "") => (
                    key,
                    PayloadField::Value(Payload::Jsonata(Jsonata::new(format!(" ${var} ")))),
                ),
                (name, fields) => (key, expression(&format!("${name}."), fields)),
            },
            (Self::Context(field), QueryLanguage::JsonPath) => dynamic(key, path("$$", &field)),
            (Self::Context(field), QueryLanguage::Jsonata) => {
                (key, expression("$states.context.", &field))
            }
            (Self::Result(None), QueryLanguage::Jsonata) => whole(key, "$states.result"),
            (Self::Result(Some(field)), QueryLanguage::Jsonata) => {
                (key, expression("$states.result.", &field))
            }
            (Self::ErrorOutput(None), QueryLanguage::Jsonata) => whole(key, "$states.errorOutput"),
            (Self::ErrorOutput(Some(field)), QueryLanguage::Jsonata) => {
                (key, expression("$states.errorOutput.", &field))
            }
            (Self::Path(value), QueryLanguage::JsonPath) => dynamic(key, DynamicValue::Path(value)),
            (Self::Intrinsic(call), QueryLanguage::JsonPath) => {
                dynamic(key, DynamicValue::Intrinsic(call))
            }
            (Self::Jsonata(value), QueryLanguage::Jsonata) => {
                (key, PayloadField::Value(Payload::Jsonata(value)))
            }
            (Self::Path(_) | Self::Intrinsic(_), QueryLanguage::Jsonata) => {
                return Err(Unwritable::Needs(QueryLanguage::JsonPath));
            }
            (Self::Jsonata(_), QueryLanguage::JsonPath) => {
                return Err(Unwritable::Needs(QueryLanguage::Jsonata));
            }
            (Self::NonFinite(_), _) => return Err(Unwritable::NonFinite),
        };
        Ok(entry)
    }

    /// The value as an array item, where JSONPath cannot evaluate anything but objects.
    fn into_item(self, language: QueryLanguage) -> Result<Payload, Unwritable> {
        match (self, language) {
            (Self::Value(value), _) => Ok(value),
            (Self::NonFinite(_), _) => Err(Unwritable::NonFinite),
            (Self::Object(fields), _) => Ok(Payload::Object(fields.write(language)?)),
            (Self::Array(items), _) => items
                .into_iter()
                .map(|item| item.into_item(language))
                .collect::<Result<Vec<_>, _>>()
                .map(Payload::Array),
            (_, QueryLanguage::JsonPath) => Err(Unwritable::Needs(QueryLanguage::Jsonata)),
            (other, QueryLanguage::Jsonata) => {
                let mut object = PayloadObject::new();
                other.write(Key::Borrowed(""), language, &mut object)?;
                Ok(match object.remove("") {
                    Some(PayloadField::Value(value)) => value,
                    _ => Payload::Null,
                })
            }
        }
    }

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

/// A field path without its leading `$.` (`$.order.id`), or the `$` of an index of the
/// root (`$[0].id`).
fn relative(path: String) -> String {
    if let Some(rest) = path.strip_prefix("$.") {
        rest.to_owned()
    } else if path.starts_with("$[") {
        path.get(1..).unwrap_or_default().to_owned()
    } else {
        path
    }
}

/// `left` followed by `right`, allocated once.
/// A variable path's name and the field path below it: `cfg.order-id` is `cfg` and
/// `order-id`, `rows[0].id` is `rows` and `[0].id`.
pub(crate) fn var_parts(var: &str) -> (&str, &str) {
    match var.find(['.', '[']) {
        Some(end) => {
            let (name, rest) = var.split_at(end);
            (name, rest.strip_prefix('.').unwrap_or(rest))
        }
        None => (var, ""),
    }
}

fn concat(left: &str, right: &str) -> String {
    let mut text = String::with_capacity(left.len() + right.len());
    text.push_str(left);
    text.push_str(right);
    text
}

/// A JSONata expression with one space inside each marker: `{% expr %}`.
pub(crate) fn jsonata(expression: &str) -> Jsonata {
    Jsonata::new(format!(" {} ", expression.trim()))
}

impl From<Payload> for Arg {
    fn from(value: Payload) -> Self {
        Self::Value(value)
    }
}

impl From<serde_json::Value> for Arg {
    fn from(value: serde_json::Value) -> Self {
        Self::Value(value.into())
    }
}

impl From<&str> for Arg {
    fn from(value: &str) -> Self {
        Self::Value(value.into())
    }
}

impl From<String> for Arg {
    fn from(value: String) -> Self {
        Self::Value(value.into())
    }
}

impl From<bool> for Arg {
    fn from(value: bool) -> Self {
        Self::Value(value.into())
    }
}

impl From<i32> for Arg {
    fn from(value: i32) -> Self {
        Self::Value(Payload::Number(value.into()))
    }
}

impl From<i64> for Arg {
    fn from(value: i64) -> Self {
        Self::Value(value.into())
    }
}

impl From<u64> for Arg {
    fn from(value: u64) -> Self {
        Self::Value(value.into())
    }
}

/// A finite float becomes a JSON number ([`Arg::Value`]); NaN and the infinities, which
/// JSON cannot hold, become [`Arg::NonFinite`], which `build()` reports as an invalid value
/// of the field it is in.
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::prelude::*;
///
/// let score = |threshold: f64| {
///     StateMachine::builder()
///         .start(TaskState::call("Score", lambda::Invoke::function("score").payload(
///             Arg::object(Request::new().field("threshold", threshold)),
///         )))
///         .build()
/// };
/// assert_eq!(
///     score(0.75)?.to_value()["States"]["Score"]["Parameters"]["Payload"],
///     json!({"threshold": 0.75})
/// );
///
/// let error = score(f64::NAN).unwrap_err();
/// assert_eq!(error.issues()[0].kind, BuildIssueKind::InvalidValue);
/// assert_eq!(error.issues()[0].pointer, "/States/Score/Parameters/Payload");
/// assert!(error.to_string().contains("`Payload` of state `Score` holds NaN"));
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
impl From<f64> for Arg {
    fn from(value: f64) -> Self {
        match serde_json::Number::from_f64(value) {
            Some(number) => Self::Value(Payload::Number(number)),
            None => Self::NonFinite(value),
        }
    }
}

impl From<JsonPath> for Arg {
    fn from(value: JsonPath) -> Self {
        Self::Path(value)
    }
}

impl From<Jsonata> for Arg {
    fn from(value: Jsonata) -> Self {
        Self::Jsonata(value)
    }
}

impl From<IntrinsicCall> for Arg {
    fn from(value: IntrinsicCall) -> Self {
        Self::Intrinsic(value)
    }
}

/// The key of a dynamic field: `key` with `.$` appended. The typed integrations' usual
/// dynamic keys are shared spellings; any other key is copied once, with room for the suffix.
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

fn dynamic_key(key: Key) -> Key {
    const SHARED: &[(&str, &str)] = &[("Payload", "Payload.$"), ("Input", "Input.$")];
    if let Key::Borrowed(name) = key
        && let Some((_, spelling)) = SHARED.iter().find(|(shared, _)| *shared == name)
    {
        return Key::Borrowed(spelling);
    }
    let mut written = match key {
        Key::Owned(written) => written,
        Key::Borrowed(name) => {
            let mut written = String::with_capacity(name.len() + DYNAMIC_KEY_SUFFIX.len());
            written.push_str(name);
            written
        }
    };
    written.push_str(DYNAMIC_KEY_SUFFIX);
    Key::Owned(written)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{Arg, Request, Unwritable};
    use crate::model::{Key, Payload, PayloadObject, QueryLanguage};

    fn written(arg: &Arg, language: QueryLanguage) -> Result<serde_json::Value, Unwritable> {
        let mut object = PayloadObject::new();
        arg.clone()
            .write(Key::Borrowed("K"), language, &mut object)?;
        Ok(Payload::Object(object).to_json_value())
    }

    #[test]
    fn portable_forms_are_written_in_each_language() {
        use QueryLanguage::{JsonPath, Jsonata};
        let cases = [
            (
                Arg::input(),
                json!({"K.$": "$"}),
                json!({"K": "{% $states.input %}"}),
            ),
            (
                Arg::input_field("a.b"),
                json!({"K.$": "$.a.b"}),
                json!({"K": "{% $states.input.a.b %}"}),
            ),
            (
                Arg::var("x"),
                json!({"K.$": "$x"}),
                json!({"K": "{% $x %}"}),
            ),
            (
                Arg::task_token(),
                json!({"K.$": "$$.Task.Token"}),
                json!({"K": "{% $states.context.Task.Token %}"}),
            ),
            (Arg::from(3), json!({"K": 3}), json!({"K": 3})),
        ];
        for (arg, jsonpath, jsonata) in cases {
            assert_eq!(written(&arg, JsonPath), Ok(jsonpath));
            assert_eq!(written(&arg, Jsonata), Ok(jsonata));
        }
    }

    #[test]
    fn language_specific_forms_report_the_language_they_need() {
        assert_eq!(
            written(&Arg::path("$.a"), QueryLanguage::Jsonata),
            Err(Unwritable::Needs(QueryLanguage::JsonPath))
        );
        assert_eq!(
            written(&Arg::intrinsic("States.UUID()"), QueryLanguage::JsonPath),
            Ok(json!({"K.$": "States.UUID()"}))
        );
        assert_eq!(
            written(&Arg::jsonata("1 + 1"), QueryLanguage::JsonPath),
            Err(Unwritable::Needs(QueryLanguage::Jsonata))
        );
        assert_eq!(
            written(&Arg::jsonata("  1 + 1 "), QueryLanguage::Jsonata),
            Ok(json!({"K": "{% 1 + 1 %}"}))
        );
    }

    #[test]
    fn finite_floats_are_numbers_and_the_others_are_kept_to_be_reported() {
        assert_eq!(Arg::from(0.5), Arg::value(json!(0.5)));
        assert_eq!(Arg::from(-0.0).non_finite(), None);
        assert_eq!(Arg::from(f64::MAX), Arg::value(json!(f64::MAX)));
        for value in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let arg = Arg::from(value);
            assert!(matches!(arg, Arg::NonFinite(kept) if kept.to_bits() == value.to_bits()));
            for language in [QueryLanguage::JsonPath, QueryLanguage::Jsonata] {
                assert_eq!(written(&arg, language), Err(Unwritable::NonFinite));
            }
        }
    }

    #[test]
    fn a_non_finite_float_is_found_at_any_depth() {
        let nested = Arg::object(Request::new().field("ok", 1.5).field(
            "items",
            Arg::array([Arg::from(2.0), Arg::from(f64::INFINITY)]),
        ));
        assert_eq!(nested.non_finite(), Some(f64::INFINITY));
        // An array item JSONPath cannot evaluate is a float problem, not a language one.
        assert_eq!(nested.mismatch(QueryLanguage::JsonPath), None);
        assert_eq!(
            written(&nested, QueryLanguage::JsonPath),
            Err(Unwritable::NonFinite)
        );
        assert_eq!(
            Arg::object(Request::new().field("ok", 1.5)).non_finite(),
            None
        );
    }
}
