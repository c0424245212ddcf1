//! Dotted field paths (`order.id`, `items[0].sku`, `[0].id` on an array input) written
//! as JSONPath or JSONata, with names that are not plain identifiers quoted as each
//! language needs, and the paths that cannot be written alike in both ([`problem`]).

use std::fmt::Write as _;

use crate::expr::jsonpath::Selector;

/// `root.path` as JSONPath (`root` is `$` or `$$`): a name other than letters, digits,
/// `_` and `-` is written as the path parser reads it back whole: in brackets
/// (`$['unit price']`, `$["it's"]`; quoted text is taken as written, without escapes).
/// A path [`problem`] finds fault with is written with its odd segments quoted whole.
pub(crate) fn json_path(root: &str, path: &str) -> String {
    let mut text = String::with_capacity(root.len() + path.len() + 1);
    text.push_str(root);
    for segment in path.split('.') {
        let (name, indices) = split(segment).unwrap_or((segment, ""));
        if name.is_empty() {
            // An index of the root itself: `$[0]`.
        } else if is_plain(name) {
            text.push('.');
            text.push_str(name);
        } else {
            let _ = write!(text, "{}", Selector::Name(name.to_owned()));
        }
        text.push_str(indices);
    }
    text
}

/// ` prefix path ` as the body of a JSONata expression (`prefix` ends in `.`): a name that
/// is not an identifier, or is a word JSONata reads as a value or an operator, is written
/// in backquotes (`` $states.input.`order-id` ``); a name holding a backquote, which
/// backquotes cannot hold, is looked up (`` $lookup($states.input, "a`b") ``).
pub(crate) fn jsonata(prefix: &str, path: &str) -> String {
    let mut expression = prefix.strip_suffix('.').unwrap_or(prefix).to_owned();
    for segment in path.split('.') {
        let (name, indices) = split(segment).unwrap_or((segment, ""));
        if name.is_empty() {
            // An index of the root itself: `$states.input[0]`.
        } else if is_identifier(name) {
            expression.push('.');
            expression.push_str(name);
        } else if !name.contains('`') {
            expression.push_str(".`");
            expression.push_str(name);
            expression.push('`');
        } else {
            expression = format!("$lookup({expression}, {})", string_literal(name));
        }
        expression.push_str(indices);
    }
    format!(" {expression} ")
}

/// Why `path` cannot be read alike in JSONPath and JSONata, if it cannot: an empty
/// segment (`""`, `a..b`, `a.`), which JSONPath reads as recursive descent or nothing and
/// JSONata refuses, or brackets other than array indices (`[0]`, `[2][1]`): a wildcard
/// (`[*]`), whose one-item result JSONata does not keep as an array, a negative index, a
/// slice, a filter, or an index with no name before it past the first segment (`a.[0]`).
pub(crate) fn problem(path: &str) -> Option<&'static str> {
    for (position, segment) in path.split('.').enumerate() {
        if segment.is_empty() {
            return Some(if path.is_empty() {
                "is empty"
            } else {
                "has an empty segment (`a..b`, `a.`), which JSONPath reads as recursive descent or nothing, and JSONata refuses"
            });
        }
        match split(segment) {
            Some(("", _)) if position > 0 => {
                return Some("has an index with no name before it (`a.[0]`; write `a[0]`)");
            }
            Some(_) => {}
            None if segment.contains("[*]") => {
                return Some(
                    "has a wildcard `[*]`, which JSONPath and JSONata read differently (JSONata does not keep a one-item result as an array)",
                );
            }
            None => {
                return Some(
                    "has brackets that are not an array index (`[0]`): a negative index, slice, filter or quoted name",
                );
            }
        }
    }
    None
}

/// `text` as a JSONata string literal (JSON's escapes: JSONata reads them alike).
pub(crate) fn string_literal(text: &str) -> String {
    serde_json::Value::String(text.to_owned()).to_string()
}

/// A segment's name and its array indices (`items[0][1]` gives `items` and `[0][1]`; `[0]`
/// gives an empty name), if every bracket holds a number and the name has none.
fn split(segment: &str) -> Option<(&str, &str)> {
    let end = segment.find('[').unwrap_or(segment.len());
    let (name, mut indices) = segment.split_at(end);
    if name.contains(']') {
        return None;
    }
    let all = indices;
    while !indices.is_empty() {
        let inner = indices.strip_prefix('[')?;
        let close = inner.find(']')?;
        let (digits, rest) = inner.split_at(close);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        indices = rest.get(1..)?;
    }
    Some((name, all))
}

/// Whether JSONPath reads `name` as a dotted step: letters, digits, `_` and `-`.
fn is_plain(name: &str) -> bool {
    name.chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
}

/// Whether JSONata reads `name` as a field name without backquotes: an identifier that
/// is not a value (`true`, `false`, `null`) or an operator (`and`, `or`, `in`).
pub(crate) fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !matches!(name, "true" | "false" | "null" | "and" | "or" | "in")
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{json_path, jsonata};
    use crate::expr::jsonpath::{Segment, Selector, parse};

    /// Names no plain path step can spell, each of which must read back whole.
    const AWKWARD: [&str; 13] = [
        "unit price",
        "it's",
        r"C:\path",
        r#"say "hi""#,
        "true",
        "null",
        "and",
        "in",
        "order-id",
        "2fa",
        "a`b",
        "ünïcödé",
        "$",
    ];

    #[test]
    fn plain_paths_are_written_as_given() {
        assert_eq!(json_path("$", "order.id"), "$.order.id");
        assert_eq!(json_path("$", "items[0].sku"), "$.items[0].sku");
        assert_eq!(json_path("$", "order-id"), "$.order-id");
        assert_eq!(
            jsonata("$states.input.", "items[0].sku"),
            " $states.input.items[0].sku "
        );
    }

    #[test]
    fn other_names_are_quoted_per_language() {
        assert_eq!(json_path("$", "unit price"), "$['unit price']");
        assert_eq!(
            json_path("$", "line.unit price.net"),
            "$.line['unit price'].net"
        );
        assert_eq!(json_path("$", "it's"), r#"$["it's"]"#);
        assert_eq!(json_path("$", r"C:\path"), r"$['C:\path']");
        assert_eq!(json_path("$$", "Map.Item Value"), "$$.Map['Item Value']");
        assert_eq!(
            jsonata("$states.input.", "order-id"),
            " $states.input.`order-id` "
        );
        assert_eq!(
            jsonata("$states.input.", "2fa[1]"),
            " $states.input.`2fa`[1] "
        );
        assert_eq!(
            jsonata("$states.input.", "line.unit price"),
            " $states.input.line.`unit price` "
        );
        assert_eq!(jsonata("$states.input.", "true"), " $states.input.`true` ");
        assert_eq!(
            jsonata("$states.input.", "line.a`b.c"),
            r#" $lookup($states.input.line, "a`b").c "#
        );
    }

    #[test]
    fn every_awkward_name_reads_back_whole_in_jsonpath() {
        for name in AWKWARD {
            let text = json_path("$", name);
            let path = parse(&text).unwrap_or_else(|error| panic!("{text}: {error:?}"));
            assert!(
                matches!(&path.segments[..], [Segment::Child(Selector::Name(read))] if read == name),
                "{name:?} written as {text} reads back as {path:?}"
            );
        }
    }

    #[test]
    fn every_awkward_name_reads_back_whole_in_jsonata() {
        for name in AWKWARD {
            let text = jsonata("$states.input.", &format!("outer.{name}"));
            let expression =
                sfn_jsonata::parse(&text).unwrap_or_else(|error| panic!("{text}: {error:?}"));
            let env = sfn_jsonata::Environment::new().bind(
                "states",
                json!({"input": {"outer": {name: 42, "other": 1}}}),
            );
            assert_eq!(
                expression.evaluate(None, &env).ok().flatten(),
                Some(json!(42)),
                "{name:?} written as {text}"
            );
        }
    }
}
