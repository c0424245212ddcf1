//! Values of task requests and variables that are written differently in JSONPath and
//! JSONata states: [`Arg`] and the ordered field list [`Request`].

pub(crate) mod field_path;
mod inspect;
pub(crate) mod malformed;
mod numeric;
mod request;
mod write;

use crate::model::{IntrinsicCall, JsonPath, Jsonata, Payload, QueryLanguage};

pub(crate) use inspect::Reads;
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
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let send = sqs::SendMessage::new("${Queue}", Arg::value(json!({"kind": "ping"})));
    /// let machine = StateMachine::builder().start(TaskState::call("Send", send)).build()?;
    /// let parameters = &machine.to_value()["States"]["Send"]["Parameters"];
    /// assert_eq!(parameters["MessageBody"], json!({"kind": "ping"}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    #[must_use]
    pub fn value(value: impl Into<Payload>) -> Self {
        Self::Value(value.into())
    }

    /// The state's whole input.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let send = sqs::SendMessage::new("${Queue}", Arg::input());
    /// let machine = StateMachine::builder().start(TaskState::call("Send", send)).build()?;
    /// assert_eq!(machine.to_value()["States"]["Send"]["Parameters"]["MessageBody.$"], "$");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
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
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let send = sqs::SendMessage::new("${Queue}", Arg::var("$config.region"));
    /// let machine = StateMachine::builder().start(TaskState::call("Send", send)).build()?;
    /// let parameters = &machine.to_value()["States"]["Send"]["Parameters"];
    /// assert_eq!(parameters["MessageBody.$"], "$config.region");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
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
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let send = sqs::SendMessage::new("${Queue}", Arg::context("$$.Execution.Id"));
    /// let machine = StateMachine::builder().start(TaskState::call("Send", send)).build()?;
    /// let parameters = &machine.to_value()["States"]["Send"]["Parameters"];
    /// assert_eq!(parameters["MessageBody.$"], "$$.Execution.Id");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
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
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let charge = TaskState::lambda_invoke("Charge", "charge").assign("charged", Arg::result());
    /// let machine = StateMachine::builder().start(charge).build()?;
    /// assert_eq!(machine.to_value()["States"]["Charge"]["Assign"], json!({"charged.$": "$"}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
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
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let catcher = Catcher::builder([ErrorName::All]).assign("failure", Arg::error_output());
    /// let work = TaskState::lambda_invoke("Work", "worker").catch(catcher, PassState::builder("Recover"));
    /// let machine = StateMachine::builder().start(work).build()?;
    /// let catch = &machine.to_value()["States"]["Work"]["Catch"][0];
    /// assert_eq!(catch["Assign"], json!({"failure.$": "$"}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    #[must_use]
    pub fn error_output() -> Self {
        Self::ErrorOutput(None)
    }

    /// A field of a catcher's error output, such as `Cause`, for the catcher's `Assign`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let catcher = Catcher::builder([ErrorName::All]).assign("cause", Arg::error_output_field("Cause"));
    /// let work = TaskState::lambda_invoke("Work", "worker").catch(catcher, PassState::builder("Recover"));
    /// let machine = StateMachine::builder()
    ///     .query_language(QueryLanguage::Jsonata)
    ///     .start(work)
    ///     .build()?;
    /// let catch = &machine.to_value()["States"]["Work"]["Catch"][0];
    /// assert_eq!(catch["Assign"], json!({"cause": "{% $states.errorOutput.Cause %}"}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
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
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let send = sqs::SendMessage::new("${Queue}", Arg::path("$.items[0]"));
    /// let machine = StateMachine::builder().start(TaskState::call("Send", send)).build()?;
    /// let parameters = &machine.to_value()["States"]["Send"]["Parameters"];
    /// assert_eq!(parameters["MessageBody.$"], "$.items[0]");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    #[must_use]
    pub fn path(path: impl Into<JsonPath>) -> Self {
        Self::Path(path.into())
    }

    /// An intrinsic function call such as `States.Format('order {}', $.id)` (JSONPath states
    /// only).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let body = Arg::intrinsic("States.Format('order {}', $.id)");
    /// let send = sqs::SendMessage::new("${Queue}", body);
    /// let machine = StateMachine::builder().start(TaskState::call("Send", send)).build()?;
    /// let parameters = &machine.to_value()["States"]["Send"]["Parameters"];
    /// assert_eq!(parameters["MessageBody.$"], "States.Format('order {}', $.id)");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    #[must_use]
    pub fn intrinsic(call: impl Into<IntrinsicCall>) -> Self {
        Self::Intrinsic(call.into())
    }

    /// A JSONata expression, written without the `{% %}` markers (JSONata states only).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let send = sqs::SendMessage::new("${Queue}", Arg::jsonata("$states.input.count + 1"));
    /// let machine = StateMachine::builder()
    ///     .query_language(QueryLanguage::Jsonata)
    ///     .start(TaskState::call("Send", send))
    ///     .build()?;
    /// let arguments = &machine.to_value()["States"]["Send"]["Arguments"];
    /// assert_eq!(arguments["MessageBody"], "{% $states.input.count + 1 %}");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    #[must_use]
    pub fn jsonata(expression: impl AsRef<str>) -> Self {
        Self::Jsonata(jsonata(expression.as_ref()))
    }

    /// An object whose fields are written per query language.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let body = Arg::object(Request::new().field("id", Arg::input_field("id")).field("kind", "order"));
    /// let send = sqs::SendMessage::new("${Queue}", body);
    /// let machine = StateMachine::builder().start(TaskState::call("Send", send)).build()?;
    /// let parameters = &machine.to_value()["States"]["Send"]["Parameters"];
    /// assert_eq!(parameters["MessageBody"], json!({"id.$": "$.id", "kind": "order"}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    #[must_use]
    pub fn object(fields: Request) -> Self {
        Self::Object(fields)
    }

    /// An array whose items are written per query language.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let body = Arg::array([Arg::from(1), Arg::input_field("count")]);
    /// let send = sqs::SendMessage::new("${Queue}", body);
    /// let machine = StateMachine::builder()
    ///     .query_language(QueryLanguage::Jsonata)
    ///     .start(TaskState::call("Send", send))
    ///     .build()?;
    /// let arguments = &machine.to_value()["States"]["Send"]["Arguments"];
    /// assert_eq!(arguments["MessageBody"], json!([1, "{% $states.input.count %}"]));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    #[must_use]
    pub fn array(items: impl IntoIterator<Item = impl Into<Arg>>) -> Self {
        Self::Array(items.into_iter().map(Into::into).collect())
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

#[cfg(test)]
mod tests;
