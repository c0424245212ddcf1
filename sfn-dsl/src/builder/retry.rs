//! Builders of retriers (`Retry`) and catchers (`Catch`), with typed error names.

use std::borrow::Cow;

use super::arg::{Arg, Numeric, Request};
use super::chain::Problem;
use crate::error::BuildIssueKind;
use crate::limits::{MAX_DELAY_SECONDS, MAX_SECONDS};
use crate::model::{
    Catcher, ErrorName, JitterStrategy, Nullable, Payload, ReferencePath, Retrier, StateName,
};
use serde_json::Number;

/// Builds a [`Retrier`]: which errors to retry, how often and how long to wait.
///
/// Created by [`Retrier::builder`]; an error name or an array of them converts into a
/// builder with the AWS defaults (3 attempts, 1 second, backoff 2.0).
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::prelude::*;
///
/// let charge = TaskState::lambda_invoke("Charge", "charge-card")
///     .retry(
///         Retrier::builder([ErrorName::TaskFailed, ErrorName::Timeout])
///             .interval_seconds(2)
///             .max_attempts(5)
///             .backoff_rate(1.5)
///             .max_delay_seconds(30)
///             .full_jitter(),
///     )
///     .retry(ErrorName::All);
/// let machine = StateMachine::builder().start(charge).build()?;
/// assert_eq!(
///     machine.to_value()["States"]["Charge"]["Retry"],
///     json!([
///         {"ErrorEquals": ["States.TaskFailed", "States.Timeout"], "IntervalSeconds": 2,
///          "MaxAttempts": 5, "BackoffRate": 1.5, "MaxDelaySeconds": 30, "JitterStrategy": "FULL"},
///         {"ErrorEquals": ["States.ALL"]}
///     ])
/// );
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Debug)]
#[must_use]
pub struct RetrierBuilder {
    retrier: Retrier,
    invalid_backoff: bool,
}

impl Retrier {
    /// A builder for a retrier of `errors`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .start(TaskState::lambda_invoke("Work", "worker")
    ///         .retry(Retrier::builder(["Busy", "Throttled"])))
    ///     .build()?;
    /// let value = machine.to_value();
    /// let state = &value["States"]["Work"];
    /// assert_eq!(state["Retry"], json!([{"ErrorEquals": ["Busy", "Throttled"]}]));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn builder<E: Into<ErrorName>>(errors: impl IntoIterator<Item = E>) -> RetrierBuilder {
        RetrierBuilder {
            retrier: Retrier {
                error_equals: ErrorName::shared_list_from(errors.into_iter().map(Into::into)),
                ..Retrier::default()
            },
            invalid_backoff: false,
        }
    }
}

impl RetrierBuilder {
    /// Seconds before the first retry (AWS default 1). Serialized as `IntervalSeconds`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .start(TaskState::lambda_invoke("Work", "worker")
    ///         .retry(Retrier::builder([ErrorName::Timeout]).interval_seconds(5)))
    ///     .build()?;
    /// let value = machine.to_value();
    /// let state = &value["States"]["Work"];
    /// assert_eq!(state["Retry"][0]["IntervalSeconds"], json!(5));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn interval_seconds(mut self, seconds: u64) -> Self {
        self.retrier.interval_seconds = Some(seconds);
        self
    }

    /// Retries before giving up (AWS default 3; 0 never retries). Serialized as
    /// `MaxAttempts`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .start(TaskState::lambda_invoke("Work", "worker")
    ///         .retry(Retrier::builder([ErrorName::Timeout]).max_attempts(6)))
    ///     .build()?;
    /// let value = machine.to_value();
    /// let state = &value["States"]["Work"];
    /// assert_eq!(state["Retry"][0]["MaxAttempts"], json!(6));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn max_attempts(mut self, attempts: u64) -> Self {
        self.retrier.max_attempts = Some(attempts);
        self
    }

    /// The factor the interval grows by after each attempt (AWS default 2.0). Serialized
    /// as `BackoffRate`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .start(TaskState::lambda_invoke("Work", "worker")
    ///         .retry(Retrier::builder([ErrorName::Timeout]).backoff_rate(1.5)))
    ///     .build()?;
    /// let value = machine.to_value();
    /// let state = &value["States"]["Work"];
    /// assert_eq!(state["Retry"][0]["BackoffRate"], json!(1.5));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn backoff_rate(mut self, rate: impl Numeric) -> Self {
        match rate.to_number() {
            Some(rate) => {
                self.retrier.backoff_rate = Some(rate);
                self.invalid_backoff = false;
            }
            None => self.invalid_backoff = true,
        }
        self
    }

    /// The longest any single wait may be. Serialized as `MaxDelaySeconds`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .start(TaskState::lambda_invoke("Work", "worker")
    ///         .retry(Retrier::builder([ErrorName::Timeout]).max_delay_seconds(60)))
    ///     .build()?;
    /// let value = machine.to_value();
    /// let state = &value["States"]["Work"];
    /// assert_eq!(state["Retry"][0]["MaxDelaySeconds"], json!(60));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn max_delay_seconds(mut self, seconds: u64) -> Self {
        self.retrier.max_delay_seconds = Some(seconds);
        self
    }

    /// Randomises each wait between 0 and the computed interval. Serialized as
    /// `"JitterStrategy": "FULL"`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .start(TaskState::lambda_invoke("Work", "worker")
    ///         .retry(Retrier::builder([ErrorName::Timeout]).full_jitter()))
    ///     .build()?;
    /// let value = machine.to_value();
    /// let state = &value["States"]["Work"];
    /// assert_eq!(state["Retry"][0]["JitterStrategy"], json!("FULL"));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn full_jitter(mut self) -> Self {
        self.retrier.jitter_strategy = Some(JitterStrategy::Full);
        self
    }

    /// Sets the jitter strategy explicitly. Serialized as `JitterStrategy`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::model::JitterStrategy;
    /// use sfn_dsl::prelude::*;
    ///
    /// let work = TaskState::lambda_invoke("Work", "worker")
    ///     .retry(Retrier::builder([ErrorName::Timeout]).jitter_strategy(JitterStrategy::None));
    /// let machine = StateMachine::builder().start(work).build()?;
    /// assert_eq!(machine.to_value()["States"]["Work"]["Retry"][0]["JitterStrategy"], json!("NONE"));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn jitter_strategy(mut self, strategy: JitterStrategy) -> Self {
        self.retrier.jitter_strategy = Some(strategy);
        self
    }

    /// Free text. Serialized as `Comment`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .start(TaskState::lambda_invoke("Work", "worker")
    ///         .retry(Retrier::builder([ErrorName::Timeout]).comment("slow backend")))
    ///     .build()?;
    /// let value = machine.to_value();
    /// let state = &value["States"]["Work"];
    /// assert_eq!(state["Retry"][0]["Comment"], json!("slow backend"));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn comment(mut self, comment: impl Into<String>) -> Self {
        self.retrier.comment = Some(comment.into());
        self
    }

    /// The retrier; its problems (as the entry `Retry/index`) go to `problems`.
    pub(crate) fn finish(self, index: usize, problems: &mut Vec<Problem>) -> Retrier {
        let retrier = self.retrier;
        let mut out_of_range = |field: &str, message: String| {
            problems.push(Problem::new(
                BuildIssueKind::InvalidValue,
                format!("/Retry/{index}/{field}"),
                message,
            ));
        };
        if self.invalid_backoff {
            out_of_range(
                "BackoffRate",
                "`BackoffRate` must be a finite number".to_owned(),
            );
        } else if let Some(rate) = retrier.backoff_rate.as_ref().and_then(Number::as_f64)
            && rate < 1.0
        {
            out_of_range(
                "BackoffRate",
                format!("`BackoffRate` must be at least 1, found {rate}"),
            );
        }
        if let Some(seconds) = retrier.interval_seconds
            && !(1..=MAX_SECONDS).contains(&seconds)
        {
            out_of_range(
                "IntervalSeconds",
                format!("`IntervalSeconds` must be between 1 and {MAX_SECONDS}, found {seconds}"),
            );
        }
        if let Some(attempts) = retrier.max_attempts
            && attempts > MAX_SECONDS
        {
            out_of_range(
                "MaxAttempts",
                format!("`MaxAttempts` must be at most {MAX_SECONDS}, found {attempts}"),
            );
        }
        if let Some(seconds) = retrier.max_delay_seconds
            && !(1..=MAX_DELAY_SECONDS).contains(&seconds)
        {
            out_of_range(
                "MaxDelaySeconds",
                format!(
                    "`MaxDelaySeconds` must be between 1 and {MAX_DELAY_SECONDS}, found {seconds}"
                ),
            );
        }
        retrier
    }
}

impl From<ErrorName> for RetrierBuilder {
    fn from(error: ErrorName) -> Self {
        Retrier::builder([error])
    }
}

impl<E: Into<ErrorName>, const N: usize> From<[E; N]> for RetrierBuilder {
    fn from(errors: [E; N]) -> Self {
        Retrier::builder(errors)
    }
}

impl From<Retrier> for RetrierBuilder {
    fn from(retrier: Retrier) -> Self {
        Self {
            retrier,
            invalid_backoff: false,
        }
    }
}

/// Builds a [`Catcher`]: which errors to catch, and what to keep of the error. The state
/// to continue with is given to the state builder's `catch(catcher, handler)`.
///
/// Created by [`Catcher::builder`]; an error name or an array of them converts into a
/// builder that replaces the input with the error output (the AWS default).
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::prelude::*;
///
/// let charge = TaskState::lambda_invoke("Charge", "charge-card")
///     .catch(
///         Catcher::builder([ErrorName::custom("Card.Declined")]).result_path("$.error"),
///         FailState::builder("Declined").error("Card.Declined"),
///     )
///     .catch(ErrorName::All, FailState::builder("Broken"));
/// let machine = StateMachine::builder().start(charge).build()?;
/// assert_eq!(
///     machine.to_value()["States"]["Charge"]["Catch"],
///     json!([
///         {"ErrorEquals": ["Card.Declined"], "ResultPath": "$.error", "Next": "Declined"},
///         {"ErrorEquals": ["States.ALL"], "Next": "Broken"}
///     ])
/// );
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Debug)]
#[must_use]
pub struct CatcherBuilder {
    catcher: Catcher,
    assign: Request,
    keep_input: bool,
}

impl Catcher {
    /// A builder for a catcher of `errors`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .start(TaskState::lambda_invoke("Work", "worker")
    ///         .catch(Catcher::builder([ErrorName::Timeout]), PassState::builder("Recover")))
    ///     .build()?;
    /// let value = machine.to_value();
    /// let state = &value["States"]["Work"];
    /// assert_eq!(state["Catch"], json!([{"ErrorEquals": ["States.Timeout"], "Next": "Recover"}]));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn builder<E: Into<ErrorName>>(errors: impl IntoIterator<Item = E>) -> CatcherBuilder {
        let mut catcher = Catcher::new(Vec::new(), StateName::default());
        catcher.error_equals = ErrorName::shared_list_from(errors.into_iter().map(Into::into));
        CatcherBuilder {
            catcher,
            assign: Request::new(),
            keep_input: false,
        }
    }
}

impl CatcherBuilder {
    /// Where the error output (`{"Error", "Cause"}`) goes in the state's input (JSONPath);
    /// by default it replaces the input. Serialized as `ResultPath`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .start(TaskState::lambda_invoke("Work", "worker")
    ///         .catch(Catcher::builder([ErrorName::All]).result_path("$.error"), PassState::builder("Recover")))
    ///     .build()?;
    /// let value = machine.to_value();
    /// let state = &value["States"]["Work"];
    /// assert_eq!(state["Catch"][0]["ResultPath"], json!("$.error"));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn result_path(mut self, path: impl Into<ReferencePath>) -> Self {
        self.catcher.result_path = Some(Nullable::Value(path.into()));
        self
    }

    /// Discards the error output and passes the state's input on (JSONPath). Serialized as
    /// `"ResultPath": null`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .start(TaskState::lambda_invoke("Work", "worker")
    ///         .catch(Catcher::builder([ErrorName::All]).discard_error(), PassState::builder("Recover")))
    ///     .build()?;
    /// let value = machine.to_value();
    /// let state = &value["States"]["Work"];
    /// assert_eq!(state["Catch"][0].get("ResultPath"), Some(&json!(null)));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn discard_error(mut self) -> Self {
        self.catcher.result_path = Some(Nullable::Null);
        self
    }

    /// Passes the state's input on to the handler unchanged, whatever the query language:
    /// `"ResultPath": null` in a JSONPath state, `"Output": "{% $states.input %}"` in a
    /// JSONata one (decided when the machine is built). Without it the handler receives
    /// the error output `{"Error", "Cause"}`, the AWS default.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let flow = TaskState::lambda_invoke("Charge", "charge-card")
    ///     .catch(Catcher::builder([ErrorName::Timeout]).keep_input(), TaskState::lambda_invoke("Charge later", "queue-charge"));
    /// let jsonpath = StateMachine::builder().start(flow.clone()).build()?;
    /// assert_eq!(jsonpath.to_value()["States"]["Charge"]["Catch"][0]["ResultPath"], json!(null));
    /// let jsonata = StateMachine::builder().query_language(QueryLanguage::Jsonata).start(flow).build()?;
    /// assert_eq!(jsonata.to_value()["States"]["Charge"]["Catch"][0]["Output"], "{% $states.input %}");
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn keep_input(mut self) -> Self {
        self.keep_input = true;
        self
    }

    /// The output passed to the handler (JSONata), for example
    /// `{"error": "{% $states.errorOutput %}"}`. Serialized as `Output`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .query_language(QueryLanguage::Jsonata)
    ///     .start(TaskState::lambda_invoke("Work", "worker")
    ///         .catch(Catcher::builder([ErrorName::All])
    ///             .output(json!({"error": "{% $states.errorOutput.Error %}"})), PassState::builder("Recover")))
    ///     .build()?;
    /// let value = machine.to_value();
    /// let state = &value["States"]["Work"];
    /// assert_eq!(state["Catch"][0]["Output"], json!({"error": "{% $states.errorOutput.Error %}"}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn output(mut self, payload: impl Into<Payload>) -> Self {
        self.catcher.output = Some(payload.into());
        self
    }

    /// Sets the workflow variable `name` when this catcher runs. Serialized as an entry of
    /// the catcher's `Assign`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .start(TaskState::lambda_invoke("Work", "worker")
    ///         .catch(Catcher::builder([ErrorName::All]).assign("failed", true), PassState::builder("Recover")))
    ///     .build()?;
    /// let value = machine.to_value();
    /// let state = &value["States"]["Work"];
    /// assert_eq!(state["Catch"][0]["Assign"], json!({"failed": true}));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn assign(mut self, name: impl Into<String>, value: impl Into<Arg>) -> Self {
        self.assign.set(name, value);
        self
    }

    /// Free text. Serialized as `Comment`.
    ///
    /// # Examples
    ///
    /// ```
    /// use serde_json::json;
    /// use sfn_dsl::prelude::*;
    ///
    /// let machine = StateMachine::builder()
    ///     .start(TaskState::lambda_invoke("Work", "worker")
    ///         .catch(Catcher::builder([ErrorName::All]).comment("anything else"), PassState::builder("Recover")))
    ///     .build()?;
    /// let value = machine.to_value();
    /// let state = &value["States"]["Work"];
    /// assert_eq!(state["Catch"][0]["Comment"], json!("anything else"));
    /// # Ok::<(), sfn_dsl::Error>(())
    /// ```
    pub fn comment(mut self, comment: impl Into<String>) -> Self {
        self.catcher.comment = Some(comment.into());
        self
    }

    /// The catcher (its `Next` still unset), its variables, and whether it keeps the
    /// state's input.
    pub(crate) fn finish(self) -> (Catcher, Request, bool) {
        (self.catcher, self.assign, self.keep_input)
    }
}

impl From<ErrorName> for CatcherBuilder {
    fn from(error: ErrorName) -> Self {
        Catcher::builder([error])
    }
}

impl<E: Into<ErrorName>, const N: usize> From<[E; N]> for CatcherBuilder {
    fn from(errors: [E; N]) -> Self {
        Catcher::builder(errors)
    }
}

impl ErrorName {
    /// A custom error name, such as `Payment.Declined` or `Lambda.ServiceException`.
    ///
    /// Predefined spellings give their variant, as with [`ErrorName::parse`].
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::ErrorName;
    ///
    /// assert_eq!(ErrorName::custom("Payment.Declined").as_str(), "Payment.Declined");
    /// assert_eq!(ErrorName::custom("States.ALL"), ErrorName::All);
    /// ```
    #[must_use]
    pub fn custom(name: impl Into<String>) -> Self {
        Self::from(name.into())
    }

    /// The transient Lambda errors AWS recommends retrying on every Lambda task:
    /// `Lambda.ServiceException`, `Lambda.AWSLambdaException`, `Lambda.SdkClientException`
    /// and `Lambda.TooManyRequestsException`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::prelude::*;
    ///
    /// let task = TaskState::lambda_invoke("Work", "worker")
    ///     .retry(Retrier::builder(ErrorName::lambda_transient()).backoff_rate(2));
    /// # let _ = task;
    /// ```
    #[must_use]
    pub fn lambda_transient() -> [Self; 4] {
        // Custom names (none starts with `States.`), held without classifying them again.
        [
            Self::Custom(Cow::Borrowed("Lambda.ServiceException")),
            Self::Custom(Cow::Borrowed("Lambda.AWSLambdaException")),
            Self::Custom(Cow::Borrowed("Lambda.SdkClientException")),
            Self::Custom(Cow::Borrowed("Lambda.TooManyRequestsException")),
        ]
    }
}
