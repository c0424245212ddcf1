//! Error handling: retriers (`Retry`) and catchers (`Catch`).

use std::borrow::Cow;

use serde_json::Number;

use super::error_name::ErrorName;
use super::name::StateName;
use super::path::{Nullable, ReferencePath};
use super::payload::{Payload, PayloadObject};

/// How retry delays are randomised. Serialized as `JitterStrategy`.
///
/// # Examples
///
/// ```
/// use sfn_dsl::StateMachine;
/// use sfn_dsl::model::JitterStrategy;
///
/// let machine = StateMachine::from_json(r#"{
///   "StartAt": "Call",
///   "States": {"Call": {
///     "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
///     "Retry": [{"ErrorEquals": ["States.ALL"], "MaxDelaySeconds": 60, "JitterStrategy": "FULL"}]
///   }}
/// }"#)?;
/// let retry = machine.states.get("Call").map(|state| state.retry()).unwrap_or_default();
/// assert_eq!(retry[0].jitter_strategy, Some(JitterStrategy::Full));
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum JitterStrategy {
    /// `FULL`: each delay is random between 0 and the computed delay.
    Full,
    /// `NONE`: the computed delay is used as is (the default).
    None,
    /// A value AWS does not define (reported by the validator).
    Other(String),
}

impl JitterStrategy {
    /// The spelling used in ASL.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::JitterStrategy;
    ///
    /// assert_eq!(JitterStrategy::Full.as_str(), "FULL");
    /// assert_eq!(JitterStrategy::Other("HALF".into()).as_str(), "HALF");
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        match self {
            Self::Full => "FULL",
            Self::None => "NONE",
            Self::Other(text) => text,
        }
    }

    /// Classifies a spelling.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::JitterStrategy;
    ///
    /// assert_eq!(JitterStrategy::parse("NONE"), JitterStrategy::None);
    /// assert_eq!(JitterStrategy::parse("full"), JitterStrategy::Other("full".into())); // case-sensitive
    /// ```
    #[must_use]
    pub fn parse(text: &str) -> Self {
        match text {
            "FULL" => Self::Full,
            "NONE" => Self::None,
            other => Self::Other(other.to_owned()),
        }
    }
}

/// One entry of a state's `Retry` array.
///
/// Field order is the serialization order: `ErrorEquals`, `IntervalSeconds`,
/// `MaxAttempts`, `BackoffRate`, `MaxDelaySeconds`, `JitterStrategy`, `Comment`.
///
/// # Examples
///
/// ```
/// use sfn_dsl::StateMachine;
/// use sfn_dsl::model::ErrorName;
///
/// let machine = StateMachine::from_json(r#"{
///   "StartAt": "Call",
///   "States": {"Call": {
///     "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
///     "Retry": [{"ErrorEquals": ["States.Timeout"], "IntervalSeconds": 2, "MaxAttempts": 5, "BackoffRate": 1.5}]
///   }}
/// }"#)?;
/// let retrier = &machine.states.get("Call").map(|state| state.retry()).unwrap_or_default()[0];
/// assert_eq!(&*retrier.error_equals, [ErrorName::Timeout]);
/// assert_eq!((retrier.interval_seconds, retrier.max_attempts), (Some(2), Some(5)));
/// assert_eq!(retrier.backoff_rate.as_ref().map(ToString::to_string).as_deref(), Some("1.5"));
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Retrier {
    /// The errors this retrier handles. Serialized as `ErrorEquals`.
    ///
    /// Common lists (`[States.ALL]`, the transient Lambda errors) are shared statics
    /// ([`Cow::Borrowed`]); `.to_mut()` gives a vector to edit.
    pub error_equals: Cow<'static, [ErrorName]>,
    /// Seconds before the first retry (default 1). Serialized as `IntervalSeconds`.
    pub interval_seconds: Option<u64>,
    /// Retries before giving up (default 3; 0 never retries). Serialized as `MaxAttempts`.
    pub max_attempts: Option<u64>,
    /// Multiplier of the delay after each retry (default 2.0). Serialized as `BackoffRate`.
    pub backoff_rate: Option<Number>,
    /// Upper bound of any delay. Serialized as `MaxDelaySeconds`.
    pub max_delay_seconds: Option<u64>,
    /// Randomisation of delays. Serialized as `JitterStrategy`.
    pub jitter_strategy: Option<JitterStrategy>,
    /// Free text. Serialized as `Comment`.
    pub comment: Option<String>,
}

/// One entry of a state's `Catch` array.
///
/// Field order is the serialization order: `ErrorEquals`, `ResultPath`, `Output`,
/// `Assign`, `Next`, `Comment`.
///
/// # Examples
///
/// ```
/// use sfn_dsl::StateMachine;
/// use sfn_dsl::model::ErrorName;
///
/// let machine = StateMachine::from_json(r#"{
///   "StartAt": "Call",
///   "States": {
///     "Call": {
///       "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
///       "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Failed"}]
///     },
///     "Failed": {"Type": "Fail"}
///   }
/// }"#)?;
/// let catcher = &machine.states.get("Call").map(|state| state.catch()).unwrap_or_default()[0];
/// assert_eq!(&*catcher.error_equals, [ErrorName::All]);
/// assert_eq!(catcher.next.as_str(), "Failed");
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Catcher {
    /// The errors this catcher handles. Serialized as `ErrorEquals`.
    ///
    /// Common lists (`[States.ALL]`, the transient Lambda errors) are shared statics
    /// ([`Cow::Borrowed`]); `.to_mut()` gives a vector to edit.
    pub error_equals: Cow<'static, [ErrorName]>,
    /// Where to put the error output in the raw input (JSONPath; `null` keeps the input).
    /// Serialized as `ResultPath`.
    pub result_path: Option<Nullable<ReferencePath>>,
    /// The output passed to `next` (JSONata). Serialized as `Output`.
    pub output: Option<Payload>,
    /// Variables to set when this catcher runs. Serialized as `Assign`.
    pub assign: Option<PayloadObject>,
    /// The state to continue with. Serialized as `Next`.
    pub next: StateName,
    /// Free text. Serialized as `Comment`.
    pub comment: Option<String>,
}

impl Catcher {
    /// A catcher for `errors` (a `Vec<ErrorName>` or a `&'static [ErrorName]`) that
    /// continues with `next`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::{Catcher, ErrorName};
    ///
    /// let catcher = Catcher::new(vec![ErrorName::All], "Recover");
    /// assert_eq!(catcher.error_equals[..], [ErrorName::All]);
    /// assert_eq!(catcher.next, "Recover");
    /// ```
    #[must_use]
    pub fn new(errors: impl Into<Cow<'static, [ErrorName]>>, next: impl Into<StateName>) -> Self {
        Self {
            error_equals: ErrorName::shared_list(errors.into()),
            result_path: None,
            output: None,
            assign: None,
            next: next.into(),
            comment: None,
        }
    }
}
