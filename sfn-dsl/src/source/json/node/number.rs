//! Reading a JSON number literal as `serde_json` does, without its parser for the common
//! short forms.

use std::str::FromStr;

use serde_json::Number;

/// The number of a valid JSON number literal, as `serde_json` reads it, except that the
/// integer `-0` is 0: `serde_json` makes it the float -0.0, AWS's reader (Jackson) the
/// integer 0 (`States.StringToJson("-0")` was recorded giving `0`). `-0.0` stays the float.
pub(super) fn number(literal: &str) -> Number {
    let bytes = literal.as_bytes();
    if bytes == b"-0" {
        return Number::from(0_u8);
    }
    // A non-negative integer of up to 19 digits fits a `u64`, which is what serde_json
    // makes of it too; anything else goes through serde_json's own reading.
    if !bytes.is_empty() && bytes.len() <= 19 && bytes.iter().all(u8::is_ascii_digit) {
        let value = bytes
            .iter()
            .fold(0_u64, |value, digit| value * 10 + u64::from(digit - b'0'));
        return Number::from(value);
    }
    if let Some(value) = short_decimal(bytes) {
        return value;
    }
    // The parser checked the literal, so this does not fail.
    Number::from_str(literal).unwrap_or_else(|_| Number::from(0_u8))
}

/// A decimal such as `2.0` or `-0.25` (no exponent, at most 15 digits), as `serde_json`
/// reads it, without its parser: the digits make an integer below 2^53 and the power of ten
/// is at most 10^15, both exact as `f64`, so one division gives the correctly rounded value
/// (Clinger's fast path), which is what `serde_json`'s `float_roundtrip` reading gives too.
fn short_decimal(bytes: &[u8]) -> Option<Number> {
    /// The powers of ten up to 10^15, exact as `f64`.
    const SCALES: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    let (negative, unsigned) = match bytes {
        [b'-', rest @ ..] => (true, rest),
        _ => (false, bytes),
    };
    let mut digits = 0_u64;
    let mut digit_count = 0_usize;
    // The number of digits after the point, once it has been seen.
    let mut fraction: Option<usize> = None;
    for &byte in unsigned {
        match byte {
            b'0'..=b'9' if digit_count < 15 => {
                digits = digits * 10 + u64::from(byte - b'0');
                digit_count += 1;
                if let Some(fraction_digits) = &mut fraction {
                    *fraction_digits += 1;
                }
            }
            b'.' if fraction.is_none() && digit_count > 0 => fraction = Some(0),
            _ => return None,
        }
    }
    let scale = SCALES.get(fraction.filter(|&count| count > 0)?)?;
    #[expect(clippy::cast_precision_loss, reason = "below 10^15, so exact as `f64`")]
    let magnitude = digits as f64 / scale;
    Number::from_f64(if negative { -magnitude } else { magnitude })
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use serde_json::Number;

    use super::{number, short_decimal};

    #[test]
    fn short_decimals_read_as_serde_json_reads_them() {
        let mut literals: Vec<String> = [
            "2.0",
            "0.1",
            "0.3",
            "-0.0",
            "-0.25",
            "1.5",
            "123456789.012345",
            "0.000000000000001",
            "999999999999999.9",
            "9007199254740993.0",
            "1.7976931348623157",
        ]
        .map(String::from)
        .to_vec();
        // Pseudo-random decimals of every length the fast path takes, and a few beyond.
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let digits = format!("{:017}", state % 10_u64.pow(17));
            let length = 2 + (state >> 58) as usize % 16;
            let digits = &digits[..length];
            let point = 1 + (state >> 40) as usize % (digits.len() - 1);
            let sign = if state & 1 == 0 { "" } else { "-" };
            let whole = digits[..point].trim_start_matches('0');
            let whole = if whole.is_empty() { "0" } else { whole };
            literals.push(format!("{sign}{whole}.{}", &digits[point..]));
        }
        let mut fast = 0;
        for literal in &literals {
            let expected = Number::from_str(literal).expect("valid JSON number");
            if let Some(read) = short_decimal(literal.as_bytes()) {
                fast += 1;
                assert_eq!(read, expected, "{literal}");
                assert_eq!(read.to_string(), expected.to_string(), "{literal}");
            }
            assert_eq!(number(literal), expected, "{literal}");
        }
        // `-0` alone reads otherwise: as AWS reads it.
        assert_eq!(number("-0"), Number::from(0_u8));
        assert_eq!(number("-0").to_string(), "0");
        assert_eq!(number("-0.0").to_string(), "-0.0");
        assert_eq!(number("-0e0").to_string(), "-0.0");
        assert!(fast > 10_000, "{fast}");
        for other in ["1e5", "-1", "12", "1.5e3", "1234567890123456.5"] {
            assert_eq!(short_decimal(other.as_bytes()), None, "{other}");
        }
    }
}
