//! YAML scalars as JSON literals, after YAML 1.2's core schema.

use saphyr_parser::{ScalarStyle, Tag};

use super::Problem;
use crate::source::Span;

/// The JSON literal a scalar stands for, after YAML 1.2's core schema.
pub(super) fn scalar(
    value: &str,
    style: ScalarStyle,
    tag: Option<&Tag>,
    span: Span,
) -> Result<String, Problem> {
    let resolved = match tag {
        Some(tag) if tag.is_yaml_core_schema() => match tag.suffix.as_str() {
            "str" => Resolved::String,
            "null" => Resolved::Null,
            "bool" => Resolved::Bool,
            "int" => Resolved::Int,
            "float" => Resolved::Float,
            _ => return Err(unsupported_tag(tag, span)),
        },
        // The non-specific tag `!` makes a plain scalar a string, as in the core schema
        // (the parser gives it an empty handle and the suffix `!`).
        Some(tag) if tag.handle.is_empty() && tag.suffix == "!" => Resolved::String,
        Some(tag) => return Err(unsupported_tag(tag, span)),
        None if style != ScalarStyle::Plain => Resolved::String,
        None => resolve_plain(value),
    };
    let not = |what: &str| {
        Problem::syntax(
            span,
            format!("`{}` is not {what}", crate::shorten::quoted(value)),
        )
    };
    match resolved {
        Resolved::String => Ok(json_string(value)),
        Resolved::Null => match value {
            "" | "~" | "null" | "Null" | "NULL" => Ok("null".to_owned()),
            _ => Err(not("a null")),
        },
        Resolved::Bool => match value {
            "true" | "True" | "TRUE" => Ok("true".to_owned()),
            "false" | "False" | "FALSE" => Ok("false".to_owned()),
            _ => Err(not("a boolean")),
        },
        Resolved::Int => integer(value).ok_or_else(|| not("an integer")),
        Resolved::Float => float(value, span)?.ok_or_else(|| not("a number")),
    }
}

/// What a scalar is.
enum Resolved {
    String,
    Null,
    Bool,
    Int,
    Float,
}

/// The core schema's reading of a plain scalar.
fn resolve_plain(value: &str) -> Resolved {
    match value {
        "" | "~" | "null" | "Null" | "NULL" => return Resolved::Null,
        "true" | "True" | "TRUE" | "false" | "False" | "FALSE" => return Resolved::Bool,
        _ => {}
    }
    if integer(value).is_some() {
        Resolved::Int
    } else if is_float(value) {
        Resolved::Float
    } else {
        Resolved::String
    }
}

/// A core-schema integer as JSON: `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+`.
fn integer(value: &str) -> Option<String> {
    // `from_str_radix` would take a sign after the prefix too (`0x+1F`), which the core
    // schema does not.
    let radix = |digits: &str, radix: u32| {
        digits
            .bytes()
            .all(|b| b.is_ascii_hexdigit())
            .then(|| u128::from_str_radix(digits, radix).ok())
            .flatten()
            .map(|n| n.to_string())
    };
    if let Some(octal) = value.strip_prefix("0o") {
        return radix(octal, 8);
    }
    if let Some(hex) = value.strip_prefix("0x") {
        return radix(hex, 16);
    }
    let (sign, digits) = match value.as_bytes().first() {
        Some(b'-') => ("-", value.get(1..)?),
        Some(b'+') => ("", value.get(1..)?),
        _ => ("", value),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // JSON has no leading zeros; the digits are kept otherwise, however many.
    let trimmed = digits.trim_start_matches('0');
    let trimmed = if trimmed.is_empty() { "0" } else { trimmed };
    let sign = if trimmed == "0" { "" } else { sign };
    Some(format!("{sign}{trimmed}"))
}

/// Whether a plain scalar is a core-schema float:
/// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, or `.inf`/`.nan` forms.
fn is_float(value: &str) -> bool {
    let unsigned = value.strip_prefix(['-', '+']).unwrap_or(value);
    if matches!(unsigned, ".inf" | ".Inf" | ".INF") || matches!(value, ".nan" | ".NaN" | ".NAN") {
        return true;
    }
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (&unsigned[..at], Some(&unsigned[at + 1..])),
        None => (unsigned, None),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (mantissa, None),
    };
    let digits = |text: &str| text.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match fraction {
        Some(fraction) => {
            digits(whole) && digits(fraction) && !(whole.is_empty() && fraction.is_empty())
        }
        None => !whole.is_empty() && digits(whole),
    };
    let exponent_ok = exponent.is_none_or(|exponent| {
        let exponent = exponent.strip_prefix(['-', '+']).unwrap_or(exponent);
        !exponent.is_empty() && digits(exponent)
    });
    mantissa_ok && exponent_ok
}

/// A core-schema float as a JSON number (`None` when it is not one); infinities and NaN,
/// which JSON cannot hold, are refused.
fn float(value: &str, span: Span) -> Result<Option<String>, Problem> {
    if !is_float(value) {
        return Ok(None);
    }
    let negative = value.starts_with('-');
    let unsigned = value.strip_prefix(['-', '+']).unwrap_or(value);
    if unsigned.starts_with('.') && unsigned.len() > 1 && !unsigned.as_bytes()[1].is_ascii_digit() {
        return Err(Problem::syntax(
            span,
            format!("`{value}` (infinity or not-a-number) has no JSON equivalent"),
        ));
    }
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (&unsigned[..at], &unsigned[at..]),
        None => (unsigned, ""),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let whole = whole.trim_start_matches('0');
    let whole = if whole.is_empty() { "0" } else { whole };
    let fraction = if mantissa.contains('.') {
        if fraction.is_empty() {
            ".0".to_owned()
        } else {
            format!(".{fraction}")
        }
    } else {
        String::new()
    };
    let sign = if negative { "-" } else { "" };
    Ok(Some(format!("{sign}{whole}{fraction}{exponent}")))
}

/// A string as a JSON string literal.
pub(super) fn json_string(value: &str) -> String {
    // Serializing a string cannot fail.
    serde_json::to_string(value).unwrap_or_default()
}

pub(super) fn unsupported_tag(tag: &Tag, span: Span) -> Problem {
    Problem::syntax(
        span,
        format!(
            "the tag `{}` has no JSON equivalent",
            crate::shorten::quoted(&tag.to_string())
        ),
    )
    .with_hint(
        "CloudFormation tags such as `!Ref` and `!Sub` belong in the template; in the definition use `${Name}` placeholders and `DefinitionSubstitutions`",
    )
}

/// What the SAM transform's YAML 1.1 loader (PyYAML, which reads `DefinitionUri` files)
/// makes of a plain scalar that YAML 1.2 reads otherwise, if anything, after PyYAML's
/// resolvers: `yes`/`no`/`on`/`off` are booleans, `010` is octal, `0b101` binary, `-0x1F`
/// and `0x1_0` hexadecimal, `1:30` is base 60, `1_000` is a number; `0o17` and an
/// exponent without a dot and a sign (`1e3`) are strings.
pub(super) fn yaml_1_1_reading(value: &str) -> Option<&'static str> {
    match value {
        "yes" | "Yes" | "YES" | "on" | "On" | "ON" => return Some("the boolean true"),
        "no" | "No" | "NO" | "off" | "Off" | "OFF" => return Some("the boolean false"),
        _ => {}
    }
    let unsigned = value.strip_prefix(['-', '+']).unwrap_or(value);
    let digits_or_underscores =
        |text: &str| !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit() || b == b'_');
    // `[-+]?0b[0-1_]+` and `[-+]?0x[0-9a-fA-F_]+`. YAML 1.2 has no binary numbers, and its
    // hexadecimal ones have no sign and no `_`: those are strings there. PyYAML drops the
    // `_`s, and fails on a number left with no digits (`0x_`).
    let based = |prefix: &str, digit: fn(u8) -> bool| {
        unsigned
            .strip_prefix(prefix)
            .filter(|rest| !rest.is_empty() && rest.bytes().all(|b| digit(b) || b == b'_'))
    };
    let binary = based("0b", |b| matches!(b, b'0' | b'1'));
    let hexadecimal = based("0x", |b| b.is_ascii_hexdigit())
        .filter(|digits| value.len() != unsigned.len() || digits.contains('_'));
    if let Some(digits) = binary.or(hexadecimal) {
        return Some(if digits.bytes().all(|b| b == b'_') {
            "a number without digits, which fails the load"
        } else if binary.is_some() {
            "a binary number"
        } else {
            "a hexadecimal number"
        });
    }
    // `[-+]?0[0-7_]+`
    if let Some(rest) = unsigned.strip_prefix('0')
        && !rest.is_empty()
        && rest
            .bytes()
            .all(|b| (b'0'..=b'7').contains(&b) || b == b'_')
    {
        return Some("an octal number");
    }
    // `[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+`, and the same with a fraction.
    let (whole, _) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let mut parts = whole.split(':');
    let first = parts.next().unwrap_or_default();
    let sixties: Vec<&str> = parts.collect();
    let base_60 = |part: &&str| {
        (1..=2).contains(&part.len())
            && part.bytes().all(|b| b.is_ascii_digit())
            && part.parse::<u8>().is_ok_and(|n| n < 60)
    };
    if !sixties.is_empty()
        && first
            .bytes()
            .next()
            .is_some_and(|b| (b'1'..=b'9').contains(&b))
        && digits_or_underscores(first)
        && sixties.iter().all(base_60)
    {
        return Some("a base-60 number");
    }
    let integer_part = unsigned.split('.').next().unwrap_or_default();
    if unsigned.contains('_')
        && integer_part
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_digit())
        && digits_or_underscores(integer_part)
    {
        return Some("a number");
    }
    // YAML 1.2 numbers PyYAML leaves as strings.
    if unsigned.starts_with("0o") && unsigned.len() > 2 {
        return integer(value).map(|_| "a string");
    }
    if let Some(at) = unsigned.find(['e', 'E']) {
        let exponent_signed = unsigned[at + 1..].starts_with(['-', '+']);
        if is_float(value) && !(unsigned[..at].contains('.') && exponent_signed) {
            return Some("a string");
        }
    }
    None
}
