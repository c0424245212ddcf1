//! `Retry`: the retry policy of a workflow step, written `.retry(Retry::on_all())`.

use std::time::Duration;

use serde_json::Number;

use crate::model::{ErrorName, JitterStrategy, Retrier};

/// A retry policy for a task call, `parallel!` or fan-out, compiled to one `Retry` entry.
///
/// Values left unset take the AWS defaults (1 s interval, 3 attempts, backoff 2.0).
///
/// A value ASL cannot hold (an interval of 1.5 s or 0 s, a backoff rate below 1.0 or not
/// finite) is remembered: a workflow's `definition()` refuses it with the field's pointer
/// (`/States/Charge/Retry/0/IntervalSeconds`), where [`Retry::into_retrier`] rounds it.
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use sfn_dsl::workflow::Retry;
///
/// let retrier = Retry::on(["Lambda.TooManyRequestsException", "Lambda.ServiceException"])
///     .interval(Duration::from_secs(2))
///     .max_attempts(5)
///     .backoff_rate(1.5)
///     .full_jitter()
///     .into_retrier();
/// assert_eq!(retrier.error_equals.len(), 2);
/// assert_eq!(retrier.interval_seconds, Some(2));
/// assert_eq!(Retry::default().into_retrier().error_equals[0].as_str(), "States.ALL");
/// ```
#[derive(Clone, Debug, PartialEq)]
#[must_use]
pub struct Retry {
    retrier: Retrier,
    /// Values given that ASL cannot hold, by field, with what was given.
    refused: Vec<(&'static str, String)>,
}

impl Default for Retry {
    /// Retries every error (`States.ALL`) with the AWS defaults.
    fn default() -> Self {
        Self::on_all()
    }
}

impl Retry {
    /// Retries every error (`States.ALL`).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::ErrorName;
    /// use sfn_dsl::workflow::Retry;
    ///
    /// assert_eq!(Retry::on_all().into_retrier().error_equals[..], [ErrorName::All]);
    /// ```
    pub fn on_all() -> Self {
        Self::on([ErrorName::All])
    }

    /// Retries the errors named.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::ErrorName;
    /// use sfn_dsl::workflow::Retry;
    ///
    /// let retrier = Retry::on(["States.Timeout", "Busy"]).into_retrier();
    /// assert_eq!(retrier.error_equals[..], [ErrorName::Timeout, ErrorName::parse("Busy")]);
    /// assert_eq!(retrier.max_attempts, None); // AWS's default, 3
    /// ```
    pub fn on<E: Into<ErrorName>>(errors: impl IntoIterator<Item = E>) -> Self {
        Self {
            retrier: Retrier {
                error_equals: errors
                    .into_iter()
                    .map(Into::into)
                    .collect::<Vec<_>>()
                    .into(),
                ..Retrier::default()
            },
            refused: Vec::new(),
        }
    }

    /// The delay before the first retry (`IntervalSeconds`: whole seconds, at least 1).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    /// use sfn_dsl::workflow::Retry;
    ///
    /// assert_eq!(Retry::on_all().interval(Duration::from_secs(10)).into_retrier().interval_seconds, Some(10));
    /// assert!(!Retry::on_all().interval(Duration::ZERO).refused().is_empty()); // at least 1 s
    /// ```
    pub fn interval(mut self, interval: Duration) -> Self {
        self.retrier.interval_seconds = Some(self.whole_seconds("IntervalSeconds", interval));
        self
    }

    /// How many times to retry (`MaxAttempts`; 0 never retries).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::workflow::Retry;
    ///
    /// assert_eq!(Retry::on_all().max_attempts(0).into_retrier().max_attempts, Some(0));
    /// ```
    pub fn max_attempts(mut self, attempts: u64) -> Self {
        self.retrier.max_attempts = Some(attempts);
        self
    }

    /// The multiplier of the delay after each retry (`BackoffRate`: at least 1.0).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::workflow::Retry;
    ///
    /// let retrier = Retry::on_all().backoff_rate(3.0).into_retrier();
    /// assert_eq!(retrier.backoff_rate.and_then(|rate| rate.as_f64()), Some(3.0));
    /// assert_eq!(Retry::on_all().backoff_rate(0.5).refused()[0].0, "BackoffRate"); // below 1.0
    /// ```
    pub fn backoff_rate(mut self, rate: f64) -> Self {
        self.refused.retain(|(field, _)| *field != "BackoffRate");
        if !(rate.is_finite() && rate >= 1.0) {
            self.refused.push((
                "BackoffRate",
                format!("{rate} is not a number of at least 1.0, which `BackoffRate` takes"),
            ));
        }
        self.retrier.backoff_rate =
            Number::from_f64(if rate.is_finite() { rate.max(1.0) } else { 1.0 });
        self
    }

    /// The longest delay between retries (`MaxDelaySeconds`: whole seconds, at least 1).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    /// use sfn_dsl::workflow::Retry;
    ///
    /// let retrier = Retry::on_all().max_delay(Duration::from_secs(300)).into_retrier();
    /// assert_eq!(retrier.max_delay_seconds, Some(300));
    /// ```
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.retrier.max_delay_seconds = Some(self.whole_seconds("MaxDelaySeconds", delay));
        self
    }

    /// Randomises each delay between 0 and the computed delay (`JitterStrategy: FULL`).
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::model::JitterStrategy;
    /// use sfn_dsl::workflow::Retry;
    ///
    /// assert_eq!(Retry::on_all().full_jitter().into_retrier().jitter_strategy, Some(JitterStrategy::Full));
    /// assert_eq!(Retry::on_all().into_retrier().jitter_strategy, None);
    /// ```
    pub fn full_jitter(mut self) -> Self {
        self.retrier.jitter_strategy = Some(JitterStrategy::Full);
        self
    }

    /// The `Retry` entry. A value ASL cannot hold is rounded here: durations to whole
    /// seconds (at least 1), the backoff rate up to 1.0. (A workflow's `definition()`
    /// refuses such values instead; see [`Retry::refused`].)
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    /// use sfn_dsl::workflow::Retry;
    ///
    /// let retrier = Retry::on_all().interval(Duration::from_millis(2500)).into_retrier();
    /// assert_eq!(retrier.interval_seconds, Some(2)); // rounded to whole seconds
    /// ```
    #[must_use]
    pub fn into_retrier(self) -> Retrier {
        self.retrier
    }

    /// The values given that ASL cannot hold, as `(field, why)`: empty for a policy that
    /// [`Retry::into_retrier`] writes exactly as given.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    /// use sfn_dsl::workflow::Retry;
    ///
    /// let policy = Retry::on_all().interval(Duration::from_millis(1500)).backoff_rate(0.5);
    /// let fields: Vec<_> = policy.refused().iter().map(|(field, _)| *field).collect();
    /// assert_eq!(fields, ["IntervalSeconds", "BackoffRate"]);
    /// assert_eq!(policy.into_retrier().interval_seconds, Some(1));
    /// assert!(Retry::on_all().interval(Duration::from_secs(2)).refused().is_empty());
    /// ```
    #[must_use]
    pub fn refused(&self) -> &[(&'static str, String)] {
        &self.refused
    }

    /// `duration` in whole seconds for `field`; a fraction of a second or zero is recorded
    /// as refused and rounded (down, to at least 1).
    fn whole_seconds(&mut self, field: &'static str, duration: Duration) -> u64 {
        self.refused.retain(|(refused, _)| *refused != field);
        if duration.subsec_nanos() != 0 || duration.as_secs() == 0 {
            self.refused.push((
                field,
                format!(
                    "{duration:?} is not a positive whole number of seconds, which `{field}` takes"
                ),
            ));
        }
        duration.as_secs().max(1)
    }
}

impl From<Retry> for Retrier {
    fn from(retry: Retry) -> Self {
        retry.into_retrier()
    }
}
