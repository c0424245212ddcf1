//! A small deterministic YAML emitter for JSON values: block mappings and sequences, keys
//! plain when that is unambiguous, every string double-quoted (JSON string syntax is valid
//! YAML once the characters YAML does not take raw are escaped), members in their JSON order.

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
    to_yaml_with_plain(value, &[])
}

/// As [`to_yaml`], with the strings at the JSON pointers `plain` written as plain scalars
/// when they are a single `${Name}` placeholder (see [`can_be_plain`]): the deployment
/// replaces the placeholder's text, so `Seconds: ${Delay}` becomes the number `Seconds: 30`,
/// where `Seconds: "${Delay}"` would become the string `"30"`.
pub(crate) fn to_yaml_with_plain(value: &Value, plain: &[String]) -> String {
    let mut emitter = Emitter {
        out: String::new(),
        pointer: String::new(),
        plain,
    };
    match value {
        Value::Object(map) if !map.is_empty() => emitter.mapping(map, 0),
        Value::Array(items) if !items.is_empty() => emitter.sequence(items, 0),
        scalar => {
            let text = emitter.inline(scalar);
            emitter.out.push_str(&text);
            emitter.out.push('\n');
        }
    }
    emitter.out
}

/// Whether a placeholder can be written as a plain scalar that every YAML reader (1.1 and
/// 1.2) reads back as the same string: `${` then a name of letters, digits, `_`, `.`, `-`
/// and `:` (as in `${AWS::Region}`), then `}`. `$` starts no YAML token, and braces are
/// plain characters outside flow collections, which the writer does not use.
pub(crate) fn can_be_plain(text: &str) -> bool {
    text.strip_prefix("${")
        .and_then(|rest| rest.strip_suffix('}'))
        .is_some_and(|name| {
            !name.is_empty()
                && name.chars().all(|character| {
                    character.is_ascii_alphanumeric() || matches!(character, '_' | '.' | '-' | ':')
                })
        })
}

/// The text being written, and the JSON pointer of the value being written.
struct Emitter<'p> {
    out: String,
    pointer: String,
    plain: &'p [String],
}

impl Emitter<'_> {
    fn mapping(&mut self, map: &serde_json::Map<String, Value>, indent: usize) {
        for (index, (key, value)) in map.iter().enumerate() {
            // The first key of a mapping inside a sequence item follows its `- `.
            if index > 0 || !self.out.ends_with("- ") {
                self.out.push_str(&" ".repeat(indent));
            }
            let written = key_text(key);
            if written.chars().count() > IMPLICIT_KEY_LIMIT {
                // An explicit key (`? key` then `: value`) may be of any length.
                let _ = write!(self.out, "? {written}\n{}:", " ".repeat(indent));
            } else {
                self.out.push_str(&written);
                self.out.push(':');
            }
            let length = self.pointer.len();
            self.pointer.push('/');
            self.pointer
                .push_str(&crate::source::escape_pointer_segment(key));
            self.block_value(value, indent + 2);
            self.pointer.truncate(length);
        }
    }

    fn sequence(&mut self, items: &[Value], indent: usize) {
        for (index, item) in items.iter().enumerate() {
            let length = self.pointer.len();
            let _ = write!(self.pointer, "/{index}");
            self.out.push_str(&" ".repeat(indent));
            match item {
                Value::Object(map) if !map.is_empty() => {
                    self.out.push_str("- ");
                    self.mapping(map, indent + 2);
                }
                Value::Array(nested) if !nested.is_empty() => {
                    self.out.push_str("-\n");
                    self.sequence(nested, indent + 2);
                }
                scalar => {
                    let text = self.inline(scalar);
                    self.out.push_str("- ");
                    self.out.push_str(&text);
                    self.out.push('\n');
                }
            }
            self.pointer.truncate(length);
        }
    }

    /// What follows `key:`: a scalar on the same line, or a nested block.
    fn block_value(&mut self, value: &Value, indent: usize) {
        match value {
            Value::Object(map) if !map.is_empty() => {
                self.out.push('\n');
                self.mapping(map, indent);
            }
            Value::Array(items) if !items.is_empty() => {
                self.out.push('\n');
                self.sequence(items, indent);
            }
            scalar => {
                let text = self.inline(scalar);
                let _ = writeln!(self.out, " {text}");
            }
        }
    }

    /// A scalar, plain when it is a placeholder the caller asked for plain.
    fn inline(&self, value: &Value) -> String {
        match value {
            Value::String(text) if can_be_plain(text) && self.plain.contains(&self.pointer) => {
                text.clone()
            }
            other => inline(other),
        }
    }
}

/// The longest key, as written, that may stand before `:` (YAML 1.2 limits implicit keys to
/// 1024 characters; PyYAML refuses longer ones).
const IMPLICIT_KEY_LIMIT: usize = 1024;

fn inline(value: &Value) -> String {
    match value {
        Value::Object(_) => "{}".to_owned(),
        Value::Array(_) => "[]".to_owned(),
        Value::String(text) => quoted(text),
        Value::Number(number) => yaml_number(&number.to_string()),
        // Other JSON scalars are YAML scalars as they are: true, false and null.
        other => other.to_string(),
    }
}

/// A JSON number as YAML 1.1 loaders (the SAM transform, PyYAML) read it as a number too:
/// with an exponent, they need a `.` in the mantissa and a sign on the exponent
/// (`1e-7` is a string to them, `1.0e-7` a float; YAML 1.2 reads both alike).
fn yaml_number(text: &str) -> String {
    let Some(at) = text.find(['e', 'E']) else {
        return text.to_owned();
    };
    let (mantissa, exponent) = (&text[..at], &text[at + 1..]);
    let dot = if mantissa.contains('.') { "" } else { ".0" };
    let sign = if exponent.starts_with(['+', '-']) {
        ""
    } else {
        "+"
    };
    format!("{mantissa}{dot}e{sign}{exponent}")
}

/// A string double-quoted: JSON's escapes (YAML reads them alike), plus a `\uXXXX` escape for
/// each character YAML loaders refuse or change when written raw. `\u` rather than YAML's
/// `\x` keeps the text a JSON string too.
fn quoted(text: &str) -> String {
    let json = Value::String(text.to_owned()).to_string();
    if !json.chars().any(needs_escape) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 8);
    for character in json.chars() {
        if needs_escape(character) {
            // Every such character is in the Basic Multilingual Plane, so four digits do.
            let _ = write!(out, "\\u{:04x}", u32::from(character));
        } else {
            out.push(character);
        }
    }
    out
}

/// Whether a character must be escaped inside a double-quoted scalar.
///
/// YAML 1.2's printable set (`c-printable`, also PyYAML's, the loader SAM uses) leaves out
/// DEL, the C1 controls other than NEL, surrogates and U+FFFE/U+FFFF: loaders refuse those
/// raw. NEL, U+2028 and U+2029 are line breaks in YAML 1.1, so PyYAML folds them into a
/// space. A BOM belongs only at the start of a stream. JSON has already escaped C0 controls.
fn needs_escape(character: char) -> bool {
    let printable = matches!(
        character,
        '\t' | '\n' | '\r' | ' '..='~' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..='\u{10ffff}'
    );
    !printable || matches!(character, '\u{2028}' | '\u{2029}' | '\u{feff}')
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
        quoted(key)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::to_yaml;

    /// Characters YAML loaders refuse raw (DEL, C1 controls, noncharacters) or read
    /// otherwise (NEL, U+2028 and U+2029 are YAML 1.1 line breaks; a BOM mid-stream).
    const NOT_RAW: [char; 9] = [
        '\u{7f}', '\u{80}', '\u{85}', '\u{9f}', '\u{2028}', '\u{2029}', '\u{feff}', '\u{fffe}',
        '\u{ffff}',
    ];

    #[test]
    fn awkward_keys_and_nesting() {
        let yaml =
            to_yaml(&json!({"Payload.$": "$.x", "yes": [[1, 2], []], "a b": {"c": "line\nbreak"}}));
        assert_eq!(
            yaml,
            "\"Payload.$\": \"$.x\"\n\"yes\":\n  -\n    - 1\n    - 2\n  - []\n\"a b\":\n  c: \"line\\nbreak\"\n"
        );
    }

    #[test]
    fn characters_yaml_does_not_take_raw_are_escaped() {
        let yaml = to_yaml(
            &json!({"x\u{7f}y": "x\u{7f}y", "Nel": "x\u{85}y", "Other": "é\u{a0}😀\u{1f}"}),
        );
        assert_eq!(
            yaml,
            "\"x\\u007fy\": \"x\\u007fy\"\nNel: \"x\\u0085y\"\nOther: \"é\u{a0}😀\\u001f\"\n"
        );
        for character in NOT_RAW {
            let yaml = to_yaml(&Value::String(format!("x{character}y")));
            assert_eq!(yaml, format!("\"x\\u{:04x}y\"\n", u32::from(character)));
        }
    }

    #[test]
    fn keys_over_the_implicit_key_limit_are_explicit() {
        let longest = "k".repeat(1024);
        let long = "k".repeat(1025);
        let yaml = to_yaml(&json!([{&longest: 1, &long: {"a": 2}}]));
        assert_eq!(yaml, format!("- {longest}: 1\n  ? {long}\n  :\n    a: 2\n"));
        let yaml = to_yaml(&json!({"x": {&long: 1}}));
        assert_eq!(yaml, format!("x:\n  ? {long}\n  : 1\n"));
    }

    #[cfg(feature = "yaml")]
    #[test]
    fn long_keys_read_back_unchanged() {
        let long = "k".repeat(2000);
        let value = json!({&long: [{&long: {&long: 1}}, {"a": 1, &long: [1]}], "b": 2});
        let document = crate::source::YamlDocument::parse(&to_yaml(&value)).expect("readable YAML");
        let read: Value = serde_json::from_str(document.json()).expect("JSON");
        assert_eq!(read, value);
    }

    #[cfg(feature = "yaml")]
    #[test]
    fn escaped_strings_read_back_unchanged() {
        let all_c1: String = ('\u{80}'..='\u{9f}').collect();
        let text = format!(
            "a{}b\u{0}\t\n\r\"\\é\u{a0}\u{d7ff}\u{e000}\u{fffd}😀{all_c1}",
            String::from_iter(NOT_RAW)
        );
        let value = json!({"Key": text, text.clone(): [text.clone(), {"Nested": text}]});
        let yaml = to_yaml(&value);
        let document = crate::source::YamlDocument::parse(&yaml).expect("readable YAML");
        let read: Value = serde_json::from_str(document.json()).expect("JSON");
        assert_eq!(read, value);
    }

    #[test]
    fn numbers_with_an_exponent_are_floats_to_yaml_1_1_loaders_too() {
        let yaml =
            to_yaml(&json!({"a": 1e-7, "b": 1e300, "c": 1.5e-7, "d": 5e-324, "e": 12, "f": 0.5}));
        assert_eq!(
            yaml,
            "a: 1.0e-7\nb: 1.0e+300\nc: 1.5e-7\nd: 5.0e-324\ne: 12\nf: 0.5\n"
        );
    }

    #[cfg(feature = "yaml")]
    #[test]
    fn numbers_with_an_exponent_read_back_unchanged() {
        let value = json!({"a": 1e-7, "b": [1e300, -2.5e-10, 1e21]});
        let document = crate::source::YamlDocument::parse(&to_yaml(&value)).expect("readable YAML");
        let read: Value = serde_json::from_str(document.json()).expect("JSON");
        assert_eq!(read, value);
    }
}
