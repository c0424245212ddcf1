//! How AWS's Java runtime prints values in places where JSON is not used: `States.Format`
//! arguments (`{Arg1=1, Arg2=[]}`) and Jayway's error messages.

use serde_json::{Number, Value};

/// `value` as Java's `toString` of the maps, lists and boxed scalars it is read into: objects as
/// `{key=value, …}`, arrays as `[a, b]`, strings without quotes.
pub(crate) fn to_java_string(value: &Value) -> String {
    let mut text = String::new();
    write_value(&mut text, value);
    text
}

fn write_value(text: &mut String, value: &Value) {
    match value {
        Value::Null => text.push_str("null"),
        Value::Bool(flag) => text.push_str(if *flag { "true" } else { "false" }),
        Value::Number(number) => text.push_str(&java_number(number)),
        Value::String(string) => text.push_str(string),
        Value::Array(items) => {
            text.push('[');
            for (position, item) in items.iter().enumerate() {
                if position > 0 {
                    text.push_str(", ");
                }
                write_value(text, item);
            }
            text.push(']');
        }
        Value::Object(map) => {
            text.push('{');
            for (position, (key, item)) in map.iter().enumerate() {
                if position > 0 {
                    text.push_str(", ");
                }
                text.push_str(key);
                text.push('=');
                write_value(text, item);
            }
            text.push('}');
        }
    }
}

/// A JSON number as Java prints it: integers as written, decimals as `Double.toString` does
/// (`1.1`, `100.0`, `1.0E10`, `1.0E-5`).
pub(crate) fn java_number(number: &Number) -> String {
    if number.is_i64() || number.is_u64() {
        return number.to_string();
    }
    number
        .as_f64()
        .map_or_else(|| number.to_string(), java_double)
}

fn java_double(value: f64) -> String {
    if value == 0.0 {
        return if value.is_sign_negative() {
            "-0.0"
        } else {
            "0.0"
        }
        .to_owned();
    }
    let magnitude = value.abs();
    if (1e-3..1e7).contains(&magnitude) {
        let text = format!("{value}");
        return if text.contains('.') {
            text
        } else {
            format!("{text}.0")
        };
    }
    let scientific = format!("{value:e}");
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    if mantissa.contains('.') {
        format!("{mantissa}E{exponent}")
    } else {
        format!("{mantissa}.0E{exponent}")
    }
}

/// The Java class Jackson reads a JSON value into, for Jayway's "not a json object" message.
pub(crate) fn java_class(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "java.lang.Boolean",
        Value::Number(number) => match number.as_i64() {
            Some(integer) if i32::try_from(integer).is_ok() => "java.lang.Integer",
            Some(_) => "java.lang.Long",
            None if number.is_u64() => "java.math.BigInteger",
            None => "java.lang.Double",
        },
        Value::String(_) => "java.lang.String",
        Value::Array(_) => "java.util.ArrayList",
        Value::Object(_) => "java.util.LinkedHashMap",
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{java_class, to_java_string};

    #[test]
    fn maps_and_lists_print_as_java_collections() {
        // Recorded: States.Format rendered {"Arg1": 1, "Arg2": []} as {Arg1=1, Arg2=[]}.
        assert_eq!(
            to_java_string(&json!({"Arg1": 1, "Arg2": []})),
            "{Arg1=1, Arg2=[]}"
        );
        assert_eq!(
            to_java_string(&json!([1, "a", null, true, {"b": [2.5]}])),
            "[1, a, null, true, {b=[2.5]}]"
        );
    }

    #[test]
    fn numbers_print_as_java_doubles() {
        for (value, text) in [
            (json!(1), "1"),
            (json!(1.1), "1.1"),
            (json!(100.0), "100.0"),
            (json!(-0.5), "-0.5"),
            (json!(1e10), "1.0E10"),
            (json!(1.5e-5), "1.5E-5"),
            (json!(12_345_678.9), "1.23456789E7"),
            (json!(0.001), "0.001"),
            (json!(0.0), "0.0"),
            (json!(u64::MAX), "18446744073709551615"),
        ] {
            assert_eq!(to_java_string(&value), text);
        }
    }

    #[test]
    fn classes() {
        assert_eq!(java_class(&json!(1)), "java.lang.Integer");
        assert_eq!(java_class(&json!(10_000_000_000_i64)), "java.lang.Long");
        assert_eq!(java_class(&json!(1.5)), "java.lang.Double");
        assert_eq!(java_class(&json!("a")), "java.lang.String");
        assert_eq!(java_class(&json!(null)), "null");
    }
}
