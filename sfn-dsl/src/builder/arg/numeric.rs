//! Numbers accepted by numeric settings: [`Numeric`].

use serde_json::Number;

/// Numbers accepted by numeric settings: every primitive integer and float, and
/// [`serde_json::Number`]. Floats that are not finite cannot be written in JSON and are
/// reported by `build()`.
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
