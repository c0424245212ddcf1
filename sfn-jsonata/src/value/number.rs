//! Numbers printed as JavaScript prints them (JSONata's output format).

/// Shortest round-trip decimal digits and the exponent of the first digit
/// (`1234.5` gives `("12345", 3)`).
fn shortest_digits(value: f64) -> (String, i32) {
    split_scientific(&format!("{:e}", value.abs()))
}

fn split_scientific(text: &str) -> (String, i32) {
    let (mantissa, exponent) = text.split_once('e').unwrap_or((text, "0"));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.trim_end_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    (digits.to_string(), exponent.parse().unwrap_or(0))
}

/// `Number.prototype.toString()` for a finite number.
pub(crate) fn format_js(value: f64) -> String {
    if value == 0.0 {
        return "0".to_string();
    }
    if value.is_nan() {
        return "NaN".to_string();
    }
    if value.is_infinite() {
        return if value > 0.0 { "Infinity" } else { "-Infinity" }.to_string();
    }
    let (digits, exponent) = shortest_digits(value);
    let sign = if value < 0.0 { "-" } else { "" };
    format!("{sign}{}", layout(&digits, exponent))
}

/// Lays out significant digits the way ECMAScript's `Number::toString` does.
fn layout(digits: &str, exponent: i32) -> String {
    let count = i32::try_from(digits.len()).unwrap_or(i32::MAX);
    // n: position of the decimal point relative to the digits.
    let point = exponent + 1;
    if count <= point && point <= 21 {
        let zeros = usize::try_from(point - count).unwrap_or(0);
        format!("{digits}{}", "0".repeat(zeros))
    } else if 0 < point && point <= 21 {
        let split = usize::try_from(point).unwrap_or(0);
        let (whole, fraction) = digits.split_at(split.min(digits.len()));
        format!("{whole}.{fraction}")
    } else if -6 < point && point <= 0 {
        let zeros = usize::try_from(-point).unwrap_or(0);
        format!("0.{}{digits}", "0".repeat(zeros))
    } else {
        let sign = if exponent < 0 { '-' } else { '+' };
        let (first, rest) = digits.split_at(1.min(digits.len()));
        if rest.is_empty() {
            format!("{first}e{sign}{}", exponent.abs())
        } else {
            format!("{first}.{rest}e{sign}{}", exponent.abs())
        }
    }
}

/// `Number(value.toPrecision(15))`: JSONata's number cleanup before printing.
pub(crate) fn to_precision_15(value: f64) -> f64 {
    if !value.is_finite() || value == 0.0 {
        return value;
    }
    format!("{value:.14e}").parse().unwrap_or(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_javascript() {
        assert_eq!(format_js(1.0), "1");
        assert_eq!(format_js(-1.5), "-1.5");
        assert_eq!(format_js(1e21), "1e+21");
        assert_eq!(format_js(1e20), "100000000000000000000");
        assert_eq!(format_js(1.5e-7), "1.5e-7");
        assert_eq!(format_js(0.000_001), "0.000001");
        assert_eq!(format_js(123.456), "123.456");
        assert_eq!(format_js(0.1 + 0.2), "0.30000000000000004");
        assert!((to_precision_15(0.1 + 0.2) - 0.3).abs() < f64::EPSILON);
    }
}
