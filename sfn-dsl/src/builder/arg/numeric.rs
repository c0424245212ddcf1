//! Numbers accepted by numeric settings: [`Numeric`].

use serde_json::Number;

/// Numbers accepted by numeric settings: every primitive integer and float, and
/// [`serde_json::Number`]. Floats that are not finite cannot be written in JSON and are
/// reported by `build()`.
///
/// # Examples
///
/// ```
/// use sfn_dsl::prelude::*;
///
/// // Integers and floats are both accepted, and written as given.
/// let charge = TaskState::lambda_invoke("Charge", "charge-card")
///     .retry(Retrier::builder([ErrorName::Timeout]).backoff_rate(1.5))
///     .retry(Retrier::builder([ErrorName::TaskFailed]).backoff_rate(3u8));
/// let machine = StateMachine::builder().start(charge).build()?;
/// let retry = &machine.to_value()["States"]["Charge"]["Retry"];
/// assert_eq!(retry[0]["BackoffRate"], 1.5);
/// assert_eq!(retry[1]["BackoffRate"].to_string(), "3");
///
/// // A number JSON cannot hold is reported by `build()`.
/// let error = StateMachine::builder()
///     .start(TaskState::lambda_invoke("Charge", "charge-card").retry(
///         Retrier::builder([ErrorName::Timeout]).backoff_rate(f64::NAN),
///     ))
///     .build()
///     .unwrap_err();
/// assert_eq!(error.issues()[0].kind, BuildIssueKind::InvalidValue);
/// # Ok::<(), sfn_dsl::Error>(())
/// ```
pub trait Numeric: Copy {
    /// The JSON number, or `None` when the value is not finite.
    fn to_number(self) -> Option<Number>;
}

macro_rules! numeric_int {
    ($($type:ty),+) => {
        $(impl Numeric for $type {
            fn to_number(self) -> Option<Number> {
                Some(Number::from(self))
            }
        })+
    };
}

numeric_int!(i8, i16, i32, i64, u8, u16, u32, u64, isize, usize);

impl Numeric for f64 {
    fn to_number(self) -> Option<Number> {
        Number::from_f64(self)
    }
}

impl Numeric for f32 {
    fn to_number(self) -> Option<Number> {
        Number::from_f64(f64::from(self))
    }
}

impl Numeric for &Number {
    fn to_number(self) -> Option<Number> {
        Some(self.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::Numeric;

    #[test]
    fn only_finite_floats_are_numbers() {
        assert_eq!(
            1.5f64.to_number().map(|n| n.to_string()),
            Some("1.5".to_owned())
        );
        assert_eq!(f64::NAN.to_number(), None);
        assert_eq!(7u8.to_number().map(|n| n.to_string()), Some("7".to_owned()));
    }
}
