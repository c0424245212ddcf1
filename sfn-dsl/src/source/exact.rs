//! Number literals the model cannot hold exactly: integers beyond 64 bits, decimals with
//! more digits than a 64-bit float keeps, and values that underflow to zero. The model
//! reads numbers as `serde_json` does (`u64`, `i64` or `f64`), so printing such a number
//! gives another value; the validator warns about them and `sfn fmt` refuses to rewrite
//! them.

use super::json::Kind;
use super::{Document, Node, NodeValue, Span, escape_pointer_segment};

/// A number literal whose value the model holds only approximately.
///
/// # Examples
///
/// ```
/// use sfn_dsl::source::Document;
///
/// let document = Document::parse(r#"{"Result": {"id": 12345678901234567890123, "ok": 1.5}}"#)?;
/// let inexact = document.inexact_numbers();
/// assert_eq!(inexact.len(), 1);
/// assert_eq!(inexact[0].pointer, "/Result/id");
/// assert_eq!(inexact[0].literal, "12345678901234567890123");
/// assert_eq!(inexact[0].read_as, "1.2345678901234568e+22");
/// # Ok::<(), sfn_dsl::ParseError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct InexactNumber {
    /// Where the number is, as a JSON pointer.
    pub pointer: String,
    /// Where the literal is written.
    pub span: Span,
    /// The literal as written.
    pub literal: String,
    /// The value the model holds, as it prints.
    pub read_as: String,
}

impl Document {
    /// The number literals whose value the model cannot hold exactly, in document order.
    ///
    /// Such a number parses, but prints as another value: `18446744073709551616` as
    /// `1.8446744073709552e+19`, `0.1234567890123456789` rounded to 17 digits, `1e-400` as
    /// `0.0`. Notations of the same value (`1e2` for `100.0`, `-0`) are exact.
    ///
    /// # Examples
    ///
    /// ```
    /// use sfn_dsl::source::Document;
    ///
    /// let document = Document::parse(r#"[1e2, -0, 18446744073709551615, 18446744073709551616, 1e-400]"#)?;
    /// let inexact: Vec<_> = document.inexact_numbers().into_iter().map(|number| (number.pointer, number.read_as)).collect();
    /// assert_eq!(
    ///     inexact,
    ///     [("/3".to_owned(), "1.8446744073709552e+19".to_owned()), ("/4".to_owned(), "0.0".to_owned())]
    /// );
    /// # Ok::<(), sfn_dsl::ParseError>(())
    /// ```
    #[must_use]
    pub fn inexact_numbers(&self) -> Vec<InexactNumber> {
        if !self.has_long_numbers() {
            return Vec::new();
        }
        let any = self
            .tape()
            .iter()
            .any(|entry| entry.kind() == Kind::Number && !is_exact(self.source(*entry)));
        let mut found = Vec::new();
        if any {
            let mut pointer = String::new();
            collect(self, self.root(), &mut pointer, &mut found);
        }
        found
    }
}

fn collect(
    document: &Document,
    node: Node<'_>,
    pointer: &mut String,
    found: &mut Vec<InexactNumber>,
) {
    match node.value() {
        NodeValue::Number(number) => {
            let span = node.span();
            let literal = document
                .text()
                .get(span.start..span.end)
                .unwrap_or_default();
            if !is_exact(literal) {
                found.push(InexactNumber {
                    pointer: pointer.clone(),
                    span,
                    literal: literal.to_owned(),
                    read_as: number.to_string(),
                });
            }
        }
        NodeValue::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                let length = pointer.len();
                pointer.push('/');
                pointer.push_str(&index.to_string());
                collect(document, item, pointer, found);
                pointer.truncate(length);
            }
        }
        NodeValue::Object(members) => {
            for member in members.iter() {
                let length = pointer.len();
                pointer.push('/');
                pointer.push_str(&escape_pointer_segment(&member.key));
                collect(document, member.value, pointer, found);
                pointer.truncate(length);
            }
        }
        NodeValue::Null | NodeValue::Bool(_) | NodeValue::String(_) => {}
    }
}

/// Whether the number `literal` (valid JSON) keeps its value when read as `serde_json`
/// reads it and printed again.
pub(crate) fn is_exact(literal: &str) -> bool {
    let digits = literal.bytes().filter(u8::is_ascii_digit).count();
    let plain = literal
        .bytes()
        .all(|byte| byte.is_ascii_digit() || byte == b'-' || byte == b'.');
    // Integers of up to 18 digits fit an `i64`/`u64`; decimals of up to 15 significant
    // digits survive the round trip through the nearest `f64`.
    if plain && (digits <= 15 || (digits <= 18 && !literal.contains('.'))) {
        return true;
    }
    let Ok(number) = literal.parse::<serde_json::Number>() else {
        return false;
    };
    Decimal::parse(literal) == Decimal::parse(&number.to_string())
}

/// A decimal number in a normal form: sign, significant digits without leading or trailing
/// zeros, and the power of ten of the first digit. Zero has no digits (and no sign).
#[derive(Debug, PartialEq, Eq)]
struct Decimal {
    negative: bool,
    digits: String,
    exponent: i64,
}

impl Decimal {
    fn parse(text: &str) -> Self {
        let (negative, text) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (mantissa, power) = match text.find(['e', 'E']) {
            Some(at) => (
                text.get(..at).unwrap_or_default(),
                text.get(at + 1..).unwrap_or_default(),
            ),
            None => (text, "0"),
        };
        let power = parse_exponent(power);
        let (integer, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let all: String = integer.chars().chain(fraction.chars()).collect();
        let leading = all.len() - all.trim_start_matches('0').len();
        let digits = all.trim_start_matches('0').trim_end_matches('0').to_owned();
        let integer_len = i64::try_from(integer.len()).unwrap_or(i64::MAX);
        let leading = i64::try_from(leading).unwrap_or(i64::MAX);
        let exponent = power.saturating_add(integer_len).saturating_sub(leading);
        if digits.is_empty() {
            return Self {
                negative: false,
                digits,
                exponent: 0,
            };
        }
        Self {
            negative,
            digits,
            exponent,
        }
    }
}

/// An exponent's value, saturating far beyond any `f64` range.
fn parse_exponent(text: &str) -> i64 {
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, text.get(1..).unwrap_or_default()),
        Some(b'+') => (false, text.get(1..).unwrap_or_default()),
        _ => (false, text),
    };
    let magnitude = digits.bytes().fold(0_i64, |value, digit| {
        value
            .saturating_mul(10)
            .saturating_add(i64::from(digit.wrapping_sub(b'0')))
    });
    if negative { -magnitude } else { magnitude }
}

#[cfg(test)]
mod tests {
    use super::is_exact;

    #[test]
    fn notations_of_a_held_value_are_exact() {
        for literal in [
            "0",
            "-0",
            "1.0",
            "1e2",
            "1E+2",
            "-2.50",
            "0.1",
            "123456789012345678",
            "18446744073709551615",
            "-9223372036854775808",
            "1.5e300",
            "0.000001",
            "1.7976931348623157e308",
            "5e-324",
        ] {
            assert!(is_exact(literal), "{literal}");
        }
    }

    #[test]
    fn values_the_model_rounds_are_not() {
        for literal in [
            "18446744073709551616",
            "-9223372036854775809",
            "12345678901234567890123",
            "123456789.123456789",
            "1e-400",
            "0.12345678901234567891",
        ] {
            assert!(!is_exact(literal), "{literal}");
        }
    }
}
