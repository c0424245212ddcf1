//! Comparing local results with recorded ones around the placeholders the recordings used
//! (`<uuid:1>`, `<region>`, `date`, …).

use serde_json::Value;

/// Whole recorded strings that stand for any value.
const WHOLE_MASKS: &[&str] = &[
    "date",
    "timestamp",
    "snf_role_arn",
    "start-date",
    "stop-date",
    "RandomNumberGenerated",
    "generated-uuid",
];

/// Whether a recorded string is one of the recorder's whole-value masks.
pub(crate) fn is_whole_mask(text: &str) -> bool {
    WHOLE_MASKS.contains(&text)
}

/// Whether `local` matches `recorded`, where recorded strings may hold `<…>` masks and
/// recorded objects may stand for JSON text the recorder parsed.
pub(crate) fn matches(recorded: &Value, local: &Value) -> bool {
    match (recorded, local) {
        (Value::String(pattern), Value::String(text)) => {
            string_matches(pattern, text) || json_text_matches(pattern, local)
        }
        (Value::String(pattern), other) => {
            WHOLE_MASKS.contains(&pattern.as_str())
                || is_mask(pattern) && !other.is_object()
                || json_text_matches(pattern, other)
        }
        (Value::Number(left), Value::Number(right)) => {
            left == right
                || left
                    .as_f64()
                    .zip(right.as_f64())
                    .is_some_and(|(a, b)| (a - b).abs() <= f64::EPSILON * a.abs().max(b.abs()))
        }
        (Value::Array(left), Value::Array(right)) => {
            left.len() == right.len() && left.iter().zip(right).all(|(a, b)| matches(a, b))
        }
        (Value::Object(left), Value::Object(right)) => {
            left.len() == right.len()
                && left
                    .iter()
                    .all(|(key, value)| right.get(key).is_some_and(|other| matches(value, other)))
        }
        // The recorder parsed JSON text into values; parse ours the same way.
        (recorded, Value::String(text)) if !recorded.is_string() => {
            serde_json::from_str::<Value>(text).is_ok_and(|parsed| matches(recorded, &parsed))
        }
        (left, right) => left == right,
    }
}

/// Whether `text` is JSON text (as AWS returns outputs) of a value matching `local`.
fn json_text_matches(text: &str, local: &Value) -> bool {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::String(inner)) if inner == text => false,
        Ok(parsed) => matches(&parsed, local),
        Err(_) => false,
    }
}

fn is_mask(text: &str) -> bool {
    text.starts_with('<') && text.ends_with('>') && !text[1..text.len() - 1].contains(['<', '>'])
}

/// Matches a string with `<…>` masks, each standing for any run of characters.
fn string_matches(pattern: &str, text: &str) -> bool {
    if pattern == text || WHOLE_MASKS.contains(&pattern) {
        return true;
    }
    let mut literals = Vec::new();
    let mut literal_start = 0;
    let mut search = 0;
    let mut masked = false;
    while let Some(offset) = pattern[search..].find('<') {
        let start = search + offset;
        let Some(length) = pattern[start..].find('>') else {
            break;
        };
        let name = &pattern[start + 1..start + length];
        if !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "_-:.".contains(c))
        {
            literals.push(&pattern[literal_start..start]);
            literal_start = start + length + 1;
            masked = true;
            search = literal_start;
        } else {
            search = start + 1;
        }
    }
    let rest = &pattern[literal_start..];
    if !masked {
        return false;
    }
    literals.push(rest);
    // Glob match: the first literal anchors the start, the last the end.
    let Some((first, others)) = literals.split_first() else {
        return false;
    };
    let Some(mut remaining) = text.strip_prefix(first) else {
        return false;
    };
    let Some((last, middle)) = others.split_last() else {
        return true;
    };
    for literal in middle {
        match remaining.find(literal) {
            Some(position) => remaining = &remaining[position + literal.len()..],
            None => return false,
        }
    }
    remaining.len() >= last.len() && remaining.ends_with(last)
}

#[cfg(test)]
mod tests {
    use super::matches;
    use serde_json::json;

    #[test]
    fn masks_stand_for_any_text() {
        assert!(matches(
            &json!(
                "arn:<partition>:states:<region>:111111111111:execution:<ArnPart_0idx>:<ExecArnPart_0idx>"
            ),
            &json!("arn:aws:states:us-east-1:111111111111:execution:StateMachine:abc")
        ));
        assert!(!matches(
            &json!("arn:<partition>:lambda"),
            &json!("arn:aws:states")
        ));
        assert!(matches(
            &json!({"t": "date", "u": "<uuid:1>"}),
            &json!({"t": "2024", "u": "x"})
        ));
        assert!(matches(&json!({"a": [1, 2]}), &json!("{\"a\":[1,2]}")));
        assert!(!matches(&json!({"a": 1}), &json!({"a": 1, "b": 2})));
        assert!(matches(&json!(1.0), &json!(1)));
    }
}
