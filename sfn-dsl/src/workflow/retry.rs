//! `Retry`: the retry policy of a workflow step, written `.retry(Retry::on_all())`.

use std::time::Duration;

use serde_json::Number;

use crate::model::{ErrorName, JitterStrategy, Retrier};

/// A retry policy for a task call, `parallel!` or fan-out, compiled to one `Retry` entry.
///
/// Values left unset take the AWS defaults (1 s interval, 3 attempts, backoff 2.0).
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
}

impl Default for Retry {
    /// Retries every error (`States.ALL`) with the AWS defaults.
    fn default() -> Self {
        Self::on_all()
    }
}

impl Retry {
    /// Retries every error (`States.ALL`).
    pub fn on_all() -> Self {
        Self::on([ErrorName::All])
    }

    /// Retries the errors named.
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
        }
    }

    /// The delay before the first retry (`IntervalSeconds`, whole seconds, at least 1).
    pub fn interval(mut self, interval: Duration) -> Self {
        self.retrier.interval_seconds = Some(interval.as_secs().max(1));
        self
    }

    /// How many times to retry (`MaxAttempts`; 0 never retries).
    pub fn max_attempts(mut self, attempts: u64) -> Self {
        self.retrier.max_attempts = Some(attempts);
        self
    }

    /// The multiplier of the delay after each retry (`BackoffRate`, at least 1.0).
    pub fn backoff_rate(mut self, rate: f64) -> Self {
        self.retrier.backoff_rate = Number::from_f64(rate.max(1.0));
        self
    }

    /// The longest delay between retries (`MaxDelaySeconds`).
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.retrier.max_delay_seconds = Some(delay.as_secs().max(1));
        self
    }

    /// Randomises each delay between 0 and the computed delay (`JitterStrategy: FULL`).
    pub fn full_jitter(mut self) -> Self {
        self.retrier.jitter_strategy = Some(JitterStrategy::Full);
        self
    }

    /// The `Retry` entry.
    #[must_use]
    pub fn into_retrier(self) -> Retrier {
        self.retrier
    }
}

impl From<Retry> for Retrier {
    fn from(retry: Retry) -> Self {
        retry.into_retrier()
    }
}
