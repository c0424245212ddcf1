//! A small deterministic YAML emitter for JSON values: block mappings and sequences, keys
//! plain when that is unambiguous, every string double-quoted (JSON string syntax is valid
//! YAML), members in their JSON order.

use std::fmt::Write;

use serde_json::Value;

/// The value as a YAML document (YAML 1.2; reading it back gives the same JSON value).
///
/// # Examples
///
/// ```
/// use serde_json::json;
/// use sfn_dsl::build::to_yaml;
///
/// let yaml = to_yaml(&json!({"StartAt": "A", "States": {"A": {"Type": "Wait", "Seconds": 5, "End": true}},
///                            "List": [1, {"x": null}], "Empty": {}}));
/// assert_eq!(yaml, "\
/// StartAt: \"A\"
/// States:
///   A:
///     Type: \"Wait\"
///     Seconds: 5
///     End: true
/// List:
///   - 1
///   - x: null
/// Empty: {}
/// ");
/// ```
#[must_use]
pub fn to_yaml(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Object(map) if !map.is_empty() => mapping(&mut out, map, 0),
        Value::Array(items) if !items.is_empty() => sequence(&mut out, items, 0),
        scalar => {
            out.push_str(&inline(scalar));
            out.push('\n');
        }
    }
    out
}

fn mapping(out: &mut String, map: &serde_json::Map<String, Value>, indent: usize) {
    for (index, (key, value)) in map.iter().enumerate() {
        // The first key of a mapping inside a sequence item follows its `- `.
        if index > 0 || !out.ends_with("- ") {
            out.push_str(&" ".repeat(indent));
        }
        out.push_str(&key_text(key));
        out.push(':');
        block_value(out, value, indent + 2);
    }
}

fn sequence(out: &mut String, items: &[Value], indent: usize) {
    for item in items {
        out.push_str(&" ".repeat(indent));
        match item {
            Value::Object(map) if !map.is_empty() => {
                out.push_str("- ");
                mapping(out, map, indent + 2);
            }
            Value::Array(nested) if !nested.is_empty() => {
                out.push_str("-\n");
                sequence(out, nested, indent + 2);
            }
            scalar => {
                out.push_str("- ");
                out.push_str(&inline(scalar));
                out.push('\n');
            }
        }
    }
}

/// What follows `key:`: a scalar on the same line, or a nested block.
fn block_value(out: &mut String, value: &Value, indent: usize) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            out.push('\n');
            mapping(out, map, indent);
        }
        Value::Array(items) if !items.is_empty() => {
            out.push('\n');
            sequence(out, items, indent);
        }
        scalar => {
            let _ = writeln!(out, " {}", inline(scalar));
        }
    }
}

fn inline(value: &Value) -> String {
    match value {
        Value::Object(_) => "{}".to_owned(),
        Value::Array(_) => "[]".to_owned(),
        // JSON scalars are YAML scalars: numbers, true, false, null and double-quoted strings.
        other => other.to_string(),
    }
}

/// A key as written: plain when it is a simple word YAML cannot read as anything else.
fn key_text(key: &str) -> String {
    let simple = key
        .chars()
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic() || first == '_')
        && key
            .chars()
            .all(|character| character.is_ascii_alphanumeric() || matches!(character, '_' | '-'));
    let reserved = matches!(
        key.to_ascii_lowercase().as_str(),
        "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n" | "~"
    );
    if simple && !reserved {
        key.to_owned()
    } else {
        Value::String(key.to_owned()).to_string()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::to_yaml;

    #[test]
    fn awkward_keys_and_nesting() {
        let yaml =
            to_yaml(&json!({"Payload.$": "$.x", "yes": [[1, 2], []], "a b": {"c": "line\nbreak"}}));
        assert_eq!(
            yaml,
            "\"Payload.$\": \"$.x\"\n\"yes\":\n  -\n    - 1\n    - 2\n  - []\n\"a b\":\n  c: \"line\\nbreak\"\n"
        );
    }
}
